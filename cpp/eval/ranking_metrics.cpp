#include "eval/ranking_metrics.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

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

RankingMetrics ranking_metrics_at_k(const RecommendFunction& recommend, const CsrMatrix& train,
                                    const CsrMatrix& test, int k, ThreadPool& pool) {
  (void)train;  // the recommend function filters training items itself
  std::vector<int32_t> users;
  for (int32_t u = 0; u < test.rows; ++u)
    if (test.row_size(u) > 0) users.push_back(u);

  std::vector<UserRanking> per_user(users.size());
  constexpr int64_t kUsersPerTask = 64;
  const int64_t tasks = (static_cast<int64_t>(users.size()) + kUsersPerTask - 1) / kUsersPerTask;
  pool.parallel_for(tasks, [&](int64_t t) {
    std::vector<int32_t> ids, test_items;
    const size_t end = std::min(users.size(), static_cast<size_t>((t + 1) * kUsersPerTask));
    for (size_t j = static_cast<size_t>(t * kUsersPerTask); j < end; ++j) {
      const int32_t u = users[j];
      ids.clear();
      recommend(u, k, ids);
      test_items.assign(test.indices.begin() + test.indptr[u], test.indices.begin() + test.indptr[u + 1]);
      per_user[j] = rank_user(ids, test_items, k, test.cols);
    }
  });

  // Summed in user order: the same result for any thread count.
  RankingMetrics m;
  m.k = k;
  m.users = static_cast<int64_t>(users.size());
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

}  // namespace als
