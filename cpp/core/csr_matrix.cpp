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
  // A stable counting sort by row (one pass; sequential when the triplets come
  // grouped by user, as rating files do), then each row sorted by column —
  // rows are short and usually sorted already. Stability keeps equal
  // (row, col) pairs in input order, which kLast relies on.
  CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.indptr.assign(static_cast<size_t>(rows) + 1, 0);
  for (const Triplet& t : triplets) {
    if (t.row < 0 || t.row >= rows || t.col < 0 || t.col >= cols)
      throw std::out_of_range("csr_from_triplets: index outside the matrix shape");
    ++m.indptr[t.row + 1];
  }
  for (int32_t r = 0; r < rows; ++r) m.indptr[r + 1] += m.indptr[r];

  std::vector<int32_t> idx(triplets.size());
  std::vector<float> val(triplets.size());
  {
    std::vector<int64_t> next(m.indptr.begin(), m.indptr.end() - 1);
    for (const Triplet& t : triplets) {
      const int64_t pos = next[t.row]++;
      idx[pos] = t.col;
      val[pos] = t.value;
    }
  }

  std::vector<std::pair<int32_t, float>> row;
  int64_t out = 0;
  for (int32_t r = 0; r < rows; ++r) {
    const int64_t begin = m.indptr[r], end = m.indptr[r + 1];
    if (!std::is_sorted(idx.begin() + begin, idx.begin() + end)) {
      row.clear();
      for (int64_t k = begin; k < end; ++k) row.emplace_back(idx[k], val[k]);
      std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (int64_t k = begin; k < end; ++k) {
        idx[k] = row[k - begin].first;
        val[k] = row[k - begin].second;
      }
    }
    // Merge duplicates in place (the rows only move left).
    m.indptr[r] = out;
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
  }
  m.indptr[rows] = out;
  idx.resize(out);
  val.resize(out);
  idx.shrink_to_fit();
  val.shrink_to_fit();
  m.indices = std::move(idx);
  m.values = std::move(val);
  return m;
}

CsrMatrix csr_from_triplets_unsorted(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets,
                                     DuplicateRule rule) {
  CsrMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.indptr.assign(static_cast<size_t>(rows) + 1, 0);
  for (const Triplet& t : triplets) {
    if (t.row < 0 || t.row >= rows || t.col < 0 || t.col >= cols)
      throw std::out_of_range("csr_from_triplets: index outside the matrix shape");
    ++m.indptr[t.row + 1];
  }
  for (int32_t r = 0; r < rows; ++r) m.indptr[r + 1] += m.indptr[r];
  std::vector<int32_t> idx(triplets.size());
  std::vector<float> val(triplets.size());
  {
    std::vector<int64_t> next(m.indptr.begin(), m.indptr.end() - 1);
    for (const Triplet& t : triplets) {
      const int64_t pos = next[t.row]++;
      idx[pos] = t.col;
      val[pos] = t.value;
    }
  }
  // Duplicates: where each column last appeared in the current row.
  std::vector<int32_t> seen_in_row(static_cast<size_t>(cols), -1);
  std::vector<int64_t> position(static_cast<size_t>(cols), 0);
  int64_t out = 0;
  for (int32_t r = 0; r < rows; ++r) {
    const int64_t begin = m.indptr[r], end = m.indptr[r + 1];
    m.indptr[r] = out;
    for (int64_t k = begin; k < end; ++k) {
      const int32_t c = idx[k];
      if (seen_in_row[c] == r) {
        float& v = val[position[c]];
        switch (rule) {
          case DuplicateRule::kLast: v = val[k]; break;
          case DuplicateRule::kSum: v += val[k]; break;
          case DuplicateRule::kMax: v = std::max(v, val[k]); break;
        }
      } else {
        seen_in_row[c] = r;
        position[c] = out;
        idx[out] = c;
        val[out] = val[k];
        ++out;
      }
    }
  }
  m.indptr[rows] = out;
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
