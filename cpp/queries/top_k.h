// Top-N selection shared by every query. Ranking: higher score first, ties
// broken by the lower index, so results are deterministic; NaN never ranks.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace als {

struct ScoredItem {
  int32_t id;  // item (or user) index
  float score;
};

inline bool ranks_before(const ScoredItem& a, const ScoredItem& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

// ranks_before as a type, for the standard heaps and sorts: a function pointer
// there is an indirect call per comparison, which the compiler does not inline.
struct RanksBefore {
  bool operator()(const ScoredItem& a, const ScoredItem& b) const { return ranks_before(a, b); }
};

// Keeps the best `n` of the offered candidates (a bounded heap: O(m log n)).
class TopK {
 public:
  explicit TopK(int n) : n_(std::max(n, 0)) { heap_.reserve(n_ + 1); }

  // noexcept: the heap never grows past the n + 1 reserved, and a call that
  // cannot throw is a plain call in WebAssembly; one that might goes through
  // Emscripten's JS exception trampoline (invoke_*), a JS round trip per offer.
  void offer(int32_t id, float score) noexcept {
    if (n_ == 0 || std::isnan(score)) return;
    ScoredItem candidate{id, score};
    if (static_cast<int>(heap_.size()) < n_) {
      heap_.push_back(candidate);
      std::push_heap(heap_.begin(), heap_.end(), RanksBefore{});
    } else if (ranks_before(candidate, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), RanksBefore{});
      heap_.back() = candidate;
      std::push_heap(heap_.begin(), heap_.end(), RanksBefore{});
    }
  }

  // Best first.
  std::vector<ScoredItem> sorted() const {
    std::vector<ScoredItem> out = heap_;
    std::sort(out.begin(), out.end(), RanksBefore{});
    return out;
  }

 private:
  int n_;
  std::vector<ScoredItem> heap_;  // a heap whose front is the worst kept
};

}  // namespace als
