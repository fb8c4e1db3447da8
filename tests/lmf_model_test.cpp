// Logistic MF (models/lmf_model.h, models/lmf_update.h): the row step against
// implicit's formula written plainly in doubles, the same bits whatever the
// thread count, ranking quality on held-out likes, divergence and bad
// settings refused, corrupt model-file sections.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>

#include "model/model_file.h"
#include "models/lmf_model.h"
#include "models/lmf_update.h"
#include "models/model_sections.h"
#include "models/model_trainer.h"
#include "models/training_diverged.h"
#include "support/ranking_fixture.h"
#include "support/test_data.h"

namespace als {
namespace {

double reference_sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

// implicit's lmf_update for one row, in doubles: two passes over the
// positives, then the negatives, then AdaGrad.
void reference_update(std::vector<double>& x, std::vector<double>& sums, const FactorMatrix& Y,
                      const std::vector<int32_t>& items, const std::vector<float>& values,
                      const std::vector<int32_t>& negatives, double lr, double reg) {
  const int n = Y.factors();
  std::vector<double> deriv(n, 0.0);
  auto score = [&](int32_t i) {
    double s = 0;
    for (int k = 0; k < n; ++k) s += x[k] * Y(i, k);
    return s;
  };
  for (size_t p = 0; p < items.size(); ++p)
    for (int k = 0; k < n; ++k) deriv[k] += values[p] * Y(items[p], k);
  for (size_t p = 0; p < items.size(); ++p) {
    const double z = reference_sigmoid(score(items[p])) * values[p];
    for (int k = 0; k < n; ++k) deriv[k] -= z * Y(items[p], k);
  }
  for (int32_t i : negatives) {
    const double z = reference_sigmoid(score(i));
    for (int k = 0; k < n; ++k) deriv[k] -= z * Y(i, k);
  }
  for (int k = 0; k < n; ++k) {
    deriv[k] -= reg * x[k];
    sums[k] += deriv[k] * deriv[k];
    x[k] += lr / std::sqrt(1e-6 + sums[k]) * deriv[k];
  }
}

TEST(LmfStep, TheRowStepIsImplicitsFormulaWrittenPlainly) {
  for (int columns : {10, 32, 150}) {
    const FactorMatrix Y = testing::random_factors(40, columns, 3, 0.5f);
    FactorMatrix X = testing::random_factors(1, columns, 4, 0.5f), sums(1, columns);
    std::vector<double> x(columns), reference_sums(columns, 0.0);
    for (int k = 0; k < columns; ++k) x[k] = X(0, k);
    const std::vector<int32_t> items = {1, 5, 7, 20, 33};
    const std::vector<float> values = {1, 3, 0.5f, 2, 1};
    const std::vector<int32_t> negatives = {2, 5, 9, 9, 39, 0};
    std::vector<float> deriv(static_cast<size_t>(Y.stride()));
    for (int step = 0; step < 5; ++step) {
      lmf::update_row(X.row(0), sums.row(0), Y, items.data(), values.data(), 5, negatives.data(), 6, {0.3f, 0.1f},
                      deriv.data());
      reference_update(x, reference_sums, Y, items, values, negatives, 0.3, 0.1);
    }
    for (int k = 0; k < columns; ++k) EXPECT_NEAR(X(0, k), x[k], 1e-4 * (1 + std::abs(x[k]))) << "column " << k;
    for (int k = columns; k < X.stride(); ++k) EXPECT_EQ(X.row(0)[k], 0.0f) << "the padding stays 0";
  }
}

TEST(LmfStep, ARowGetsImplicitsNumberOfNegatives) {
  EXPECT_EQ(lmf::negatives_for(5, 30, 32), 32);  // implicit caps at the row width (its issue #745)
  EXPECT_EQ(lmf::negatives_for(1, 3, 32), 3);
  EXPECT_EQ(lmf::negatives_for(0, 30, 32), 0);
}

ModelSettings small_lmf(uint64_t seed = 42, int threads = 1) {
  ModelSettings s = ModelSettings::of(ModelKind::kLmf);
  s.lmf.factors = 8;
  s.lmf.seed = seed;
  s.lmf.threads = threads;
  return s;
}

bool same_bits(const FactorMatrix& a, const FactorMatrix& b) {
  return a.rows() == b.rows() && a.stride() == b.stride() && std::memcmp(a.data(), b.data(), a.size() * 4) == 0;
}

const FactorModel& factors_of(const std::unique_ptr<RecommenderModel>& m) { return *m->factor_model(); }

TEST(LmfModel, TheSameSeedGivesTheSameBitsWhateverTheThreadsAndSlices) {
  const testing::PlantedSplit data = testing::planted_groups(300, 200, 4, 3);
  const auto one = train_model(data.train, small_lmf(42, 1));
  const auto two = train_model(data.train, small_lmf(42, 2));
  const auto four = train_model(data.train, small_lmf(42, 4));
  EXPECT_TRUE(same_bits(factors_of(one).user_factors(), factors_of(two).user_factors()));
  EXPECT_TRUE(same_bits(factors_of(one).item_factors(), factors_of(two).item_factors()));
  EXPECT_TRUE(same_bits(factors_of(one).item_factors(), factors_of(four).item_factors()));

  auto trainer = make_trainer(data.train, small_lmf(42, 2));
  int slices = 0;
  while (!trainer->done()) {
    trainer->advance(1e-9);
    ++slices;
  }
  EXPECT_GT(slices, 30);
  EXPECT_TRUE(same_bits(factors_of(one).item_factors(), factors_of(trainer->take_model()).item_factors()));

  const auto other = train_model(data.train, small_lmf(43, 1));
  EXPECT_FALSE(same_bits(factors_of(one).item_factors(), factors_of(other).item_factors()));
}

TEST(LmfModel, RanksHeldOutLikesAboveTheRest) {
  const testing::PlantedSplit data = testing::planted_groups(120, 80, 4, 11);
  const auto model = train_model(data.train, small_lmf());
  EXPECT_GT(testing::held_out_auc(factors_of(model), data), 0.8);
  ASSERT_EQ(model->loss_history.size(), 30u);
  EXPECT_LT(model->loss_history.back(), model->loss_history.front());
  // The fixed columns: the user's 1 at `factors`, the item's at `factors` + 1.
  for (int64_t u = 0; u < model->user_count(); ++u) EXPECT_EQ(factors_of(model).user_factors()(u, 8), 1.0f);
  for (int64_t i = 0; i < model->item_count(); ++i) EXPECT_EQ(factors_of(model).item_factors()(i, 9), 1.0f);
}

TEST(LmfModel, FoldInIsDeterministic) {
  const testing::PlantedSplit data = testing::planted_groups(120, 80, 4, 11);
  const auto model = train_model(data.train, small_lmf());
  UserItems user;
  for (int64_t k = data.train.row_begin(6); k < data.train.row_end(6); ++k) user.items.push_back(data.train.indices[k]);
  user.values.assign(user.items.size(), 1.0f);
  EXPECT_EQ(factors_of(model).fold_in(user), factors_of(model).fold_in(user));
  RecommendOptions options;
  options.count = 5;
  for (const ScoredItem& s : model->recommend(user, options)) EXPECT_EQ(s.id % 4, 6 % 4) << "item " << s.id;
}

TEST(LmfModel, AHugeLearningRateIsRefusedSayingToLowerIt) {
  // AdaGrad bounds each step by about the learning rate, so only a huge
  // rate overflows the factors.
  ModelSettings s = small_lmf();
  s.lmf.learning_rate = 1e20f;
  try {
    train_model(testing::checkerboard(30), s);
    FAIL() << "a diverged run was accepted";
  } catch (const TrainingDiverged& e) {
    EXPECT_NE(std::string(e.what()).find("lower the learning rate"), std::string::npos) << e.what();
  }
}

TEST(LmfModel, BadSettingsNameTheSetting) {
  const CsrMatrix data = testing::checkerboard(10);
  auto refused_with = [&](ModelSettings s, const std::string& words) {
    try {
      make_trainer(data, s);
      ADD_FAILURE() << "accepted settings that should name " << words;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  for (float rate : {0.0f, -1.0f, std::numeric_limits<float>::quiet_NaN()}) {
    ModelSettings s = small_lmf();
    s.lmf.learning_rate = rate;
    refused_with(s, "learning rate");
  }
  ModelSettings s = small_lmf();
  s.lmf.factors = 0;
  refused_with(s, "factors");
  s = small_lmf();
  s.lmf.iterations = 0;
  refused_with(s, "iterations");
  s = small_lmf();
  s.lmf.neg_prop = 0;
  refused_with(s, "neg_prop");
}

TEST(LmfModel, CorruptModelFileSectionsAreRefused) {
  const auto model = train_model(testing::checkerboard(20), small_lmf());
  std::map<std::string, std::string> good;
  for (auto& [tag, bytes] : model->file_sections()) good[tag] = bytes;
  auto load = [&](const std::map<std::string, std::string>& owned) {
    std::map<std::string, std::string_view> sections;
    for (const auto& [tag, bytes] : owned) sections[tag] = bytes;
    return model_from_sections(model->settings(), sections, 20, 20);
  };
  EXPECT_TRUE(same_bits(factors_of(model).item_factors(), factors_of(load(good)).item_factors()));
  const size_t first_value = 8 + 4;  // u64 rows, u32 factors
  const float nan = std::numeric_limits<float>::quiet_NaN(), two = 2.0f;
  std::vector<std::map<std::string, std::string>> bad(5, good);
  bad[0]["LMFX"].resize(bad[0]["LMFX"].size() - 1);
  std::memcpy(bad[1]["LMFY"].data() + first_value, &nan, 4);
  std::memcpy(bad[2]["LMFX"].data() + first_value + 8 * 4, &two, 4);  // user 0's fixed 1
  std::memcpy(bad[3]["LMFY"].data() + first_value + 9 * 4, &two, 4);  // item 0's fixed 1
  bad[4].erase("LMFN");
  for (size_t k = 0; k < bad.size(); ++k) EXPECT_THROW(load(bad[k]), ModelFileError) << "damage " << k;
}

}  // namespace
}  // namespace als
