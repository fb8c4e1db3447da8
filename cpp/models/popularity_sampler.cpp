#include "models/popularity_sampler.h"

#include <algorithm>

namespace als {

std::vector<int64_t> entries_per_column(const CsrMatrix& m) {
  std::vector<int64_t> counts(m.cols, 0);
  for (int32_t i : m.indices) ++counts[i];
  return counts;
}

PopularitySampler::PopularitySampler(const std::vector<int64_t>& counts) : cumulative_(counts.size()) {
  int64_t sum = 0;
  for (size_t i = 0; i < counts.size(); ++i) cumulative_[i] = sum += counts[i];
}

int32_t PopularitySampler::draw(SplitMix64& rng) const {
  // The item of entry number e, as if the entries were sorted by item.
  const int64_t e = static_cast<int64_t>(rng.below(static_cast<uint64_t>(total())));
  return static_cast<int32_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), e) - cumulative_.begin());
}

}  // namespace als
