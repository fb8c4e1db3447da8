// Items drawn in proportion to their training entries: the item of a random
// entry, as implicit's BPR and LMF draw their negatives, for a fold-in that
// has only the counts per item (the model keeps them, not the entries).
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "core/random.h"

namespace als {

// Entries per column of m.
std::vector<int64_t> entries_per_column(const CsrMatrix& m);

class PopularitySampler {
 public:
  explicit PopularitySampler(const std::vector<int64_t>& counts);
  int64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  // An item with probability count / total (total() > 0).
  int32_t draw(SplitMix64& rng) const;

 private:
  std::vector<int64_t> cumulative_;  // Σ counts of items 0..i
};

}  // namespace als
