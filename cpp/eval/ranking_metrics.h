// Ranking metrics at K, exactly as implicit's ranking_metrics_at_k (0.7.3).
// For every user with test items, the model recommends K items (its training
// items filtered out) and:
//
//   precision@K = Σᵤ hitsᵤ / Σᵤ min(K, |testᵤ|)        (pooled over users)
//   MAP@K       = meanᵤ [ Σ_{hit at rank r} (hits so far / r) / min(K, |testᵤ|) ]
//   NDCG@K      = meanᵤ [ Σ_{hit at rank r} 1/log₂(r + 1) / IDCGᵤ ],  IDCGᵤ = Σ_{r ≤ min(K,|testᵤ|)} 1/log₂(r + 1)
//   AUC@K       = meanᵤ of the AUC where ranks past K count as ties (implicit's "limited AUC")
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "core/csr_matrix.h"
#include "core/parallel.h"

namespace als {

struct RankingMetrics {
  int k = 10;
  double precision = 0;
  double map = 0;
  double ndcg = 0;
  double auc = 0;
  int64_t users = 0;  // users with test items
};

// Fills `ids` with up to k recommended item indices for the user, best first.
// Called from several threads at once.
using RecommendFunction = std::function<void(int32_t user, int k, std::vector<int32_t>& ids)>;

RankingMetrics ranking_metrics_at_k(const RecommendFunction& recommend, const CsrMatrix& train, const CsrMatrix& test,
                                    int k, ThreadPool& pool);

// The metrics of one user's list (exposed for tests worked out by hand).
struct UserRanking {
  double hits = 0, precision_divisor = 0, average_precision = 0, ndcg = 0, auc = 0;
};
UserRanking rank_user(const std::vector<int32_t>& ids, const std::vector<int32_t>& test_items, int k,
                      int32_t item_count);
// The pooled metrics of these users' rankings, summed in the order given (so
// any slicing and thread count that ranks them gives the same bits).
RankingMetrics pooled_metrics(const std::vector<UserRanking>& per_user, int k);

// ranking_metrics_at_k a few blocks of users at a time (scoring every test user against
// every item takes long on big data; a web worker answers messages between
// slices). Each user's ranking is kept and summed in user order at the end,
// so the metrics are the same however the work was sliced or threaded.
// `recommend` and `test` must outlive it.
class RankingEvaluation {
 public:
  RankingEvaluation(RecommendFunction recommend, const CsrMatrix& test, int k);
  bool done() const { return next_block_ >= blocks_; }
  // Scores users for about budget_seconds (at least one block per thread).
  void advance(double budget_seconds, ThreadPool& pool);
  int64_t users_done() const;
  int64_t users() const { return static_cast<int64_t>(users_.size()); }
  RankingMetrics result() const;  // call when done()

 private:
  RecommendFunction recommend_;
  const CsrMatrix& test_;
  int k_;
  std::vector<int32_t> users_;
  std::vector<UserRanking> per_user_;
  int64_t users_per_block_ = 64;  // fewer when every user is ranked against many items
  int64_t blocks_ = 0, next_block_ = 0, blocks_per_slice_ = 1;
};

}  // namespace als
