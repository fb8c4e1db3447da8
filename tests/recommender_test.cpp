// The recommender contract every trained model must pass (for both solvers),
// in the spirit of implicit's shared RecommenderBase tests.
#include "queries/recommender.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "als/als_trainer.h"
#include "als/least_squares.h"
#include "support/test_data.h"

namespace als {
namespace {

UserItems row_of(const CsrMatrix& m, int32_t u) {
  UserItems r;
  for (int64_t k = m.indptr[u]; k < m.indptr[u + 1]; ++k) {
    r.items.push_back(m.indices[k]);
    r.values.push_back(m.values[k]);
  }
  return r;
}

class RecommenderContract : public ::testing::TestWithParam<Solver> {
 protected:
  void SetUp() override {
    data_ = testing::checkerboard(50);
    AlsConfig config;
    config.factors = 3;
    config.regularization = 0.01f;
    config.iterations = 15;
    config.solver = GetParam();
    config.threads = 2;
    model_ = train_als(data_, config);
  }
  CsrMatrix data_;
  AlsModel model_;
};

TEST_P(RecommenderContract, TopRecommendationIsTheObviousOne) {
  const Recommender r(model_);
  for (int32_t u = 0; u < 50; ++u) {
    RecommendOptions o;
    o.count = 1;
    const auto recs = r.recommend_for_user(u, row_of(data_, u), o);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].id, u) << "user " << u;
  }
}

TEST_P(RecommenderContract, LikedItemsAreFilteredAndExclusionsAndCandidatesHonoured) {
  const Recommender r(model_);
  RecommendOptions o;
  o.count = 50;
  const auto recs = r.recommend_for_user(4, row_of(data_, 4), o);
  // User 4 liked the 24 other even items: only the odd ones and item 4 remain.
  EXPECT_EQ(recs.size(), 26u);
  for (const ScoredItem& s : recs) EXPECT_TRUE(s.id % 2 == 1 || s.id == 4) << s.id;
  EXPECT_TRUE(std::is_sorted(recs.begin(), recs.end(), ranks_before));
  o.exclude = {4};
  o.count = 1;
  EXPECT_NE(r.recommend_for_user(4, row_of(data_, 4), o)[0].id, 4);
  RecommendOptions c;
  c.count = 10;
  c.candidates = {1, 3, 4};
  const auto limited = r.recommend(r.user_vector(4), c);
  ASSERT_EQ(limited.size(), 3u);
  EXPECT_EQ(limited[0].id, 4);
}

TEST_P(RecommenderContract, BatchRecommendEqualsOneUserAtATimeForAnyThreadCount) {
  const Recommender r(model_);
  ThreadPool one(1), three(3);
  const auto batch = r.recommend_all(data_, 5, one);
  ASSERT_EQ(batch.size(), 50u);
  for (int32_t u = 0; u < 50; ++u) {
    RecommendOptions o;
    o.count = 5;
    const auto single = r.recommend_for_user(u, row_of(data_, u), o);
    ASSERT_EQ(batch[u].size(), single.size());
    for (size_t k = 0; k < single.size(); ++k) EXPECT_EQ(batch[u][k].id, single[k].id);
  }
  const auto threaded = r.recommend_all(data_, 5, three);
  for (int32_t u = 0; u < 50; ++u)
    for (size_t k = 0; k < batch[u].size(); ++k) EXPECT_EQ(threaded[u][k].score, batch[u][k].score);
}

TEST_P(RecommenderContract, PredictedPreferenceIsTheDotProduct) {
  const Recommender r(model_);
  double expected = 0;
  for (int k = 0; k < 3; ++k) expected += model_.user_factors(7, k) * model_.item_factors(9, k);
  EXPECT_NEAR(r.predicted_preference(r.user_vector(7), 9), expected, 1e-6);
}

TEST_P(RecommenderContract, SimilarItemsAreTheSameParityByCosine) {
  const Recommender r(model_);
  const auto similar = r.similar_items(0, 10);
  ASSERT_EQ(similar.size(), 10u);
  EXPECT_EQ(similar[0].id, 0);
  EXPECT_NEAR(similar[0].score, 1.0f, 1e-5);
  for (const ScoredItem& s : similar) EXPECT_EQ(s.id % 2, 0) << s.id;
  const auto without_self = r.similar_items(0, 10, false);
  EXPECT_NE(without_self[0].id, 0);
  EXPECT_EQ(r.similar_users(1, 5)[0].id, 1);
}

TEST_P(RecommenderContract, ExplainSumsToTheRecalculatedUsersScore) {
  const Recommender r(model_);
  for (int32_t u : {0, 1, 17}) {
    const UserItems liked = row_of(data_, u);
    const std::vector<float> x = r.fold_in(liked);
    for (int32_t item : {u, (u + 1) % 50, (u + 2) % 50}) {
      const Explanation e = r.explain(liked, item);
      double sum = 0;
      for (const Contribution& c : e.contributions) sum += c.contribution;
      EXPECT_NEAR(sum, e.score, 1e-9);
      EXPECT_NEAR(e.score, r.predicted_preference(x.data(), item), 1e-4 * (1 + std::abs(e.score)));
      EXPECT_EQ(e.contributions.size(), liked.items.size());
    }
  }
}

TEST_P(RecommenderContract, FoldInEqualsTheUsersRowAfterAnExactSolveStep) {
  const Recommender r(model_);
  ThreadPool pool(1);
  const GramMatrix G = gram_matrix(model_.item_factors, model_.config.regularization, pool);
  const CsrMatrix C = model_.confidence.apply(data_);
  FactorMatrix exact(data_.rows, 3);
  solve_rows(C, G, model_.item_factors, false, 0, 0, data_.rows, exact);
  for (int32_t u = 0; u < 50; ++u) {
    const std::vector<float> folded = r.fold_in(row_of(data_, u));
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(folded[k], exact(u, k), 1e-5 * (1 + std::abs(exact(u, k))));
  }
}

INSTANTIATE_TEST_SUITE_P(Solvers, RecommenderContract, ::testing::Values(Solver::kConjugateGradient, Solver::kCholesky),
                         [](const auto& info) { return std::string(solver_name(info.param)); });

TEST(Recommender, FoldInOfNothingIsZeroAndRecommendsByItemOrder) {
  const CsrMatrix data = testing::checkerboard(10);
  AlsConfig config;
  config.factors = 4;
  config.iterations = 3;
  const AlsModel model = train_als(data, config);
  const Recommender r(model);
  const std::vector<float> x = r.fold_in({});
  for (float v : x) EXPECT_EQ(v, 0.0f);
  EXPECT_TRUE(r.explain({}, 3).contributions.empty());
}

TEST(Recommender, CleanUserItemsKeepsTheLaterValueAndDropsUnknownItems) {
  const UserItems clean = clean_user_items({{3, 5, 3, 99, -1}, {1, 2, 4, 5, 5}}, 10);
  EXPECT_EQ(clean.items, (std::vector<int32_t>{3, 5}));
  EXPECT_EQ(clean.values, (std::vector<float>{4, 2}));
}

TEST(Recommender, PopularSkipsExclusionsAndBreaksTiesByIndex) {
  RecommendOptions o;
  o.count = 3;
  o.exclude = {1};
  const auto top = Recommender::popular({5, 9, 7, 7, 1}, o);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].id, 2);
  EXPECT_EQ(top[1].id, 3);
  EXPECT_EQ(top[2].id, 0);
}

TEST(TopK, KeepsTheBestInOrderAndIgnoresNaN) {
  TopK top(3);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> scores = {0.5f, nan, 2.0f, 1.0f, 2.0f, -1.0f};
  for (int32_t i = 0; i < 6; ++i) top.offer(i, scores[i]);
  const auto best = top.sorted();
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(best[0].id, 2);
  EXPECT_EQ(best[1].id, 4);
  EXPECT_EQ(best[2].id, 3);
}

}  // namespace
}  // namespace als
