// The one suite every model kind passes (models/recommender_model.h), as
// implicit's RecommenderBase tests: the checkerboard (user u likes the items
// of u's parity but item u; the top recommendation for u is item u), the
// filtering of liked, excluded and non-candidate items, similar items of the
// same parity, scores that agree with the ranking, explanations that sum to
// the score (or say why there are none), the model file and the seed.
//
// A new kind adds itself to contract_cases() with the few settings it needs
// on a 50 × 50 checkerboard.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "model/model_file.h"
#include "models/model_trainer.h"
#include "support/test_data.h"

namespace als {
namespace {

struct ContractCase {
  ModelSettings settings;
  bool ranks_checkerboard = true;            // popularity cannot: every item is as popular
  bool deterministic_across_threads = true;  // Hogwild SGD is not
  bool star_ratings = false;  // a model of ratings refuses one value: liked cells rated 4 or 5 instead of 1
};

std::vector<ContractCase> contract_cases() {
  std::vector<ContractCase> cases;
  {
    AlsConfig c;
    c.factors = 8;
    c.iterations = 10;
    c.regularization = 0.01f;
    cases.push_back({ModelSettings::of(c)});
  }
  cases.push_back({ModelSettings::of(ModelKind::kPopular), false});
  {
    ModelSettings s = ModelSettings::of(ModelKind::kExplicitAls);
    s.explicit_als.iterations = 15;
    cases.push_back({s, true, true, true});
  }
  {
    ModelSettings s = ModelSettings::of(ModelKind::kBpr);
    s.bpr.factors = 8;
    s.bpr.learning_rate = 0.05f;
    s.bpr.iterations = 200;
    cases.push_back({s, true, false});  // Hogwild SGD: not the same bits across thread counts
  }
  {
    ModelSettings s = ModelSettings::of(ModelKind::kLmf);
    s.lmf.factors = 8;
    cases.push_back({s});  // per-row random streams: the same model whatever the thread count
  }
  // K = 50 keeps every item's column: with the default 20 of 25 equal ties, the last items have no incoming neighbour.
  for (ModelKind kind : {ModelKind::kKnnCosine, ModelKind::kKnnTfidf, ModelKind::kKnnBm25}) {
    ModelSettings s = ModelSettings::of(kind);
    s.knn.neighbours = 50;
    cases.push_back({s});
  }
  return cases;
}

void PrintTo(const ContractCase& c, std::ostream* out) { *out << model_kind_name(c.settings.kind); }

std::string case_name(const ::testing::TestParamInfo<ContractCase>& info) {
  std::string name = model_kind_name(info.param.settings.kind);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

UserItems row_of(const CsrMatrix& m, int32_t row) {
  UserItems user;
  for (int64_t k = m.indptr[row]; k < m.indptr[row + 1]; ++k) {
    user.items.push_back(m.indices[k]);
    user.values.push_back(m.values[k]);
  }
  return user;
}

Dataset dataset_of(const CsrMatrix& m) {
  Dataset d;
  d.user_items = m;
  d.item_users = transpose(m);
  for (int32_t u = 0; u < m.rows; ++u) d.users.intern("u" + std::to_string(u));
  for (int32_t i = 0; i < m.cols; ++i) {
    d.items.intern(std::to_string(100 + i));
    d.item_titles.push_back("Item " + std::to_string(i));
    d.item_genres.push_back("");
  }
  return d;
}

std::vector<int32_t> ids_of(const std::vector<ScoredItem>& items) {
  std::vector<int32_t> ids;
  for (const ScoredItem& s : items) ids.push_back(s.id);
  return ids;
}

class ModelContract : public ::testing::TestWithParam<ContractCase> {
 protected:
  static constexpr int32_t kSize = 50;
  void SetUp() override {
    data_ = testing::checkerboard(kSize);
    // The same liked cells, rated 4 or 5: user u still has only its parity's items.
    if (GetParam().star_ratings)
      for (int32_t u = 0; u < kSize; ++u)
        for (int64_t k = data_.indptr[u]; k < data_.indptr[u + 1]; ++k)
          data_.values[k] = (u + data_.indices[k]) % 4 == 0 ? 5.0f : 4.0f;
    ModelSettings settings = GetParam().settings;
    settings.set_threads(2);
    model_ = train_model(data_, settings);
    ASSERT_NE(model_, nullptr);
  }
  CsrMatrix data_;
  std::unique_ptr<RecommenderModel> model_;
};

TEST_P(ModelContract, SaysItsKindAndShape) {
  EXPECT_EQ(model_->kind(), GetParam().settings.kind);
  EXPECT_EQ(model_->settings().kind, GetParam().settings.kind);
  EXPECT_EQ(model_->user_count(), kSize);
  EXPECT_EQ(model_->item_count(), kSize);
  EXPECT_EQ(model_->factor_model() != nullptr, is_factor_model(model_->kind()));
}

TEST_P(ModelContract, TopRecommendationForUserUIsItemU) {
  for (int32_t u = 0; u < kSize; ++u) {
    RecommendOptions options;
    options.count = 1;
    const auto trained = model_->recommend_for_user(u, row_of(data_, u), options);
    ASSERT_EQ(trained.size(), 1u);
    if (!GetParam().ranks_checkerboard) {
      // Popularity ranks every user alike: a training user and a new one with the same items agree.
      EXPECT_EQ(model_->recommend(row_of(data_, u), options)[0].id, trained[0].id);
      continue;
    }
    EXPECT_EQ(trained[0].id, u) << "training user " << u;
    const auto fresh = model_->recommend(row_of(data_, u), options);
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].id, u) << "the same favorites as a new user " << u;
  }
}

TEST_P(ModelContract, RecommendFiltersLikedExcludedAndNonCandidates) {
  for (int32_t u : {0, 7, 20}) {
    const UserItems liked = row_of(data_, u);
    RecommendOptions options;
    options.count = 100;
    options.exclude = {(u + 1) % kSize, (u + 3) % kSize};  // not liked: the other parity
    const auto all = model_->recommend(liked, options);
    std::set<int32_t> seen;
    for (const ScoredItem& s : all) {
      EXPECT_TRUE(seen.insert(s.id).second) << "item " << s.id << " twice";
      EXPECT_EQ(std::count(liked.items.begin(), liked.items.end(), s.id), 0) << "liked item " << s.id;
      EXPECT_EQ(std::count(options.exclude.begin(), options.exclude.end(), s.id), 0);
      EXPECT_TRUE(std::isfinite(s.score));
    }
    EXPECT_EQ(all.size(), static_cast<size_t>(kSize) - liked.items.size() - 2);
    for (size_t k = 1; k < all.size(); ++k) EXPECT_GE(all[k - 1].score, all[k].score);

    RecommendOptions few;
    few.count = 3;
    few.candidates = {1, 2, 3, 4, 5, 6, 7, 8};
    const auto some = model_->recommend(liked, few);
    EXPECT_LE(some.size(), 3u);
    for (const ScoredItem& s : some) {
      EXPECT_NE(std::find(few.candidates.begin(), few.candidates.end(), s.id), few.candidates.end());
      EXPECT_EQ(std::count(liked.items.begin(), liked.items.end(), s.id), 0);
    }
    // The training user's row is filtered the same way.
    const auto trained = model_->recommend_for_user(u, liked, options);
    for (const ScoredItem& s : trained) EXPECT_EQ(std::count(liked.items.begin(), liked.items.end(), s.id), 0);
  }
}

TEST_P(ModelContract, ScoreAgreesWithTheRanking) {
  const UserItems liked = row_of(data_, 4);
  RecommendOptions options;
  options.count = 10;
  for (const ScoredItem& s : model_->recommend(liked, options))
    EXPECT_NEAR(model_->score(liked, s.id), s.score, 1e-4 * (1 + std::abs(s.score))) << "item " << s.id;
}

TEST_P(ModelContract, SimilarItemsShareTheParity) {
  if (!model_->has_similar_items()) {
    EXPECT_THROW(model_->similar_items(0, SimilarOptions{}), std::logic_error);
    return;
  }
  for (int32_t item : {0, 1, 10, 33}) {
    SimilarOptions options;
    options.count = 5;
    options.include_self = false;
    const auto similar = model_->similar_items(item, options);
    ASSERT_EQ(similar.size(), 5u);
    for (const ScoredItem& s : similar) {
      EXPECT_NE(s.id, item);
      EXPECT_EQ(s.id % 2, item % 2) << "item " << s.id << " next to " << item;
    }
    for (size_t k = 1; k < similar.size(); ++k) EXPECT_GE(similar[k - 1].score, similar[k].score);
  }
}

TEST_P(ModelContract, ExplanationsSumToTheScoreOrSayWhyNot) {
  const UserItems liked = row_of(data_, 6);
  const Explainability how = model_->explainability();
  const std::vector<int32_t> items = {6, 8, 9};
  if (!how.exact) {
    EXPECT_FALSE(how.why_not.empty());
    EXPECT_FALSE(how.code.empty());
    EXPECT_THROW(model_->explain(liked, items), std::logic_error);
    return;
  }
  const auto explanations = model_->explain(liked, items);
  ASSERT_EQ(explanations.size(), items.size());
  for (size_t k = 0; k < items.size(); ++k) {
    double sum = 0;
    for (const Contribution& c : explanations[k].contributions) {
      sum += c.contribution;
      EXPECT_NE(std::find(liked.items.begin(), liked.items.end(), c.item), liked.items.end());
    }
    EXPECT_NEAR(sum, explanations[k].score, 1e-4 * (1 + std::abs(sum)));
    EXPECT_NEAR(explanations[k].score, model_->score(liked, items[k]), 1e-3 * (1 + std::abs(sum)));
  }
}

TEST_P(ModelContract, TheModelFileKeepsItsKindAndAnswers) {
  const Dataset d = dataset_of(data_);
  SavedModel saved = load_model(save_model(*model_, d, true));
  EXPECT_EQ(saved.kind, model_->kind());
  std::unique_ptr<RecommenderModel> back = take_recommender_model(saved);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->kind(), model_->kind());
  RecommendOptions options;
  options.count = 10;
  for (int32_t u : {0, 3, 11}) {
    const auto before = model_->recommend(row_of(data_, u), options);
    const auto after = back->recommend(row_of(data_, u), options);
    EXPECT_EQ(ids_of(before), ids_of(after)) << "user " << u;
  }
}

TEST_P(ModelContract, TheSameSeedGivesTheSameModel) {
  ModelSettings settings = GetParam().settings;
  settings.set_threads(1);
  const auto one = train_model(data_, settings);
  const auto again = train_model(data_, settings);
  RecommendOptions options;
  options.count = kSize;
  for (int32_t u : {1, 2, 30}) {
    const auto a = one->recommend_for_user(u, row_of(data_, u), options);
    const auto b = again->recommend_for_user(u, row_of(data_, u), options);
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].id, b[k].id);
      EXPECT_EQ(a[k].score, b[k].score);
    }
    if (GetParam().deterministic_across_threads) {
      const auto two = model_->recommend_for_user(u, row_of(data_, u), options);
      ASSERT_EQ(a.size(), two.size());
      for (size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].id, two[k].id) << "1 vs 2 threads, user " << u;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kinds, ModelContract, ::testing::ValuesIn(contract_cases()), case_name);

}  // namespace
}  // namespace als
