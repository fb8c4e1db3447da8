// Explicit ALS (models/explicit_als_*.h, als/explicit_least_squares.h): the
// fast row solve against a dense reference in doubles, Spark's initialisation,
// determinism over threads and slices, fold-in and explain, and the refusals.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "als/explicit_least_squares.h"
#include "core/random.h"
#include "model/model_file.h"
#include "models/explicit_als_model.h"
#include "models/explicit_als_trainer.h"
#include "models/model_sections.h"
#include "models/rating_data.h"
#include "support/test_data.h"

namespace als {
namespace {

// The reference: (Σ y yᵀ + λ·n·I) x = Σ r y, formed and solved densely in doubles.
Eigen::VectorXd reference_solve(const FactorMatrix& Y, const std::vector<int32_t>& items,
                                const std::vector<float>& ratings, double lambda) {
  const int f = Y.factors();
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(f, f);
  Eigen::VectorXd b = Eigen::VectorXd::Zero(f);
  for (size_t k = 0; k < items.size(); ++k) {
    Eigen::VectorXd y(f);
    for (int j = 0; j < f; ++j) y[j] = Y(items[k], j);
    A += y * y.transpose();
    b += static_cast<double>(ratings[k]) * y;
  }
  A += lambda * static_cast<double>(items.size()) * Eigen::MatrixXd::Identity(f, f);
  return A.ldlt().solve(b);
}

ModelSettings explicit_settings(int factors = 10, float lambda = 0.1f, int iterations = 10) {
  ModelSettings s = ModelSettings::of(ModelKind::kExplicitAls);
  s.explicit_als.factors = factors;
  s.explicit_als.regularization = lambda;
  s.explicit_als.iterations = iterations;
  return s;
}

UserItems row_of(const CsrMatrix& m, int32_t row) {
  UserItems user;
  for (int64_t k = m.indptr[row]; k < m.indptr[row + 1]; ++k) {
    user.items.push_back(m.indices[k]);
    user.values.push_back(m.values[k]);
  }
  return user;
}

std::string refusal(const CsrMatrix& data, const ModelSettings& settings) {
  try {
    make_trainer(data, settings);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(ExplicitRowSolve, MatchesTheDenseReference) {
  for (int f : {1, 3, 10, 16, 20}) {
    const FactorMatrix Y = testing::random_factors(200, f, 7 + f);
    SplitMix64 rng(f);
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<int32_t> items;
      std::vector<float> ratings;
      const int n = 1 + static_cast<int>(rng.below(150));
      for (int k = 0; k < n; ++k) {
        items.push_back(static_cast<int32_t>(rng.below(200)));
        ratings.push_back(1.0f + static_cast<float>(rng.below(9)) * 0.5f);
      }
      const float lambda = trial == 0 ? 0.01f : 0.1f * static_cast<float>(trial);
      FactorMatrix x(1, f);
      ExplicitRowScratch scratch;
      solve_explicit_row(Y, items.data(), ratings.data(), n, lambda, x.row(0), scratch);
      const Eigen::VectorXd want = reference_solve(Y, items, ratings, lambda);
      for (int j = 0; j < f; ++j)
        EXPECT_NEAR(x(0, j), want[j], 1e-4 * (1 + std::abs(want[j]))) << "f " << f << " trial " << trial;
      for (int j = f; j < x.stride(); ++j) EXPECT_EQ(x(0, j), 0.0f) << "padding";
    }
  }
}

TEST(ExplicitRowSolve, AnEmptyRowIsZeroAndASingularOneSaysWhatToChange) {
  const FactorMatrix Y = testing::random_factors(10, 4, 1);
  FactorMatrix x(1, 4);
  x(0, 0) = 3;
  ExplicitRowScratch scratch;
  solve_explicit_row(Y, nullptr, nullptr, 0, 0.1f, x.row(0), scratch);
  for (int j = 0; j < 4; ++j) EXPECT_EQ(x(0, j), 0.0f);
  const int32_t items[] = {2};
  const float ratings[] = {4};
  try {
    solve_explicit_row(Y, items, ratings, 1, 0.0f, x.row(0), scratch);  // rank 4 from one rating, λ = 0
    FAIL() << "expected a refusal";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("increasing regularization"), std::string::npos) << e.what();
  }
}

TEST(ExplicitAlsInit, RowsAreUnitGaussianDirections) {
  FactorMatrix M(500, 10);
  fill_unit_gaussian_rows(M, 3);
  double mean = 0;
  for (int64_t r = 0; r < M.rows(); ++r) {
    double norm = 0;
    for (int k = 0; k < 10; ++k) {
      norm += double(M(r, k)) * M(r, k);
      mean += M(r, k);
    }
    EXPECT_NEAR(norm, 1.0, 1e-5);
  }
  EXPECT_NEAR(mean / 5000, 0.0, 0.02);  // signs of both kinds (a Gaussian, not a uniform in [0, 1))
  FactorMatrix again(500, 10);
  fill_unit_gaussian_rows(again, 3);
  EXPECT_EQ(std::memcmp(M.data(), again.data(), M.size() * sizeof(float)), 0);
}

TEST(ExplicitAlsTrainer, TheSameSeedGivesTheSameFactorsWithOneTwoOrThreeThreads) {
  const CsrMatrix data = testing::random_matrix(300, 200, 0.3, 11);  // several tasks per half step
  ModelSettings s = explicit_settings(10, 0.1f, 5);
  std::vector<std::unique_ptr<ExplicitAlsTrainer>> trainers;
  for (int threads : {1, 2, 3}) {
    s.explicit_als.threads = threads;
    auto t = std::make_unique<ExplicitAlsTrainer>(data, s.explicit_als);
    if (threads == 3)
      while (!t->done()) t->advance(1e-6);  // the smallest slices
    else
      t->advance(1e9);
    ASSERT_TRUE(t->done());
    trainers.push_back(std::move(t));
  }
  for (size_t k = 1; k < trainers.size(); ++k) {
    const FactorMatrix& X0 = trainers[0]->user_factors();
    const FactorMatrix& Xk = trainers[k]->user_factors();
    const FactorMatrix& Y0 = trainers[0]->item_factors();
    const FactorMatrix& Yk = trainers[k]->item_factors();
    EXPECT_EQ(std::memcmp(X0.data(), Xk.data(), X0.size() * sizeof(float)), 0) << "users, pool " << k;
    EXPECT_EQ(std::memcmp(Y0.data(), Yk.data(), Y0.size() * sizeof(float)), 0) << "items, pool " << k;
    EXPECT_EQ(trainers[0]->progress().loss, trainers[k]->progress().loss);
  }
  // Another seed gives another model.
  s.explicit_als.seed = 43;
  ExplicitAlsTrainer other(data, s.explicit_als);
  other.advance(1e9);
  EXPECT_NE(std::memcmp(other.user_factors().data(), trainers[0]->user_factors().data(),
                        other.user_factors().size() * sizeof(float)),
            0);
}

TEST(ExplicitAlsTrainer, TheTrainingRmseFallsAndProgressEnds) {
  const CsrMatrix data = testing::random_matrix(120, 80, 0.25, 5);
  auto trainer = make_trainer(data, explicit_settings(5, 0.05f, 8));
  while (!trainer->done()) trainer->advance(1e-4);
  const TrainingProgress& p = trainer->progress();
  EXPECT_EQ(p.iterations_done, 8);
  EXPECT_EQ(p.fraction, 1.0);
  ASSERT_EQ(p.loss.size(), 8u);
  EXPECT_LT(p.loss.back(), p.loss.front());
  const auto model = trainer->take_model();
  EXPECT_EQ(model->kind(), ModelKind::kExplicitAls);
  EXPECT_EQ(model->loss_history, p.loss);
}

class TrainedExplicitAls : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = testing::random_matrix(80, 60, 0.3, 21);
    ModelSettings s = explicit_settings(6, 0.1f, 30);
    s.explicit_als.threads = 2;
    model_ = train_model(data_, s);
  }
  CsrMatrix data_;
  std::unique_ptr<RecommenderModel> model_;
};

TEST_F(TrainedExplicitAls, FoldInOfATrainingUsersRowGivesTheirVector) {
  // The last half step solved the users from the final item factors: the very same solve.
  const FactorModel& m = *model_->factor_model();
  for (int32_t u : {0, 5, 40, 79}) {
    const std::vector<float> x = m.fold_in(row_of(data_, u));
    for (int k = 0; k < m.user_factors().factors(); ++k)
      EXPECT_NEAR(x[k], m.user_factors()(u, k), 1e-4 * (1 + std::abs(x[k]))) << "user " << u;
  }
}

TEST_F(TrainedExplicitAls, ScoresArePredictedRatingsAndExplanationsSumToThem) {
  for (int32_t u : {1, 33}) {
    const UserItems user = row_of(data_, u);
    for (int32_t i : {0, 7, 59}) {
      const std::optional<float> rating = model_->predicted_rating(u, i);
      ASSERT_TRUE(rating.has_value());
      EXPECT_NEAR(model_->score(user, i), *rating, 1e-4 * (1 + std::abs(*rating)));
    }
    const auto explanations = model_->explain(user, {0, 7, 59});
    for (size_t e = 0; e < explanations.size(); ++e) {
      EXPECT_EQ(explanations[e].contributions.size(), user.items.size());
      double sum = 0;
      for (const Contribution& c : explanations[e].contributions) sum += c.contribution;
      EXPECT_NEAR(sum, explanations[e].score, 1e-9 * (1 + std::abs(sum)));
      EXPECT_NEAR(explanations[e].score, *model_->predicted_rating(u, std::vector<int32_t>{0, 7, 59}[e]), 1e-4);
    }
  }
  EXPECT_TRUE(model_->explainability().exact);
  EXPECT_FALSE(model_->predicted_rating(80, 0).has_value());
  EXPECT_FALSE(model_->predicted_rating(0, -1).has_value());
  EXPECT_TRUE(predicts_ratings(model_->kind()));
}

TEST(ExplicitAlsRefusals, DataThatAreNotRatings) {
  const std::string binary = refusal(testing::checkerboard(10), explicit_settings());
  EXPECT_NE(binary.find("one value per interaction"), std::string::npos) << binary;
  EXPECT_NE(binary.find("choose an implicit model"), std::string::npos) << binary;
  CsrMatrix empty;
  empty.rows = 3;
  empty.cols = 3;
  empty.indptr.assign(4, 0);
  EXPECT_NE(refusal(empty, explicit_settings()).find("no ratings"), std::string::npos);

  const CsrMatrix ratings = testing::random_matrix(20, 20, 0.3, 2);
  EXPECT_EQ(explain_why_not_ratings(FileFormat::kMovieLensDatRatings, ratings), "");
  const std::string plays = explain_why_not_ratings(FileFormat::kLastFmPlays, ratings);
  EXPECT_NE(plays.find("play counts"), std::string::npos) << plays;
  EXPECT_NE(explain_why_not_ratings(FileFormat::kGenericRatings, testing::checkerboard(6)), "");
}

TEST(ExplicitAlsRefusals, SettingsOutOfRangeSayWhatToChange) {
  const CsrMatrix data = testing::random_matrix(20, 20, 0.3, 2);
  const std::string lambda = refusal(data, explicit_settings(10, -0.1f));
  EXPECT_NE(lambda.find("regularization"), std::string::npos) << lambda;
  EXPECT_NE(lambda.find("0 or more"), std::string::npos) << lambda;
  EXPECT_NE(refusal(data, explicit_settings(10, std::nanf(""))).find("regularization"), std::string::npos);
  const std::string rank = refusal(data, explicit_settings(0));
  EXPECT_NE(rank.find("rank"), std::string::npos) << rank;
  EXPECT_NE(rank.find("between 1 and"), std::string::npos) << rank;
  const std::string iterations = refusal(data, explicit_settings(10, 0.1f, 0));
  EXPECT_NE(iterations.find("iterations"), std::string::npos) << iterations;
  EXPECT_NE(iterations.find("between 1 and"), std::string::npos) << iterations;
  EXPECT_EQ(refusal(data, explicit_settings()), "");
}

TEST(ExplicitAlsModelFile, ACorruptSectionIsRefused) {
  const CsrMatrix data = testing::random_matrix(12, 9, 0.5, 4);
  const auto model = train_model(data, explicit_settings(3, 0.1f, 3));
  std::map<std::string, std::string> bytes;
  for (const auto& [tag, section] : model->file_sections()) bytes[tag] = section;
  ASSERT_EQ(bytes.count("XFAC"), 1u);
  ASSERT_EQ(bytes.count("YFAC"), 1u);
  auto load = [&](const std::map<std::string, std::string>& b, int32_t users = 12, int32_t items = 9, int factors = 3) {
    std::map<std::string, std::string_view> views(b.begin(), b.end());
    return model_from_sections(explicit_settings(factors, 0.1f, 3), views, users, items);
  };
  const auto back = load(bytes);
  EXPECT_EQ(*back->predicted_rating(4, 5), *model->predicted_rating(4, 5));

  auto expect_refused = [&](const std::map<std::string, std::string>& b, int32_t users = 12, int32_t items = 9,
                            int factors = 3) { EXPECT_THROW(load(b, users, items, factors), ModelFileError); };
  expect_refused(bytes, 13);        // rows do not match the ids
  expect_refused(bytes, 12, 9, 4);  // rank differs from the settings
  auto truncated = bytes;
  truncated["YFAC"].resize(truncated["YFAC"].size() - 3);
  expect_refused(truncated);
  auto missing = bytes;
  missing.erase("XFAC");
  expect_refused(missing);
  auto not_finite = bytes;
  const float nan = std::nanf("");
  std::memcpy(not_finite["XFAC"].data() + 12, &nan, sizeof(float));
  expect_refused(not_finite);
  auto trailing = bytes;
  trailing["XFAC"] += "junk";
  expect_refused(trailing);
}

}  // namespace
}  // namespace als
