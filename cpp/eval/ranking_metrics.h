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

RankingMetrics ranking_metrics_at_k(const RecommendFunction& recommend, const CsrMatrix& train,
                                    const CsrMatrix& test, int k, ThreadPool& pool);

// The metrics of one user's list (exposed for tests worked out by hand).
struct UserRanking {
  double hits = 0, precision_divisor = 0, average_precision = 0, ndcg = 0, auc = 0;
};
UserRanking rank_user(const std::vector<int32_t>& ids, const std::vector<int32_t>& test_items, int k,
                      int32_t item_count);

}  // namespace als
