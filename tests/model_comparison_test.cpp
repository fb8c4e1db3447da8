#include "eval/model_comparison.h"

#include <gtest/gtest.h>

#include "als/als_trainer.h"
#include "eval/evaluate.h"
#include "support/test_data.h"

namespace als {
namespace {

AlsConfig small_als() {
  AlsConfig c;
  c.factors = 6;
  c.iterations = 4;
  c.threads = 2;
  return c;
}

void run_to_the_end(ModelComparison& comparison) {
  int slices = 0;
  while (!comparison.done()) {
    comparison.advance(0.0);  // the smallest slices: one step of work each
    ASSERT_LT(++slices, 100000);
  }
}

TEST(ModelComparison, PopularityComesFirstAndEveryModelIsScoredOnTheSameSplit) {
  const CsrMatrix data = testing::random_matrix(120, 60, 0.15, 7);
  ModelComparison comparison(data, {ModelSettings::of(small_als())}, 0.2, 5, 11, 2);
  ASSERT_EQ(comparison.models().size(), 2u);
  EXPECT_EQ(comparison.models()[0].settings.kind, ModelKind::kPopular);
  EXPECT_EQ(comparison.models()[1].settings.kind, ModelKind::kAls);
  run_to_the_end(comparison);
  EXPECT_DOUBLE_EQ(comparison.fraction(), 1.0);

  // The same split as the Evaluate step, the same numbers as its code.
  const TrainTestSplit split = train_test_split(data, 0.8, 11);
  EXPECT_EQ(comparison.split().test.indices, split.test.indices);
  ThreadPool pool(2);
  const RankingMetrics popular = evaluate_popularity(split, 5, pool);
  const RankingMetrics als = evaluate_model(train_als(split.train, small_als()), split, 5, pool);
  const ComparedModel& p = comparison.models()[0];
  const ComparedModel& a = comparison.models()[1];
  ASSERT_EQ(p.state, ComparedState::kDone);
  ASSERT_EQ(a.state, ComparedState::kDone);
  EXPECT_NEAR(p.ranking.precision, popular.precision, 1e-12);
  EXPECT_NEAR(p.ranking.ndcg, popular.ndcg, 1e-12);
  EXPECT_NEAR(a.ranking.precision, als.precision, 1e-9);
  EXPECT_NEAR(a.ranking.map, als.map, 1e-9);
  EXPECT_NEAR(a.ranking.auc, als.auc, 1e-9);
  EXPECT_EQ(a.ranking.users, als.users);
  ASSERT_NE(a.model, nullptr);
  EXPECT_EQ(a.model->kind(), ModelKind::kAls);
  EXPECT_FALSE(a.rating_errors.has_value());
  EXPECT_GT(a.training_seconds, 0);
}

TEST(ModelComparison, RefusedSettingsFailThatModelAndTheOthersGoOn) {
  const CsrMatrix data = testing::random_matrix(80, 40, 0.2, 3);
  AlsConfig bad = small_als();
  bad.factors = 0;
  ModelComparison comparison(data, {ModelSettings::of(bad), ModelSettings::of(small_als())}, 0.2, 5, 1, 1);
  run_to_the_end(comparison);
  const ComparedModel& failed = comparison.models()[1];
  EXPECT_EQ(failed.state, ComparedState::kFailed);
  EXPECT_NE(failed.message.find("factors"), std::string::npos) << failed.message;
  EXPECT_EQ(failed.fault.code, "compare.settings");
  EXPECT_EQ(comparison.models()[2].state, ComparedState::kDone);
  EXPECT_EQ(comparison.models()[0].state, ComparedState::kDone);
}

TEST(ModelComparison, ARatingModelOnPlayCountsIsRefusedWithTheReason) {
  const CsrMatrix data = testing::random_matrix(60, 30, 0.2, 5);
  ModelComparison comparison(data, {ModelSettings::of(ModelKind::kExplicitAls), ModelSettings::of(small_als())}, 0.2, 5,
                             1, 1, "these data hold play counts, not stars");
  run_to_the_end(comparison);
  const ComparedModel& refused = comparison.models()[1];
  EXPECT_EQ(refused.state, ComparedState::kFailed);
  EXPECT_EQ(refused.fault.code, "compare.notRatings");
  EXPECT_NE(refused.message.find("play counts"), std::string::npos);
  EXPECT_EQ(comparison.models()[2].state, ComparedState::kDone);
}

TEST(ModelComparison, SkippingTheRunningModelMovesToTheNext) {
  const CsrMatrix data = testing::random_matrix(100, 50, 0.2, 9);
  AlsConfig slow = small_als();
  slow.iterations = 50;
  ModelComparison comparison(data, {ModelSettings::of(slow), ModelSettings::of(small_als())}, 0.2, 5, 1, 1);
  while (comparison.current() != 1 || comparison.models()[1].state != ComparedState::kTraining) comparison.advance(0.0);
  comparison.skip(1);
  EXPECT_EQ(comparison.models()[1].state, ComparedState::kSkipped);
  EXPECT_EQ(comparison.current(), 2u);
  run_to_the_end(comparison);
  EXPECT_EQ(comparison.models()[1].model, nullptr);
  EXPECT_EQ(comparison.models()[2].state, ComparedState::kDone);
  EXPECT_THROW(comparison.skip(7), std::out_of_range);
}

TEST(ModelComparison, RefusesAnEmptyListOrABadFraction) {
  const CsrMatrix data = testing::random_matrix(20, 10, 0.3, 1);
  EXPECT_THROW(ModelComparison(data, {}, 0.2, 5, 1, 1), std::invalid_argument);
  EXPECT_THROW(ModelComparison(data, {ModelSettings::of(small_als())}, 1.0, 5, 1, 1), std::invalid_argument);
  EXPECT_THROW(ModelComparison(data, {ModelSettings::of(small_als())}, 0.2, 0, 1, 1), std::invalid_argument);
}

}  // namespace
}  // namespace als
