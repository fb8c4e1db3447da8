#include "eval/neighbour_quality.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace als {

namespace {

// |a ∩ b| of two sorted index lists.
int64_t common(const int32_t* a, int64_t na, const int32_t* b, int64_t nb) {
  int64_t n = 0;
  for (int64_t p = 0, q = 0; p < na && q < nb;) {
    if (a[p] < b[q])
      ++p;
    else if (b[q] < a[p])
      ++q;
    else
      ++n, ++p, ++q;
  }
  return n;
}

}  // namespace

NeighbourQuality neighbour_quality(const std::vector<int32_t>& items, const std::vector<std::vector<ScoredItem>>& lists,
                                   const std::vector<int32_t>& support, const CsrMatrix& test_item_users) {
  if (items.size() != lists.size()) throw std::invalid_argument("neighbour_quality: one list per item");
  NeighbourQuality q;
  double sum = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    const int32_t i = items[k];
    const int64_t ni = i < test_item_users.rows ? test_item_users.row_size(i) : 0;
    for (const ScoredItem& s : lists[k]) {
      const int32_t j = s.id;
      if (j == i) continue;
      ++q.listed;
      const int32_t users = j < static_cast<int32_t>(support.size()) ? support[j] : 0;
      q.under_10 += users < 10 ? 1 : 0;
      q.under_20 += users < 20 ? 1 : 0;
      if (ni == 0) continue;
      const int64_t nj = j < test_item_users.rows ? test_item_users.row_size(j) : 0;
      const int32_t* a = test_item_users.indices.data() + test_item_users.row_begin(i);
      const int32_t* b = nj ? test_item_users.indices.data() + test_item_users.row_begin(j) : nullptr;
      sum += static_cast<double>(common(a, ni, b, nj)) / static_cast<double>(ni);
      ++q.scored;
    }
  }
  q.held_out = q.scored ? sum / static_cast<double>(q.scored) : 0.0;
  return q;
}

std::vector<int32_t> most_supported_items(const std::vector<int32_t>& support, int n) {
  std::vector<int32_t> order(support.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t keep = std::min(order.size(), static_cast<size_t>(std::max(n, 0)));
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
      [&](int32_t a, int32_t b) { return support[a] > support[b] || (support[a] == support[b] && a < b); });
  order.resize(keep);
  return order;
}

}  // namespace als
