// ranking_metrics_at_k in slices: the users are ranked a few hundred at a
// time, so a web worker can answer (cancel) between slices even when scoring
// takes seconds. The result is the same number as ranking_metrics_at_k
// (the per-user values are summed in user order once all are ranked).
#pragma once

#include <vector>

#include "eval/ranking_metrics.h"
#include "queries/recommender.h"

namespace als {

// The top k of several users at once: ids[j] for users[j] (BlockTopK).
using BlockRecommendFunction =
    std::function<void(const int32_t* users, int n, int k, std::vector<std::vector<int32_t>>& ids)>;

class SteppedRanking {
 public:
  // users: the users to score (rows of test with items), ascending; empty
  // means every user with test items. test (and what recommend refers to)
  // must outlive this object.
  SteppedRanking(RecommendFunction recommend, const CsrMatrix& test, int k, std::vector<int32_t> users = {});
  SteppedRanking(BlockRecommendFunction recommend, const CsrMatrix& test, int k, std::vector<int32_t> users = {});

  bool done() const { return next_ >= users_.size(); }
  // Ranks users for about budget_seconds (at least one slice), or until done.
  void advance(double budget_seconds, ThreadPool& pool);
  // Ranks every remaining user.
  void finish(ThreadPool& pool) { advance(1e30, pool); }
  double fraction() const { return users_.empty() ? 1.0 : static_cast<double>(next_) / users_.size(); }
  // The metrics (call when done()).
  RankingMetrics result() const;

 private:
  BlockRecommendFunction recommend_;
  const CsrMatrix* test_;
  int k_;
  std::vector<int32_t> users_;
  std::vector<UserRanking> per_user_;
  size_t next_ = 0;
};

// What evaluate_model and evaluate_popularity rank, as functions: the
// model's top K (or the most popular items) without the user's items in
// `train`. Both refer to their arguments, which must outlive them.
RecommendFunction model_ranking(const Recommender& recommender, const CsrMatrix& train);
RecommendFunction popularity_ranking(const CsrMatrix& train);
// The same as model_ranking, faster, up to near-ties (see block_top_k.h).
class BlockTopK;
BlockRecommendFunction block_model_ranking(const BlockTopK& scorer, const CsrMatrix& train);

// Users of `test` with at least one item: all of them when there are at most
// max_users, else a seeded sample of max_users (ascending).
std::vector<int32_t> sample_test_users(const CsrMatrix& test, int max_users, uint64_t seed);

}  // namespace als
