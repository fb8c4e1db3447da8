#include "models/item_neighbours.h"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

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

void scatter_scaled(float* acc, const int32_t* columns, const float* values, int64_t n, float w) {
  int64_t b = 0;
#if defined(__wasm_simd128__)
  const v128_t scale = wasm_f32x4_splat(w);
  for (; b + 8 <= n; b += 8) {
    const v128_t c0 = wasm_v128_load(columns + b);
    const v128_t c1 = wasm_v128_load(columns + b + 4);
    const v128_t p0 = wasm_f32x4_mul(scale, wasm_v128_load(values + b));
    const v128_t p1 = wasm_f32x4_mul(scale, wasm_v128_load(values + b + 4));
    acc[wasm_i32x4_extract_lane(c0, 0)] += wasm_f32x4_extract_lane(p0, 0);
    acc[wasm_i32x4_extract_lane(c0, 1)] += wasm_f32x4_extract_lane(p0, 1);
    acc[wasm_i32x4_extract_lane(c0, 2)] += wasm_f32x4_extract_lane(p0, 2);
    acc[wasm_i32x4_extract_lane(c0, 3)] += wasm_f32x4_extract_lane(p0, 3);
    acc[wasm_i32x4_extract_lane(c1, 0)] += wasm_f32x4_extract_lane(p1, 0);
    acc[wasm_i32x4_extract_lane(c1, 1)] += wasm_f32x4_extract_lane(p1, 1);
    acc[wasm_i32x4_extract_lane(c1, 2)] += wasm_f32x4_extract_lane(p1, 2);
    acc[wasm_i32x4_extract_lane(c1, 3)] += wasm_f32x4_extract_lane(p1, 3);
  }
#endif
  for (; b < n; ++b) acc[columns[b]] += w * values[b];
}

namespace {

// Offers c to the bounded heap [heap, heap + size) of at most k (front: the worst kept).
inline void offer_bounded(ScoredItem* heap, int32_t& size, int k, ScoredItem c) {
  if (size < k) {
    heap[size++] = c;
    std::push_heap(heap, heap + size, RanksBefore{});
  } else if (ranks_before(c, heap[0])) {
    std::pop_heap(heap, heap + size, RanksBefore{});
    heap[size - 1] = c;
    std::push_heap(heap, heap + size, RanksBefore{});
  }
}

}  // namespace

struct SymmetricNeighbourSearch::Slot {
  std::atomic<bool> busy{false};
  std::vector<ScoredItem> heaps;  // k per item
  std::vector<int32_t> sizes;     // one per item
  // The score a candidate must reach to enter item i's heap (its worst kept
  // once full, else −∞): one float per item, so that the most offers are
  // turned away by a read from cache instead of from the heaps.
  std::vector<float> bar;
};

SymmetricNeighbourSearch::SymmetricNeighbourSearch(const CsrMatrix& x, const CsrMatrix& xt, int k, int slots)
    : x_(x), xt_(xt), k_(std::clamp(k, 0, std::max(x.rows, 0))), own_(x.rows), offset_in_user_row_(x.nnz()) {
  // Rows of xt list their items in ascending order, and x's rows are visited
  // so: the next free place of row u is where item j sits.
  std::vector<int32_t> next(static_cast<size_t>(xt.rows), 0);
  for (int32_t j = 0; j < x.rows; ++j)
    for (int64_t a = x.row_begin(j); a < x.row_end(j); ++a) offset_in_user_row_[a] = next[x.indices[a]]++;
  for (int s = 0; s < std::max(slots, 1); ++s) {
    auto slot = std::make_unique<Slot>();
    slot->heaps.resize(static_cast<size_t>(x.rows) * static_cast<size_t>(k_));
    slot->sizes.assign(x.rows, 0);
    slot->bar.assign(x.rows, -std::numeric_limits<float>::infinity());
    slots_.push_back(std::move(slot));
  }
}

SymmetricNeighbourSearch::~SymmetricNeighbourSearch() = default;

uint64_t SymmetricNeighbourSearch::heap_bytes(int32_t items, int k, int slots) {
  const uint64_t per_slot =
      static_cast<uint64_t>(items) * (static_cast<uint64_t>(std::max(k, 0)) * sizeof(ScoredItem) + sizeof(int32_t));
  return per_slot * static_cast<uint64_t>(std::max(slots, 1));
}

// No more tasks run at once than the pool has threads, and slots_ has one per
// thread: a free one is always there.
SymmetricNeighbourSearch::Slot& SymmetricNeighbourSearch::take_slot() {
  for (;;)
    for (auto& slot : slots_) {
      bool expected = false;
      if (slot->busy.compare_exchange_strong(expected, true, std::memory_order_acquire)) return *slot;
    }
}

void SymmetricNeighbourSearch::add_rows(int32_t begin, int32_t end, ThreadPool& pool) {
  constexpr int32_t kRowsPerTask = 16;
  const int32_t items = x_.rows;
  const int64_t tasks = (end - begin + kRowsPerTask - 1) / kRowsPerTask;
  pool.parallel_for(tasks, [&](int64_t task) {
    Slot& slot = take_slot();
    std::vector<float> acc(items, 0.0f);
    const int32_t first = begin + static_cast<int32_t>(task) * kRowsPerTask;
    const int32_t last = std::min(end, first + kRowsPerTask);
    for (int32_t j = first; j < last; ++j) {
      // s_ji for i ≥ j: of each user u of j, the items from j on (rows of Xᵀ are sorted).
      for (int64_t a = x_.row_begin(j); a < x_.row_end(j); ++a) {
        const int32_t u = x_.indices[a];
        const int64_t from = xt_.row_begin(u) + offset_in_user_row_[a];
        scatter_scaled(acc.data(), xt_.indices.data() + from, xt_.values.data() + from, xt_.row_end(u) - from,
                       x_.values[a]);
      }
      TopK top(k_);
      for (int32_t i = j; i < items; ++i) {
        const float s = acc[i];
        if (s == 0.0f) continue;
        acc[i] = 0.0f;
        top.offer(i, s);
        if (i > j && s >= slot.bar[i] && k_ > 0) {  // NaN never passes
          ScoredItem* heap = slot.heaps.data() + static_cast<size_t>(i) * k_;
          offer_bounded(heap, slot.sizes[i], k_, {j, s});
          if (slot.sizes[i] == k_) slot.bar[i] = heap[0].score;
        }
      }
      own_[j] = top.sorted();
    }
    slot.busy.store(false, std::memory_order_release);
  });
}

double SymmetricNeighbourSearch::work_done(int32_t rows) const {
  if (x_.rows <= 0) return 1.0;
  const double left = 1.0 - static_cast<double>(rows) / x_.rows;
  return 1.0 - left * left;
}

std::vector<std::vector<ScoredItem>> SymmetricNeighbourSearch::take_rows(ThreadPool& pool) {
  const int32_t items = x_.rows;
  std::vector<std::vector<ScoredItem>> rows(items);
  constexpr int32_t kRowsPerTask = 256;
  pool.parallel_for((items + kRowsPerTask - 1) / kRowsPerTask, [&](int64_t task) {
    const int32_t first = static_cast<int32_t>(task) * kRowsPerTask;
    const int32_t last = std::min(items, first + kRowsPerTask);
    for (int32_t i = first; i < last; ++i) {
      std::vector<ScoredItem> all = std::move(own_[i]);
      for (const auto& slot : slots_) {
        const ScoredItem* heap = slot->heaps.data() + static_cast<size_t>(i) * k_;
        all.insert(all.end(), heap, heap + slot->sizes[i]);
      }
      std::sort(all.begin(), all.end(), RanksBefore{});
      if (static_cast<int>(all.size()) > k_) all.resize(k_);
      std::sort(all.begin(), all.end(), [](const ScoredItem& l, const ScoredItem& r) { return l.id < r.id; });
      rows[i] = std::move(all);
    }
  });
  return rows;
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
