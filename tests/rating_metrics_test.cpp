// RMSE and MAE of held-out ratings (eval/rating_metrics.h): values by hand on
// known factors, cold users and items dropped, and explicit ALS on a planted
// low-rank rating matrix reaching the noise floor.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <iostream>

#include "core/random.h"
#include "eval/rating_metrics.h"
#include "eval/split.h"
#include "models/explicit_als_model.h"
#include "models/model_trainer.h"
#include "models/popularity_model.h"

namespace als {
namespace {

CsrMatrix matrix(int32_t rows, int32_t cols, const std::vector<Triplet>& t) {
  return csr_from_triplets(rows, cols, t, DuplicateRule::kLast);
}

TEST(RatingMetrics, ByHandWithColdUsersAndItemsDropped) {
  // Rank 1: x = (1, 2, 0.5), y = (1, 3, 2): predictions xᵤ·yᵢ.
  FactorMatrix X(3, 1), Y(3, 1);
  X(0, 0) = 1, X(1, 0) = 2, X(2, 0) = 0.5f;
  Y(0, 0) = 1, Y(1, 0) = 3, Y(2, 0) = 2;
  const ExplicitAlsModel model(ExplicitAlsConfig{}, X, Y);
  // Users 0, 1 and items 0, 1 have training ratings; user 2 and item 2 do not.
  const CsrMatrix train = matrix(3, 3, {{0, 0, 1}, {1, 1, 5}});
  const CsrMatrix test = matrix(3, 3, {{0, 1, 4}, {1, 0, 1}, {0, 2, 2}, {2, 0, 3}});
  const RatingMetrics m = rating_metrics(model, train, test);
  // (0,1): 3 vs 4 → −1; (1,0): 2 vs 1 → +1; (0,2) cold item, (2,0) cold user.
  EXPECT_EQ(m.predicted, 2);
  EXPECT_EQ(m.skipped, 2);
  EXPECT_DOUBLE_EQ(m.rmse, 1.0);
  EXPECT_DOUBLE_EQ(m.mae, 1.0);

  const CsrMatrix test2 = matrix(3, 3, {{0, 1, 1}, {1, 1, 5}});  // errors +2, +1
  const RatingMetrics m2 = rating_metrics(model, TrainTestSplit{train, test2});
  EXPECT_DOUBLE_EQ(m2.rmse, std::sqrt((4.0 + 1.0) / 2));
  EXPECT_DOUBLE_EQ(m2.mae, 1.5);
  EXPECT_EQ(m2.skipped, 0);
}

TEST(RatingMetrics, NothingToScoreIsZeroAndAModelWithoutRatingsIsRefused) {
  const CsrMatrix train = matrix(2, 2, {{0, 0, 1}});
  const CsrMatrix test = matrix(2, 2, {{1, 1, 3}});
  FactorMatrix X(2, 2), Y(2, 2);
  const RatingMetrics m = rating_metrics(ExplicitAlsModel(ExplicitAlsConfig{}, X, Y), train, test);
  EXPECT_EQ(m.predicted, 0);
  EXPECT_EQ(m.skipped, 1);
  EXPECT_EQ(m.rmse, 0);
  EXPECT_THROW(rating_metrics(PopularityModel(train), train, test), std::invalid_argument);
}

// r = xᵤ·yᵢ + N(0, σ²) with rank-3 factors: x = (1.7, a₁, a₂), y = (1.7, b₁, b₂),
// a, b uniform in [−1, 1] (ratings around 2.9 with a spread of about 0.5).
CsrMatrix planted_ratings(int32_t users, int32_t items, double density, double sigma, uint64_t seed) {
  SplitMix64 rng(seed);
  auto uniform = [&] { return 2 * rng.uniform() - 1; };
  auto gaussian = [&] {
    return std::sqrt(-2 * std::log(1 - rng.uniform())) * std::cos(6.283185307179586 * rng.uniform());
  };
  std::vector<std::array<double, 3>> x(users), y(items);
  for (auto& v : x) v = {1.7, uniform(), uniform()};
  for (auto& v : y) v = {1.7, uniform(), uniform()};
  std::vector<Triplet> t;
  for (int32_t u = 0; u < users; ++u)
    for (int32_t i = 0; i < items; ++i)
      if (rng.uniform() < density) {
        const double r = x[u][0] * y[i][0] + x[u][1] * y[i][1] + x[u][2] * y[i][2] + sigma * gaussian();
        t.push_back({u, i, static_cast<float>(r)});
      }
  return matrix(users, items, t);
}

TEST(RatingMetrics, ExplicitAlsReachesTheNoiseFloorOnAPlantedLowRankMatrix) {
  const CsrMatrix ratings = planted_ratings(400, 300, 0.2, 0.1, 9);
  const TrainTestSplit split = train_test_split(ratings, 0.8, 1);
  ModelSettings s = ModelSettings::of(ModelKind::kExplicitAls);
  s.explicit_als.factors = 3;
  s.explicit_als.regularization = 0.01f;
  s.explicit_als.iterations = 15;
  s.explicit_als.threads = 2;
  const auto model = train_model(split.train, s);
  const RatingMetrics m = rating_metrics(*model, split);
  EXPECT_GT(m.predicted, 0.9 * static_cast<double>(split.test.nnz()));
  // Predicting the training mean for everyone.
  double mean = 0;
  for (float v : split.train.values) mean += v;
  mean /= static_cast<double>(split.train.nnz());
  double squared = 0;
  for (float v : split.test.values) squared += (v - mean) * (v - mean);
  const double mean_rmse = std::sqrt(squared / static_cast<double>(split.test.nnz()));
  EXPECT_LT(m.rmse, 0.15) << "the noise is 0.1";
  EXPECT_LT(m.mae, m.rmse + 1e-12);
  EXPECT_LT(m.rmse, 0.4 * mean_rmse) << "mean predictor: " << mean_rmse;
  std::cout << "planted rank 3, σ 0.1: held-out RMSE " << m.rmse << ", MAE " << m.mae << " (mean predictor RMSE "
            << mean_rmse << ", " << m.skipped << " cold dropped)\n";
}

}  // namespace
}  // namespace als
