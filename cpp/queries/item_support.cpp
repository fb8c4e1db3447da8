#include "queries/item_support.h"

#include <algorithm>

namespace als {

std::vector<int32_t> item_support(const CsrMatrix& item_users) {
  std::vector<int32_t> support(item_users.rows);
  for (int32_t i = 0; i < item_users.rows; ++i) support[i] = static_cast<int32_t>(item_users.row_size(i));
  return support;
}

int32_t default_min_support(const std::vector<int32_t>& support) {
  int32_t reaching = 0;
  for (int32_t s : support)
    if (s >= kDefaultMinSupport && ++reaching >= kMinItemsForSupportRule) return kDefaultMinSupport;
  return 0;
}

std::vector<float> support_weights(const std::vector<int32_t>& support, double beta) {
  if (!(beta > 0)) return {};
  std::vector<float> weights(support.size());
  for (size_t i = 0; i < support.size(); ++i) {
    const double n = std::max(support[i], 0);
    weights[i] = static_cast<float>(n / (n + beta));
  }
  return weights;
}

int32_t items_below_support(const std::vector<int32_t>& support, int32_t min_support) {
  int32_t below = 0;
  for (int32_t s : support) below += s < min_support ? 1 : 0;
  return below;
}

}  // namespace als
