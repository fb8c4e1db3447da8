// Compressed sparse row matrix: the user x item interactions (and their
// transpose). Row r holds columns indices[indptr[r] .. indptr[r+1]), sorted
// ascending, with matching values.
#pragma once

#include <cstdint>
#include <vector>

namespace als {

class ThreadPool;

struct CsrMatrix {
  int32_t rows = 0;
  int32_t cols = 0;
  std::vector<int64_t> indptr{0};
  std::vector<int32_t> indices;
  std::vector<float> values;

  int64_t nnz() const { return static_cast<int64_t>(indices.size()); }
  int64_t row_begin(int32_t r) const { return indptr[r]; }
  int64_t row_end(int32_t r) const { return indptr[r + 1]; }
  int64_t row_size(int32_t r) const { return indptr[r + 1] - indptr[r]; }
  // Value at (r, c), or 0 when absent (binary search in the sorted row).
  float at(int32_t r, int32_t c) const;
};

struct Triplet {
  int32_t row;
  int32_t col;
  float value;
};

// How to combine several values given for the same (row, col).
enum class DuplicateRule { kLast, kSum, kMax };

// Builds a CSR matrix from triplets (a counting sort by row). Triplets are
// taken in order, so kLast keeps the value that came last.
CsrMatrix csr_from_triplets(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets, DuplicateRule rule);

// The same with each row's entries left in input order (not sorted by
// column): duplicates are merged in O(nnz) without sorting anything. For the
// first step of data preparation, whose rows are renumbered afterwards.
CsrMatrix csr_from_triplets_unsorted(int32_t rows, int32_t cols, const std::vector<Triplet>& triplets,
                                     DuplicateRule rule);

// The transpose, in O(nnz) (counting sort, rows stay sorted).
CsrMatrix transpose(const CsrMatrix& m);
// The same on the pool's threads: each scatters a range of rows to the
// places counted for it beforehand, so the result is the sequential one.
CsrMatrix transpose(const CsrMatrix& m, ThreadPool& pool);
// The transpose with m's rows visited in the order visit gives (row visit[0]
// first, visit a permutation of m's rows): each output row lists its entries
// in that order (their columns are m's row numbers as they are). nullptr:
// rows in order, as transpose().
CsrMatrix transpose_in_order(const CsrMatrix& m, const std::vector<int32_t>* visit, ThreadPool& pool);

// How many parts a pass over nnz entries is worth on the pool: as many as it
// has threads, each of at least 2^20 entries (below that, waking the threads
// costs more than they save).
int64_t parts_worth(int64_t nnz, const ThreadPool& pool);
// Cuts positions [0, n) into parts consecutive ranges [first[t], first[t+1])
// of about the same number of entries (first has parts + 1 values, from 0 to
// n); entries_before[p]: the entries before position p (n + 1 values).
std::vector<int32_t> split_by_entries(const std::vector<int64_t>& entries_before, int64_t parts);

// Whether every row's columns are in ascending order.
bool rows_sorted(const CsrMatrix& m);

// Keeps only the given rows, in the given order (a smaller matrix).
CsrMatrix select_rows(const CsrMatrix& m, const std::vector<int32_t>& rows);

}  // namespace als
