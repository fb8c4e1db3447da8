#include "eval/ranking_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "eval/evaluate.h"
#include "support/test_data.h"

namespace als {
namespace {

// Worked by hand (see the comments), following implicit's ranking_metrics_at_k.
TEST(RankUser, HitsAtRanksOneAndThree) {
  // K = 3, 10 items, test {2, 5}, list [5, 1, 2]
  const UserRanking r = rank_user({5, 1, 2}, {2, 5}, 3, 10);
  EXPECT_EQ(r.hits, 2);
  EXPECT_EQ(r.precision_divisor, 2);                             // min(K, |test|)
  EXPECT_NEAR(r.average_precision, (1.0 + 2.0 / 3) / 2, 1e-12);  // (1/1 + 2/3) / 2
  EXPECT_NEAR(r.ndcg, (1 + 0.5) / (1 + 1 / std::log2(3.0)), 1e-12);
  // AUC: the miss at rank 2 follows 1 hit -> 1; then (2 + 2)/2 * (8 - 1) = 14; 15 / (2 * 8)
  EXPECT_NEAR(r.auc, 15.0 / 16, 1e-12);
}

TEST(RankUser, NoHit) {
  const UserRanking r = rank_user({1, 2, 3}, {7}, 3, 10);
  EXPECT_EQ(r.hits, 0);
  EXPECT_EQ(r.average_precision, 0);
  EXPECT_EQ(r.ndcg, 0);
  EXPECT_NEAR(r.auc, ((0 + 1) / 2.0) * (9 - 3) / 9, 1e-12);  // 3 / 9
}

TEST(RankUser, ShortListsCountMissingRanksAsMisses) {
  const UserRanking r = rank_user({4}, {4, 6}, 3, 10);
  EXPECT_EQ(r.hits, 1);
  EXPECT_NEAR(r.average_precision, 1.0 / 2, 1e-12);
}

TEST(RankingMetrics, PoolsPrecisionAndAveragesTheRest) {
  // Two users: user 0 as in HitsAtRanksOneAndThree, user 1 as in NoHit, user 2 has no test items.
  CsrMatrix test;
  test.rows = 3;
  test.cols = 10;
  test.indptr = {0, 2, 3, 3};
  test.indices = {2, 5, 7};
  test.values = {1, 1, 1};
  CsrMatrix train = test;
  auto recommend = [](int32_t user, int, std::vector<int32_t>& ids) {
    ids = user == 0 ? std::vector<int32_t>{5, 1, 2} : std::vector<int32_t>{1, 2, 3};
  };
  ThreadPool pool(2);
  const RankingMetrics m = ranking_metrics_at_k(recommend, train, test, 3, pool);
  EXPECT_EQ(m.users, 2);
  EXPECT_NEAR(m.precision, 2.0 / 3, 1e-12);  // Σ hits / Σ min(K, |test|) = (2 + 0) / (2 + 1)
  EXPECT_NEAR(m.map, (5.0 / 6) / 2, 1e-12);
  EXPECT_NEAR(m.ndcg, (1.5 / (1 + 1 / std::log2(3.0))) / 2, 1e-12);
  EXPECT_NEAR(m.auc, (15.0 / 16 + 3.0 / 9) / 2, 1e-12);
}

TEST(Popularity, BaselineRecommendsTheMostCommonUnseenItems) {
  // Item 0 in 3 rows, item 1 in 2, item 2 in 1. User 2 already has item 0.
  TrainTestSplit split;
  split.train.rows = 3;
  split.train.cols = 4;
  split.train.indptr = {0, 2, 4, 6};
  split.train.indices = {0, 1, 0, 1, 0, 2};
  split.train.values = {1, 1, 1, 1, 1, 1};
  split.test.rows = 3;
  split.test.cols = 4;
  split.test.indptr = {0, 0, 0, 1};
  split.test.indices = {1};
  split.test.values = {1};
  ThreadPool pool(1);
  const RankingMetrics m = evaluate_popularity(split, 1, pool);
  EXPECT_EQ(m.users, 1);
  EXPECT_EQ(m.precision, 1.0);  // user 2's best unseen popular item is item 1: a hit
}

TEST(RankingEvaluation, SlicedAndThreadedScoringGivesTheSameMetricsAsOneCall) {
  // 1,000 users (16 blocks of 64), a recommender that depends on the user only.
  const CsrMatrix test = testing::random_matrix(1000, 50, 0.05, 11);
  auto recommend = [](int32_t user, int k, std::vector<int32_t>& ids) {
    for (int r = 0; r < k; ++r) ids.push_back((user * 7 + r * 3) % 50);
  };
  ThreadPool one(1), three(3);
  const RankingMetrics whole = ranking_metrics_at_k(recommend, test, test, 5, one);
  RankingEvaluation sliced(recommend, test, 5);
  int slices = 0;
  while (!sliced.done()) {
    sliced.advance(0.0, three);  // the smallest slice: one block per thread
    ++slices;
    EXPECT_LE(sliced.users_done(), sliced.users());
  }
  EXPECT_GE(slices, 5);
  EXPECT_EQ(sliced.users_done(), whole.users);
  const RankingMetrics m = sliced.result();
  EXPECT_EQ(m.users, whole.users);
  EXPECT_EQ(m.precision, whole.precision);
  EXPECT_EQ(m.map, whole.map);
  EXPECT_EQ(m.ndcg, whole.ndcg);
  EXPECT_EQ(m.auc, whole.auc);
}

}  // namespace
}  // namespace als
