#include "eval/block_top_k.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "als/factor_kernels.h"
#include "queries/top_k.h"

namespace als {

BlockTopK::BlockTopK(const AlsModel& model)
    : users_(&model.user_factors), factors_(model.item_factors.factors()), items_(model.item_factors.rows()) {
  blocks_ = (items_ + kBlockItems - 1) / kBlockItems;
  blocked_.assign(static_cast<size_t>(blocks_) * factors_ * kBlockItems, 0.0f);
  for (int64_t i = 0; i < items_; ++i) {
    const float* y = model.item_factors.row(i);
    const int64_t b = i / kBlockItems, j = i % kBlockItems;
    for (int k = 0; k < factors_; ++k) blocked_[(b * factors_ + k) * kBlockItems + j] = y[k];
  }
}

namespace {

// The best k (score, item) pairs offered in ascending item order: a heap
// whose front is the worst kept. Items come in ascending order, so a later
// item with the same score as the worst kept never displaces it (ties rank
// the lower index first, as TopK does): only a strictly higher score gets in.
class BestK {
 public:
  explicit BestK(int k) : k_(k) { heap_.reserve(k + 1); }
  // Scores at or below this cannot get in (-inf while not full).
  float bar() const {
    return static_cast<int>(heap_.size()) < k_ ? -std::numeric_limits<float>::infinity() : heap_.front().score;
  }
  void offer(int32_t item, float score) {
    if (k_ == 0 || std::isnan(score)) return;
    if (static_cast<int>(heap_.size()) < k_) {
      heap_.push_back({item, score});
      std::push_heap(heap_.begin(), heap_.end(), RanksBefore{});
    } else if (score > heap_.front().score) {
      std::pop_heap(heap_.begin(), heap_.end(), RanksBefore{});
      heap_.back() = {item, score};
      std::push_heap(heap_.begin(), heap_.end(), RanksBefore{});
    }
  }
  void sorted_ids(std::vector<int32_t>& out) {
    std::sort(heap_.begin(), heap_.end(), RanksBefore{});
    out.clear();
    for (const ScoredItem& s : heap_) out.push_back(s.id);
  }

 private:
  int k_;
  std::vector<ScoredItem> heap_;
};

}  // namespace

void BlockTopK::recommend(const CsrMatrix& exclude, const int32_t* users, int n, int k,
                          std::vector<std::vector<int32_t>>& ids) const {
  using namespace kernels;
  std::vector<BestK> best(n, BestK(k));
  std::vector<int64_t> cursor(n);  // into each user's sorted row of `exclude`
  for (int u = 0; u < n; ++u) cursor[u] = exclude.indptr[users[u]];
  alignas(64) float scores[kBlockItems];
  for (int64_t b = 0; b < blocks_; ++b) {
    const float* block = blocked_.data() + static_cast<size_t>(b) * factors_ * kBlockItems;
    const int64_t first = b * kBlockItems;
    const int width = static_cast<int>(std::min<int64_t>(kBlockItems, items_ - first));
    for (int u = 0; u < n; ++u) {
      const float* x = users_->row(users[u]);
      // s[j] = Σ_f x[f] · y_{first+j}[f], four blocks of 16 items in registers.
      Vec16 s0 = zero16(), s1 = zero16(), s2 = zero16(), s3 = zero16();
      for (int f = 0; f < factors_; ++f) {
        const Vec16 xf = splat16(x[f]);
        const float* row = block + f * kBlockItems;
        s0 = add16(s0, mul16(xf, load16(row)));
        s1 = add16(s1, mul16(xf, load16(row + 16)));
        s2 = add16(s2, mul16(xf, load16(row + 32)));
        s3 = add16(s3, mul16(xf, load16(row + 48)));
      }
      store16(scores, s0);
      store16(scores + 16, s1);
      store16(scores + 32, s2);
      store16(scores + 48, s3);
      BestK& top = best[u];
      const int64_t row_end = exclude.indptr[users[u] + 1];
      int64_t& c = cursor[u];
      float bar = top.bar();
      for (int j = 0; j < width; ++j) {
        if (!(scores[j] > bar)) continue;  // most items, once the list is full (and NaN)
        const int32_t item = static_cast<int32_t>(first + j);
        while (c < row_end && exclude.indices[c] < item) ++c;
        if (c < row_end && exclude.indices[c] == item) continue;  // a training item
        top.offer(item, scores[j]);
        bar = top.bar();
      }
    }
  }
  ids.resize(n);
  for (int u = 0; u < n; ++u) best[u].sorted_ids(ids[u]);
}

}  // namespace als
