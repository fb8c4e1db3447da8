// implicit's all_pairs_knn: for each item i (a row of the weighted item x user
// matrix X), the K largest s_ij = x_i · x_j over all items j, i itself included,
// as the sparse rows of S (columns ascending). A zero s_ij is no neighbour.
// Ties: the lower item index first. The result does not depend on the thread
// count.
//
// Two ways to the same rows:
// - item_neighbour_rows: each row on its own (Gustavson: s_i = Σ_u x_iu · row u
//   of Xᵀ into a dense accumulator). The plain one, and the one used when the
//   heaps below would not fit.
// - SymmetricNeighbourSearch: S is symmetric, so each s_ij is summed once (as
//   row j's entry for i ≥ j) and offered to both rows: half the work.
// Both sum s_ij over the common users in ascending order, and x_iu·x_ju equals
// x_ju·x_iu exactly: they give the very same rows.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/csr_matrix.h"
#include "core/parallel.h"
#include "queries/top_k.h"

namespace als {

// rows_out[i - begin] = the K neighbours of item i, for i in [begin, end).
// x: item x user, xt: its transpose (user x item). Each pool task writes
// only its own rows.
void item_neighbour_rows(const CsrMatrix& x, const CsrMatrix& xt, int k, int32_t begin, int32_t end, ThreadPool& pool,
                         std::vector<std::vector<ScoredItem>>& rows_out);

// Row j computes s_ji for every i ≥ j (the users' items from j on) and keeps
// its own K best of them; each s_ji with i > j also goes to row i, into a
// bounded heap of the task's slot (one slot per pool thread, taken by a task
// for its duration, so no heap is written by two tasks at once). Row i's K
// best are then the best of its own part and of its heaps in every slot:
// each pair was offered exactly once, so which slot held it does not matter.
class SymmetricNeighbourSearch {
 public:
  // xt: x's transpose, rows sorted (as transpose() gives).
  SymmetricNeighbourSearch(const CsrMatrix& x, const CsrMatrix& xt, int k, int slots);
  ~SymmetricNeighbourSearch();
  SymmetricNeighbourSearch(const SymmetricNeighbourSearch&) = delete;
  SymmetricNeighbourSearch& operator=(const SymmetricNeighbourSearch&) = delete;

  // The memory the heaps take (K at most the items).
  static uint64_t heap_bytes(int32_t items, int k, int slots);
  // Above this the heaps cost more memory than the halved work is worth
  // (a catalog of ~400k items at K = 20, 2 threads): item_neighbour_rows then.
  static constexpr uint64_t kMostHeapBytes = uint64_t(128) << 20;
  static bool fits(int32_t items, int k, int slots) { return heap_bytes(items, k, slots) <= kMostHeapBytes; }

  // Rows [begin, end) and their pairs with every later item; any slicing.
  void add_rows(int32_t begin, int32_t end, ThreadPool& pool);
  // The share of the work done once rows [0, rows) were added (row j pairs
  // with the items after it: the first rows cost most).
  double work_done(int32_t rows) const;
  // Once every row was added: row i's K neighbours, columns ascending.
  std::vector<std::vector<ScoredItem>> take_rows(ThreadPool& pool);

 private:
  struct Slot;
  Slot& take_slot();

  const CsrMatrix& x_;
  const CsrMatrix& xt_;
  int k_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<std::vector<ScoredItem>> own_;  // row j's best among i ≥ j
  // For each entry (j, u) of x, where item j sits in row u of xt: row j's
  // pairs with the items from j on start there (no search in row u).
  std::vector<int32_t> offset_in_user_row_;
};

// acc[columns[b]] += w · values[b] for b < n, the columns of one call all
// different. The plain loop natively; in wasm four products at a time come
// from one SIMD multiply and are added lane by lane, which V8 runs about twice
// as fast as its scalar loop. The same roundings in the same order: the very
// bits of the plain loop.
void scatter_scaled(float* acc, const int32_t* columns, const float* values, int64_t n, float w);

// The rows as an item x item CSR matrix.
CsrMatrix csr_of_rows(int32_t items, const std::vector<std::vector<ScoredItem>>& rows);

}  // namespace als
