// BPR (models/bpr_model.h, models/bpr_update.h): the fast step against the
// formula written plainly in doubles, the seed, ranking quality on held-out
// likes, divergence and bad settings refused, corrupt model-file sections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>

#include "model/model_file.h"
#include "models/bpr_model.h"
#include "models/bpr_update.h"
#include "models/model_sections.h"
#include "models/model_trainer.h"
#include "models/training_diverged.h"
#include "support/ranking_fixture.h"
#include "support/test_data.h"

namespace als {
namespace {

// implicit's bpr_update for one thread, in doubles, with the samples drawn
// as run_samples draws them.
struct ReferenceBpr {
  std::vector<std::vector<double>> X, Y;
  int factors;

  void step(int32_t u, int32_t l, int32_t d, double lr, double reg) {
    std::vector<double>& x = X[u];
    std::vector<double>& yl = Y[l];
    std::vector<double>& yd = Y[d];
    double score = 0;
    for (int j = 0; j <= factors; ++j) score += x[j] * (yl[j] - yd[j]);
    const double z = 1.0 / (1.0 + std::exp(score));
    for (int j = 0; j < factors; ++j) {
      const double temp = x[j];
      x[j] += lr * (z * (yl[j] - yd[j]) - reg * x[j]);
      yl[j] += lr * (z * temp - reg * yl[j]);
      yd[j] += lr * (-z * temp - reg * yd[j]);
    }
    yl[factors] += lr * (z - reg * yl[factors]);
    yd[factors] += lr * (-z - reg * yd[factors]);
  }

  void run(const CsrMatrix& m, int64_t count, uint64_t seed, double lr, double reg) {
    SplitMix64 rng(seed);
    const uint64_t nnz = static_cast<uint64_t>(m.nnz());
    for (int64_t s = 0; s < count; ++s) {
      const uint64_t liked_entry = rng.below(nnz), other_entry = rng.below(nnz);
      int32_t user = 0;
      while (m.indptr[user + 1] <= static_cast<int64_t>(liked_entry)) ++user;
      const int32_t liked = m.indices[liked_entry], disliked = m.indices[other_entry];
      if (liked == disliked || m.at(user, disliked) != 0) continue;  // verify_negative_samples
      step(user, liked, disliked, lr, reg);
    }
  }
};

std::vector<std::vector<double>> as_doubles(const FactorMatrix& m) {
  std::vector<std::vector<double>> out(m.rows(), std::vector<double>(m.factors()));
  for (int64_t r = 0; r < m.rows(); ++r)
    for (int k = 0; k < m.factors(); ++k) out[r][k] = m(r, k);
  return out;
}

void expect_near(const FactorMatrix& fast, const std::vector<std::vector<double>>& slow, double tolerance) {
  for (int64_t r = 0; r < fast.rows(); ++r)
    for (int k = 0; k < fast.factors(); ++k)
      ASSERT_NEAR(fast(r, k), slow[r][k], tolerance * (1 + std::abs(slow[r][k]))) << "row " << r << " column " << k;
}

class BprStep : public ::testing::TestWithParam<int> {};

TEST_P(BprStep, TheFastStepIsTheFormulaWrittenPlainly) {
  const int factors = GetParam();  // strides of one block, of two, and wider than the unrolled cases
  const CsrMatrix m = testing::random_matrix(30, 20, 0.3, 5);
  FactorMatrix X = testing::random_factors(m.rows, factors + 1, 1, 0.5f);
  FactorMatrix Y = testing::random_factors(m.cols, factors + 1, 2, 0.5f);
  for (int64_t u = 0; u < X.rows(); ++u) X(u, factors) = 1.0f;
  ReferenceBpr reference{as_doubles(X), as_doubles(Y), factors};

  const bpr::TrainingEntries entries(m);
  SplitMix64 rng(77);
  const bpr::StepSettings step{0.05f, 0.01f};
  const bpr::SampleCounts counts = bpr::run_samples(entries, X, Y, factors, 2000, rng, step, true);
  reference.run(m, 2000, 77, 0.05, 0.01);

  EXPECT_EQ(counts.samples, 2000);
  EXPECT_GT(counts.skipped, 0);  // about 30% of the negatives are liked
  expect_near(X, reference.X, 2e-4);
  expect_near(Y, reference.Y, 2e-4);
  for (int64_t u = 0; u < X.rows(); ++u) EXPECT_EQ(X(u, factors), 1.0f) << "the bias column of the users stays 1";
  for (int64_t r = 0; r < Y.rows(); ++r)
    for (int k = Y.factors(); k < Y.stride(); ++k) EXPECT_EQ(Y.row(r)[k], 0.0f) << "the padding stays 0";
}

INSTANTIATE_TEST_SUITE_P(Strides, BprStep, ::testing::Values(4, 20, 140));

TEST(BprStep, TheLikedBitsAgreeWithTheSearchInTheRow) {
  const CsrMatrix m = testing::random_matrix(40, 70, 0.2, 9);
  const bpr::TrainingEntries entries(m);
  ASSERT_FALSE(entries.liked_bits.empty());
  for (int32_t u = 0; u < m.rows; ++u)
    for (int32_t i = 0; i < m.cols; ++i) {
      ASSERT_EQ(entries.user_liked(u, i), m.at(u, i) != 0) << u << ", " << i;
      ASSERT_EQ(entries.user_liked_by_search(u, i), m.at(u, i) != 0) << u << ", " << i;
    }
  for (int64_t k = 0; k < m.nnz(); ++k)
    ASSERT_EQ(entries.user_of_entry[k], std::upper_bound(m.indptr.begin(), m.indptr.end(), k) - m.indptr.begin() - 1);
}

TEST(BprStep, TheUserStepLeavesTheItemsAlone) {
  FactorMatrix X = testing::random_factors(1, 9, 1), Y = testing::random_factors(2, 9, 2);
  X(0, 8) = 1.0f;
  const FactorMatrix items_before = Y;
  bpr::sgd_user_step(X.row(0), Y.row(0), Y.row(1), 8, X.stride(), {0.1f, 0.01f});
  EXPECT_EQ(std::memcmp(Y.data(), items_before.data(), Y.size() * sizeof(float)), 0);
  EXPECT_EQ(X(0, 8), 1.0f);
}

ModelSettings small_bpr(uint64_t seed = 42, int threads = 1) {
  ModelSettings s = ModelSettings::of(ModelKind::kBpr);
  s.bpr.factors = 16;
  s.bpr.learning_rate = 0.05f;
  s.bpr.iterations = 60;
  s.bpr.seed = seed;
  s.bpr.threads = threads;
  return s;
}

bool same_bits(const FactorMatrix& a, const FactorMatrix& b) {
  return a.rows() == b.rows() && a.stride() == b.stride() && std::memcmp(a.data(), b.data(), a.size() * 4) == 0;
}

const FactorModel& factors_of(const std::unique_ptr<RecommenderModel>& m) { return *m->factor_model(); }

TEST(BprModel, OneThreadAndTheSameSeedGiveTheSameBitsHoweverSliced) {
  const testing::PlantedSplit data = testing::planted_groups(80, 60, 4, 3);
  const auto one = train_model(data.train, small_bpr());
  const auto again = train_model(data.train, small_bpr());
  EXPECT_TRUE(same_bits(factors_of(one).user_factors(), factors_of(again).user_factors()));
  EXPECT_TRUE(same_bits(factors_of(one).item_factors(), factors_of(again).item_factors()));

  // Sliced into many tiny slices: the same tasks in the same order.
  auto trainer = make_trainer(data.train, small_bpr());
  int slices = 0;
  while (!trainer->done()) {
    trainer->advance(1e-9);
    ++slices;
  }
  EXPECT_GT(slices, 60);
  const auto sliced = trainer->take_model();
  EXPECT_TRUE(same_bits(factors_of(one).item_factors(), factors_of(sliced).item_factors()));

  const auto other = train_model(data.train, small_bpr(43));
  EXPECT_FALSE(same_bits(factors_of(one).item_factors(), factors_of(other).item_factors()));
}

TEST(BprModel, RanksHeldOutLikesAboveTheRestAndLearnsOverEpochs) {
  const testing::PlantedSplit data = testing::planted_groups(120, 80, 4, 11);
  for (int threads : {1, 2}) {
    const auto model = train_model(data.train, small_bpr(42, threads));
    EXPECT_GT(testing::held_out_auc(factors_of(model), data), 0.8) << threads << " threads";
    // loss_history: the fraction of sampled pairs ordered wrongly, per epoch.
    ASSERT_EQ(model->loss_history.size(), 60u);
    EXPECT_GT(model->loss_history.front(), 0.3);
    EXPECT_LT(model->loss_history.back(), 0.2);
  }
}

TEST(BprModel, FoldInIsDeterministicAndRanksLikeTheTrainingUser) {
  const testing::PlantedSplit data = testing::planted_groups(120, 80, 4, 11);
  const auto model = train_model(data.train, small_bpr());
  UserItems user;
  for (int64_t k = data.train.row_begin(5); k < data.train.row_end(5); ++k) user.items.push_back(data.train.indices[k]);
  user.values.assign(user.items.size(), 1.0f);
  const std::vector<float> a = factors_of(model).fold_in(user), b = factors_of(model).fold_in(user);
  EXPECT_EQ(a, b);
  RecommendOptions options;
  options.count = 5;
  for (const ScoredItem& s : model->recommend(user, options)) EXPECT_EQ(s.id % 4, 5 % 4) << "item " << s.id;
  // Nobody: the item biases alone (the bias column is 1).
  const std::vector<float> empty = factors_of(model).fold_in(UserItems{});
  EXPECT_EQ(empty[16], 1.0f);
}

TEST(BprModel, TooLargeALearningRateIsRefusedSayingToLowerIt) {
  ModelSettings s = small_bpr();
  s.bpr.learning_rate = 1e6f;
  const CsrMatrix data = testing::checkerboard(30);
  try {
    train_model(data, s);
    FAIL() << "a diverged run was accepted";
  } catch (const TrainingDiverged& e) {
    EXPECT_NE(std::string(e.what()).find("lower the learning rate"), std::string::npos) << e.what();
  }
  EXPECT_THROW(train_model(data, s), std::runtime_error);
}

TEST(BprModel, BadSettingsNameTheSetting) {
  const CsrMatrix data = testing::checkerboard(10);
  auto refused_with = [&](ModelSettings s, const std::string& words) {
    try {
      make_trainer(data, s);
      ADD_FAILURE() << "accepted settings that should name " << words;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  for (float rate : {0.0f, -0.01f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    ModelSettings s = small_bpr();
    s.bpr.learning_rate = rate;
    refused_with(s, "learning rate");
  }
  ModelSettings s = small_bpr();
  s.bpr.factors = 0;
  refused_with(s, "factors");
  s = small_bpr();
  s.bpr.iterations = 0;
  refused_with(s, "iterations");
  s = small_bpr();
  s.bpr.regularization = -1;
  refused_with(s, "regularization");
}

TEST(BprModel, CorruptModelFileSectionsAreRefused) {
  const CsrMatrix data = testing::checkerboard(20);
  const auto model = train_model(data, small_bpr());
  std::map<std::string, std::string> good;
  for (auto& [tag, bytes] : model->file_sections()) good[tag] = bytes;
  auto load = [&](const std::map<std::string, std::string>& owned) {
    std::map<std::string, std::string_view> sections;
    for (const auto& [tag, bytes] : owned) sections[tag] = bytes;
    return model_from_sections(model->settings(), sections, 20, 20);
  };
  const auto back = load(good);
  EXPECT_TRUE(same_bits(factors_of(model).item_factors(), factors_of(back).item_factors()));

  auto damaged = [&](const std::string& tag, auto&& change) {
    std::map<std::string, std::string> copy = good;
    change(copy[tag]);
    return copy;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const size_t first_value = 8 + 4;  // u64 rows, u32 factors
  std::vector<std::map<std::string, std::string>> bad = {
      damaged("BPRX", [](std::string& b) { b.resize(b.size() - 3); }),
      damaged("BPRY", [&](std::string& b) { std::memcpy(b.data() + first_value, &nan, 4); }),
      damaged("BPRX",
              [&](std::string& b) {
                const float two = 2.0f;  // user 0's bias column, which must be 1
                std::memcpy(b.data() + first_value + 16 * 4, &two, 4);
              }),
      damaged("BPRN", [](std::string& b) { b.resize(8); }),
      damaged("BPRN", [](std::string& b) { b[8 + 7] = static_cast<char>(0x80); }),  // a negative count
  };
  std::map<std::string, std::string> missing = good;
  missing.erase("BPRY");
  bad.push_back(missing);
  for (size_t k = 0; k < bad.size(); ++k) EXPECT_THROW(load(bad[k]), ModelFileError) << "damage " << k;
}

}  // namespace
}  // namespace als
