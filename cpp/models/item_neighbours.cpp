#include "models/item_neighbours.h"

#include <algorithm>

namespace als {

void item_neighbour_rows(const CsrMatrix& x, const CsrMatrix& xt, int k, int32_t begin, int32_t end, ThreadPool& pool,
                         std::vector<std::vector<ScoredItem>>& rows_out) {
  constexpr int32_t kItemsPerTask = 64;
  const int32_t count = end - begin;
  rows_out.assign(count, {});
  const int64_t tasks = (count + kItemsPerTask - 1) / kItemsPerTask;
  pool.parallel_for(tasks, [&](int64_t task) {
    // Gustavson: s_i = Σ_u x_iu · (row u of Xᵀ), into a dense accumulator.
    std::vector<float> acc(x.rows, 0.0f);
    const int32_t first = begin + static_cast<int32_t>(task) * kItemsPerTask;
    const int32_t last = std::min(end, first + kItemsPerTask);
    for (int32_t i = first; i < last; ++i) {
      for (int64_t a = x.row_begin(i); a < x.row_end(i); ++a) {
        const float w = x.values[a];
        const int32_t u = x.indices[a];
        const int32_t* idx = xt.indices.data() + xt.row_begin(u);
        const float* val = xt.values.data() + xt.row_begin(u);
        const int64_t n = xt.row_size(u);
        for (int64_t b = 0; b < n; ++b) acc[idx[b]] += w * val[b];
      }
      TopK top(k);
      for (int32_t j = 0; j < x.rows; ++j)
        if (acc[j] != 0.0f) {
          top.offer(j, acc[j]);
          acc[j] = 0.0f;
        }
      std::vector<ScoredItem> row = top.sorted();
      std::sort(row.begin(), row.end(), [](const ScoredItem& l, const ScoredItem& r) { return l.id < r.id; });
      rows_out[i - begin] = std::move(row);
    }
  });
}

CsrMatrix csr_of_rows(int32_t items, const std::vector<std::vector<ScoredItem>>& rows) {
  CsrMatrix m;
  m.rows = m.cols = items;
  m.indptr.assign(1, 0);
  for (const auto& row : rows) {
    for (const ScoredItem& s : row) {
      m.indices.push_back(s.id);
      m.values.push_back(s.score);
    }
    m.indptr.push_back(static_cast<int64_t>(m.indices.size()));
  }
  return m;
}

}  // namespace als
