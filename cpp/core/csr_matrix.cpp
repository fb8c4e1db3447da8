#include "core/csr_matrix.h"

#include <algorithm>
#include <stdexcept>

namespace als {

float CsrMatrix::at(int32_t r, int32_t c) const {
  auto begin = indices.begin() + indptr[r], end = indices.begin() + indptr[r + 1];
  auto it = std::lower_bound(begin, end, c);
  return (it != end && *it == c) ? values[it - indices.begin()] : 0.0f;
}

CsrMatrix csr_from_triplets(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets,
                            DuplicateRule rule) {
  // Counting sort by column, then a stable scatter by row: rows end up sorted
  // by column, and equal (row, col) pairs stay in input order.
  std::vector<int64_t> col_start(static_cast<size_t>(cols) + 1, 0);
  for (const Triplet& t : triplets) {
    if (t.row < 0 || t.row >= rows || t.col < 0 || t.col >= cols)
      throw std::out_of_range("csr_from_triplets: index outside the matrix shape");
    ++col_start[t.col + 1];
  }
  for (int32_t c = 0; c < cols; ++c) col_start[c + 1] += col_start[c];
  std::vector<uint32_t> by_col(triplets.size());
  {
    std::vector<int64_t> next(col_start.begin(), col_start.end() - 1);
    for (size_t k = 0; k < triplets.size(); ++k) by_col[next[triplets[k].col]++] = static_cast<uint32_t>(k);
  }
  std::vector<int64_t> row_count(static_cast<size_t>(rows) + 1, 0);
  for (const Triplet& t : triplets) ++row_count[t.row + 1];
  for (int32_t r = 0; r < rows; ++r) row_count[r + 1] += row_count[r];

  std::vector<int32_t> idx(triplets.size());
  std::vector<float> val(triplets.size());
  {
    std::vector<int64_t> next(row_count.begin(), row_count.end() - 1);
    for (uint32_t k : by_col) {
      const Triplet& t = triplets[k];
      int64_t pos = next[t.row]++;
      idx[pos] = t.col;
      val[pos] = t.value;
    }
  }

  // Merge duplicates in place.
  CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.indptr.assign(static_cast<size_t>(rows) + 1, 0);
  int64_t out = 0;
  for (int32_t r = 0; r < rows; ++r) {
    int64_t begin = row_count[r], end = row_count[r + 1];
    for (int64_t k = begin; k < end; ++k) {
      if (out > m.indptr[r] && idx[out - 1] == idx[k]) {
        float& v = val[out - 1];
        switch (rule) {
          case DuplicateRule::kLast: v = val[k]; break;
          case DuplicateRule::kSum: v += val[k]; break;
          case DuplicateRule::kMax: v = std::max(v, val[k]); break;
        }
      } else {
        idx[out] = idx[k];
        val[out] = val[k];
        ++out;
      }
    }
    m.indptr[r + 1] = out;
  }
  idx.resize(out);
  val.resize(out);
  idx.shrink_to_fit();
  val.shrink_to_fit();
  m.indices = std::move(idx);
  m.values = std::move(val);
  return m;
}

CsrMatrix transpose(const CsrMatrix& m) {
  CsrMatrix t;
  t.rows = m.cols;
  t.cols = m.rows;
  t.indptr.assign(static_cast<size_t>(t.rows) + 1, 0);
  for (int32_t c : m.indices) ++t.indptr[c + 1];
  for (int32_t r = 0; r < t.rows; ++r) t.indptr[r + 1] += t.indptr[r];
  t.indices.resize(m.indices.size());
  t.values.resize(m.values.size());
  std::vector<int64_t> next(t.indptr.begin(), t.indptr.end() - 1);
  for (int32_t r = 0; r < m.rows; ++r) {
    for (int64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
      int64_t pos = next[m.indices[k]]++;
      t.indices[pos] = r;
      t.values[pos] = m.values[k];
    }
  }
  return t;
}

CsrMatrix select_rows(const CsrMatrix& m, const std::vector<int32_t>& rows) {
  CsrMatrix s;
  s.rows = static_cast<int32_t>(rows.size());
  s.cols = m.cols;
  s.indptr.assign(rows.size() + 1, 0);
  for (size_t k = 0; k < rows.size(); ++k) s.indptr[k + 1] = s.indptr[k] + m.row_size(rows[k]);
  s.indices.reserve(s.indptr.back());
  s.values.reserve(s.indptr.back());
  for (int32_t r : rows) {
    s.indices.insert(s.indices.end(), m.indices.begin() + m.indptr[r], m.indices.begin() + m.indptr[r + 1]);
    s.values.insert(s.values.end(), m.values.begin() + m.indptr[r], m.values.begin() + m.indptr[r + 1]);
  }
  return s;
}

}  // namespace als
