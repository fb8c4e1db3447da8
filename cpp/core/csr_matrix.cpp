#include "core/csr_matrix.h"

#include <algorithm>
#include <stdexcept>

#include "core/cancellation.h"
#include "core/parallel.h"

namespace als {

float CsrMatrix::at(int32_t r, int32_t c) const {
  auto begin = indices.begin() + indptr[r], end = indices.begin() + indptr[r + 1];
  auto it = std::lower_bound(begin, end, c);
  return (it != end && *it == c) ? values[it - indices.begin()] : 0.0f;
}

namespace {

// Triplets bucketed by row in input order (a stable counting sort: one pass,
// sequential when they come grouped by user, as rating files do).
CsrMatrix scatter_by_row(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets) {
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
  m.indices.resize(triplets.size());
  m.values.resize(triplets.size());
  std::vector<int64_t> next(m.indptr.begin(), m.indptr.end() - 1);
  for (const Triplet& t : triplets) {
    const int64_t pos = next[t.row]++;
    m.indices[pos] = t.col;
    m.values[pos] = t.value;
  }
  return m;
}

void combine(float& into, float value, DuplicateRule rule) {
  switch (rule) {
    case DuplicateRule::kLast:
      into = value;
      break;
    case DuplicateRule::kSum:
      into += value;
      break;
    case DuplicateRule::kMax:
      into = std::max(into, value);
      break;
  }
}

void shrink_to(CsrMatrix& m, int64_t nnz) {
  m.indices.resize(nnz);
  m.values.resize(nnz);
  m.indices.shrink_to_fit();
  m.values.shrink_to_fit();
}

}  // namespace

CsrMatrix csr_from_triplets(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets, DuplicateRule rule) {
  // Each row sorted by column (stable: equal (row, col) pairs keep input
  // order, which kLast relies on), then equal neighbours merged in place.
  CsrMatrix m = scatter_by_row(rows, cols, triplets);
  std::vector<std::pair<int32_t, float>> row;
  int64_t out = 0;
  for (int32_t r = 0; r < rows; ++r) {
    const int64_t begin = m.indptr[r], end = m.indptr[r + 1];
    if (!std::is_sorted(m.indices.begin() + begin, m.indices.begin() + end)) {
      row.clear();
      for (int64_t k = begin; k < end; ++k) row.emplace_back(m.indices[k], m.values[k]);
      std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (int64_t k = begin; k < end; ++k) {
        m.indices[k] = row[k - begin].first;
        m.values[k] = row[k - begin].second;
      }
    }
    m.indptr[r] = out;  // rows only move left
    for (int64_t k = begin; k < end; ++k) {
      if (out > m.indptr[r] && m.indices[out - 1] == m.indices[k]) {
        combine(m.values[out - 1], m.values[k], rule);
      } else {
        m.indices[out] = m.indices[k];
        m.values[out] = m.values[k];
        ++out;
      }
    }
  }
  m.indptr[rows] = out;
  shrink_to(m, out);
  return m;
}

CsrMatrix csr_from_triplets_unsorted(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets,
                                     DuplicateRule rule) {
  // Duplicates found through where each column last appeared in this row.
  CsrMatrix m = scatter_by_row(rows, cols, triplets);
  throw_if_cancelled();  // (the scatter takes a while on big data)
  std::vector<int32_t> seen_in_row(static_cast<size_t>(cols), -1);
  std::vector<int64_t> position(static_cast<size_t>(cols), 0);
  int64_t out = 0;
  for (int32_t r = 0; r < rows; ++r) {
    const int64_t begin = m.indptr[r], end = m.indptr[r + 1];
    m.indptr[r] = out;
    for (int64_t k = begin; k < end; ++k) {
      const int32_t c = m.indices[k];
      if (seen_in_row[c] == r) {
        combine(m.values[position[c]], m.values[k], rule);
      } else {
        seen_in_row[c] = r;
        position[c] = out;
        m.indices[out] = c;
        m.values[out] = m.values[k];
        ++out;
      }
    }
  }
  m.indptr[rows] = out;
  shrink_to(m, out);
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

CsrMatrix transpose(const CsrMatrix& m, ThreadPool& pool) { return transpose_in_order(m, nullptr, pool); }

int64_t parts_worth(int64_t nnz, const ThreadPool& pool) {
  constexpr int64_t kMinEntriesPerPart = 1 << 20;
  return std::max<int64_t>(1, std::min<int64_t>(pool.size(), nnz / kMinEntriesPerPart));
}

std::vector<int32_t> split_by_entries(const std::vector<int64_t>& entries_before, int64_t parts) {
  const auto n = static_cast<int32_t>(entries_before.size() - 1);
  const int64_t total = entries_before.back();
  std::vector<int32_t> first(static_cast<size_t>(parts) + 1, n);
  first[0] = 0;
  for (int64_t t = 1; t < parts; ++t) {
    const auto at =
        std::upper_bound(entries_before.begin(), entries_before.end(), total * t / parts) - entries_before.begin() - 1;
    first[t] = std::max(first[t - 1], static_cast<int32_t>(at));
  }
  return first;
}

CsrMatrix transpose_in_order(const CsrMatrix& m, const std::vector<int32_t>* visit, ThreadPool& pool) {
  const int64_t parts = parts_worth(m.nnz(), pool);
  if (parts <= 1 && visit == nullptr) return transpose(m);
  const auto row_at = [&](int32_t position) { return visit ? (*visit)[position] : position; };
  std::vector<int64_t> before(static_cast<size_t>(m.rows) + 1, 0);  // entries before each visiting position
  for (int32_t p = 0; p < m.rows; ++p) before[p + 1] = before[p] + m.row_size(row_at(p));
  const std::vector<int32_t> first = split_by_entries(before, parts);
  // Per part, the entries each column has in its rows; then where in each
  // output row (column) the part's entries start.
  std::vector<std::vector<int64_t>> next(static_cast<size_t>(parts),
                                         std::vector<int64_t>(static_cast<size_t>(m.cols), 0));
  pool.parallel_for(parts, [&](int64_t t) {
    std::vector<int64_t>& count = next[t];
    for (int32_t p = first[t]; p < first[t + 1]; ++p) {
      const int32_t r = row_at(p);
      for (int64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) ++count[m.indices[k]];
    }
  });
  CsrMatrix out;
  out.rows = m.cols;
  out.cols = m.rows;
  out.indptr.assign(static_cast<size_t>(out.rows) + 1, 0);
  for (int32_t c = 0; c < m.cols; ++c) {
    int64_t position = out.indptr[c];
    for (int64_t t = 0; t < parts; ++t) {
      const int64_t n = next[t][c];
      next[t][c] = position;
      position += n;
    }
    out.indptr[c + 1] = position;
  }
  out.indices.resize(m.indices.size());
  out.values.resize(m.values.size());
  pool.parallel_for(parts, [&](int64_t t) {
    std::vector<int64_t>& at = next[t];
    for (int32_t p = first[t]; p < first[t + 1]; ++p) {
      const int32_t r = row_at(p);
      for (int64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
        const int64_t pos = at[m.indices[k]]++;
        out.indices[pos] = r;
        out.values[pos] = m.values[k];
      }
    }
  });
  return out;
}

bool rows_sorted(const CsrMatrix& m) {
  for (int32_t r = 0; r < m.rows; ++r)
    for (int64_t k = m.indptr[r] + 1; k < m.indptr[r + 1]; ++k)
      if (m.indices[k - 1] >= m.indices[k]) return false;
  return true;
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
