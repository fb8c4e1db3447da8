#include "eval/ranking_metrics.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_set>
#include <utility>

namespace als {

UserRanking rank_user(const std::vector<int32_t>& ids, const std::vector<int32_t>& test_items, int k,
                      int32_t item_count) {
  const std::unordered_set<int32_t> likes(test_items.begin(), test_items.end());
  const double positives = static_cast<double>(likes.size());
  const double negatives = item_count - positives;
  const int relevant = std::min<int>(k, static_cast<int>(likes.size()));
  double idcg = 0;
  for (int r = 0; r < relevant; ++r) idcg += 1.0 / std::log2(r + 2.0);

  UserRanking out;
  out.precision_divisor = relevant;
  double hits = 0, misses = 0, auc = 0;
  for (int r = 0; r < k; ++r) {
    const bool hit = r < static_cast<int>(ids.size()) && likes.count(ids[r]) > 0;
    if (hit) {
      hits += 1;
      out.average_precision += hits / (r + 1);
      out.ndcg += (1.0 / std::log2(r + 2.0)) / idcg;
    } else {
      misses += 1;
      auc += hits;
    }
  }
  auc += ((hits + positives) / 2.0) * (negatives - misses);
  out.hits = hits;
  out.average_precision /= relevant;
  // A user whose test items are every item has no negative to rank below
  // them: every ranking is perfect (AUC 1), where the formula gives 0 / 0.
  out.auc = negatives > 0 ? auc / (positives * negatives) : 1.0;
  return out;
}

RankingMetrics ranking_metrics_at_k(const RecommendFunction& recommend, const CsrMatrix& train, const CsrMatrix& test,
                                    int k, ThreadPool& pool) {
  (void)train;  // the recommend function filters training items itself
  RankingEvaluation evaluation(recommend, test, k);
  while (!evaluation.done()) evaluation.advance(1e9, pool);
  return evaluation.result();
}

RankingEvaluation::RankingEvaluation(RecommendFunction recommend, const CsrMatrix& test, int k)
    : recommend_(std::move(recommend)), test_(test), k_(k) {
  for (int32_t u = 0; u < test.rows; ++u)
    if (test.row_size(u) > 0) users_.push_back(u);
  per_user_.resize(users_.size());
  // A block ranks about 2^18 items in all (64 users of a 4,096-item catalog, 4 of ml-25m's 59,047).
  users_per_block_ = std::clamp<int64_t>((int64_t{1} << 18) / std::max<int32_t>(1, test.cols), 1, 64);
  blocks_ = (static_cast<int64_t>(users_.size()) + users_per_block_ - 1) / users_per_block_;
}

int64_t RankingEvaluation::users_done() const {
  return std::min(static_cast<int64_t>(users_.size()), next_block_ * users_per_block_);
}

void RankingEvaluation::advance(double budget_seconds, ThreadPool& pool) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  blocks_per_slice_ = std::max<int64_t>(blocks_per_slice_, pool.size());
  while (!done()) {
    const int64_t first = next_block_;
    const int64_t count = std::min(blocks_per_slice_, blocks_ - first);
    const auto slice_start = Clock::now();
    pool.parallel_for(count, [&](int64_t b) {
      std::vector<int32_t> ids, test_items;
      const int64_t t = first + b;
      const size_t end = std::min(users_.size(), static_cast<size_t>((t + 1) * users_per_block_));
      for (size_t j = static_cast<size_t>(t * users_per_block_); j < end; ++j) {
        const int32_t u = users_[j];
        ids.clear();
        recommend_(u, k_, ids);
        test_items.assign(test_.indices.begin() + test_.indptr[u], test_.indices.begin() + test_.indptr[u + 1]);
        per_user_[j] = rank_user(ids, test_items, k_, test_.cols);
      }
    });
    next_block_ += count;
    // As the trainer: as many blocks per slice as fit the budget.
    const double took = std::chrono::duration<double>(Clock::now() - slice_start).count();
    if (took < 0.25 * budget_seconds && count == blocks_per_slice_)
      blocks_per_slice_ *= 2;
    else if (took > budget_seconds)
      blocks_per_slice_ = std::max<int64_t>(pool.size(), blocks_per_slice_ / 2);
    if (elapsed() >= budget_seconds) break;
  }
}

RankingMetrics pooled_metrics(const std::vector<UserRanking>& per_user, int k) {
  RankingMetrics m;
  m.k = k;
  m.users = static_cast<int64_t>(per_user.size());
  double hits = 0, divisor = 0;
  for (const UserRanking& r : per_user) {
    hits += r.hits;
    divisor += r.precision_divisor;
    m.map += r.average_precision;
    m.ndcg += r.ndcg;
    m.auc += r.auc;
  }
  if (m.users > 0) {
    m.precision = divisor > 0 ? hits / divisor : 0;
    m.map /= m.users;
    m.ndcg /= m.users;
    m.auc /= m.users;
  }
  return m;
}

RankingMetrics RankingEvaluation::result() const {
  // Summed in user order: the same result for any thread count.
  return pooled_metrics(per_user_, k_);
}

}  // namespace als
