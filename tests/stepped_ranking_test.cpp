// Ranking metrics in slices (SteppedRanking) against ranking_metrics_at_k,
// and the blocked top-K scorer (BlockTopK) against the Recommender's.
#include "eval/stepped_ranking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "eval/block_top_k.h"
#include "eval/evaluate.h"
#include "support/test_data.h"

namespace als {
namespace {

AlsModel random_model(int32_t users, int32_t items, int factors, uint64_t seed) {
  AlsModel m;
  m.config.factors = factors;
  m.user_factors = testing::random_factors(users, factors, seed);
  m.item_factors = testing::random_factors(items, factors, seed + 1);
  return m;
}

TEST(SteppedRanking, GivesTheSameMetricsAsRankingMetricsAtKInAnySlices) {
  const CsrMatrix data = testing::random_matrix(300, 120, 0.15, 5);
  const TrainTestSplit split = train_test_split(data, 0.8, 3);
  const AlsModel model = random_model(300, 120, 16, 9);
  ThreadPool one(1), three(3);
  const RankingMetrics expected = evaluate_model(model, split, 10, one);
  const Recommender recommender(model);
  for (ThreadPool* pool : {&one, &three}) {
    for (double slice : {0.0, 1e9}) {
      SteppedRanking ranking(model_ranking(recommender, split.train), split.test, 10);
      int steps = 0;
      while (!ranking.done()) {
        ranking.advance(slice, *pool);
        ++steps;
      }
      const RankingMetrics got = ranking.result();
      EXPECT_EQ(got.precision, expected.precision);
      EXPECT_EQ(got.map, expected.map);
      EXPECT_EQ(got.ndcg, expected.ndcg);
      EXPECT_EQ(got.auc, expected.auc);
      EXPECT_EQ(got.users, expected.users);
      if (slice == 0.0 && pool == &one) {
        EXPECT_GT(steps, 1) << "a zero budget still ranks one slice per call";
      }
    }
  }
  SteppedRanking popularity(popularity_ranking(split.train), split.test, 10);
  popularity.finish(three);
  EXPECT_EQ(popularity.result().precision, evaluate_popularity(split, 10, one).precision);
}

TEST(SteppedRanking, ScoresOnlyTheUsersAsked) {
  const CsrMatrix data = testing::random_matrix(500, 60, 0.2, 6);
  const TrainTestSplit split = train_test_split(data, 0.8, 4);
  const std::vector<int32_t> sample = sample_test_users(split.test, 50, 11);
  ASSERT_EQ(sample.size(), 50u);
  EXPECT_TRUE(std::is_sorted(sample.begin(), sample.end()));
  EXPECT_EQ(sample, sample_test_users(split.test, 50, 11)) << "seeded";
  EXPECT_NE(sample, sample_test_users(split.test, 50, 12));
  for (int32_t u : sample) EXPECT_GT(split.test.row_size(u), 0);
  EXPECT_EQ(sample_test_users(split.test, 100000, 1).size(),
            static_cast<size_t>(std::count_if(split.test.indptr.begin(), split.test.indptr.end() - 1,
                                              [&, u = 0](int64_t) mutable { return split.test.row_size(u++) > 0; })));
  const AlsModel model = random_model(500, 60, 8, 2);
  const Recommender recommender(model);
  SteppedRanking ranking(model_ranking(recommender, split.train), split.test, 5, sample);
  ThreadPool pool(2);
  ranking.finish(pool);
  EXPECT_EQ(ranking.result().users, 50);
}

// The fast scorer finds the same top K as the Recommender (random factors:
// no near-ties), training items left out, for factor counts that do and do
// not fill the SIMD blocks and item counts that do not fill the last block.
TEST(BlockTopK, FindsTheSameTopKAsTheRecommender) {
  for (int factors : {1, 7, 16, 33, 64}) {
    for (int32_t items : {1, 63, 64, 65, 300}) {
      const int32_t users = 90;
      const AlsModel model = random_model(users, items, factors, 100 + factors + items);
      const CsrMatrix train = testing::random_matrix(users, items, 0.3, 7 + items);
      const Recommender recommender(model);
      const BlockTopK fast(model);
      std::vector<int32_t> ids(users);
      for (int32_t u = 0; u < users; ++u) ids[u] = u;
      for (int k : {1, 10, 400}) {
        std::vector<std::vector<int32_t>> got;
        fast.recommend(train, ids.data() + 5, users - 5, k, got);
        ASSERT_EQ(got.size(), static_cast<size_t>(users - 5));
        for (int32_t u = 5; u < users; ++u) {
          RecommendOptions options;
          options.count = k;
          options.exclude.assign(train.indices.begin() + train.indptr[u], train.indices.begin() + train.indptr[u + 1]);
          std::vector<int32_t> expected;
          for (const ScoredItem& s : recommender.recommend(recommender.user_vector(u), options))
            expected.push_back(s.id);
          // The same list, except that items whose scores agree to float
          // rounding (a sum in another order) may swap places.
          ASSERT_EQ(got[u - 5].size(), expected.size());
          const float* x = recommender.user_vector(u);
          for (size_t j = 0; j < expected.size(); ++j) {
            if (got[u - 5][j] == expected[j]) continue;
            const float a = recommender.predicted_preference(x, got[u - 5][j]);
            const float b = recommender.predicted_preference(x, expected[j]);
            EXPECT_NEAR(a, b, 1e-5f * (1 + std::fabs(b)))
                << factors << " factors, " << items << " items, k " << k << ", user " << u << ", rank " << j;
          }
        }
      }
    }
  }
}

TEST(BlockTopK, BreaksTiesByTheLowerIndexAsTopKDoes) {
  AlsModel model = random_model(3, 130, 4, 1);
  for (int64_t i = 0; i < 130; ++i)
    for (int k = 0; k < 4; ++k) model.item_factors(i, k) = (i % 5 == 0) ? 1.0f : 0.0f;  // items 0, 5, 10, ... tie
  const CsrMatrix none = testing::random_matrix(3, 130, 0.0, 1);
  const BlockTopK fast(model);
  const int32_t users[] = {0, 1, 2};
  for (int k = 0; k < 4; ++k) model.user_factors(0, k) = 1.0f;
  std::vector<std::vector<int32_t>> got;
  fast.recommend(none, users, 1, 4, got);
  EXPECT_EQ(got[0], (std::vector<int32_t>{0, 5, 10, 15}));
}

}  // namespace
}  // namespace als
