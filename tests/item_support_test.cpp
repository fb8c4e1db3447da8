// The minimum-support filter of similar items and recommendations
// (queries/item_support.h): the default rule, and the filtered queries
// against a brute-force reference (every score computed, rare items dropped,
// sorted), for recommend, recommend_all, similar items and the Workspace.
#include "queries/item_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "queries/recommender.h"
#include "session/workspace.h"
#include "support/test_data.h"

namespace als {
namespace {

// A model of random factors (users x items, f factors); support[i] = i % 12,
// so items 0, 12, 24, ... have no users and 11, 23, ... have 11.
struct RandomModel {
  AlsModel model;
  std::vector<int32_t> support;
};

RandomModel random_model(int32_t users, int32_t items, int f) {
  RandomModel m;
  m.model.config.factors = f;
  m.model.user_factors = testing::random_factors(users, f, 7);
  m.model.item_factors = testing::random_factors(items, f, 11);
  for (int32_t i = 0; i < items; ++i) m.support.push_back(i % 12);
  return m;
}

float dot(const FactorMatrix& a, int64_t r, const FactorMatrix& b, int64_t s) {
  double sum = 0;
  for (int k = 0; k < a.factors(); ++k) sum += double(a(r, k)) * b(s, k);
  return static_cast<float>(sum);
}

// The reference: score every allowed item, best first (ties: lower index).
std::vector<int32_t> reference_top(const std::vector<float>& scores, const std::vector<bool>& allowed, int count) {
  std::vector<int32_t> ids;
  for (int32_t i = 0; i < static_cast<int32_t>(scores.size()); ++i)
    if (allowed[i]) ids.push_back(i);
  std::stable_sort(ids.begin(), ids.end(), [&](int32_t a, int32_t b) { return scores[a] > scores[b]; });
  if (static_cast<int>(ids.size()) > count) ids.resize(count);
  return ids;
}

std::vector<int32_t> ids_of(const std::vector<ScoredItem>& items) {
  std::vector<int32_t> ids;
  for (const ScoredItem& s : items) ids.push_back(s.id);
  return ids;
}

TEST(ItemSupport, CountsTheUsersOfEachItem) {
  const CsrMatrix user_items = testing::random_matrix(40, 30, 0.2, 3);
  const CsrMatrix item_users = transpose(user_items);
  const std::vector<int32_t> support = item_support(item_users);
  ASSERT_EQ(support.size(), 30u);
  std::vector<int32_t> counted(30, 0);
  for (int32_t u = 0; u < user_items.rows; ++u)
    for (int64_t k = user_items.indptr[u]; k < user_items.indptr[u + 1]; ++k) ++counted[user_items.indices[k]];
  EXPECT_EQ(support, counted);
}

TEST(ItemSupport, DefaultRuleIsFiveUnlessTooFewItemsReachIt) {
  std::vector<int32_t> support(200, 1);
  EXPECT_EQ(default_min_support(support), 0) << "no item has 5 users: a toy set keeps every item";
  for (int k = 0; k < kMinItemsForSupportRule - 1; ++k) support[k] = kDefaultMinSupport;
  EXPECT_EQ(default_min_support(support), 0) << "49 items reach 5";
  support[kMinItemsForSupportRule - 1] = 1000;
  EXPECT_EQ(default_min_support(support), kDefaultMinSupport) << "50 items reach 5";
  EXPECT_EQ(items_below_support(support, kDefaultMinSupport), 150);
  EXPECT_EQ(items_below_support(support, 0), 0);
}

TEST(ItemSupport, RecommendLeavesOutRareItemsAndOtherwiseRanksAsBefore) {
  const RandomModel m = random_model(20, 120, 8);
  const Recommender r(m.model, m.support);
  for (int32_t min : {0, 1, 5, 11, 12}) {
    for (int32_t u = 0; u < 20; ++u) {
      RecommendOptions o;
      o.count = 15;
      o.min_support = min;
      o.exclude = {3, 5, 7};
      std::vector<float> scores(120);
      std::vector<bool> allowed(120);
      for (int32_t i = 0; i < 120; ++i) {
        scores[i] = dot(m.model.user_factors, u, m.model.item_factors, i);
        allowed[i] = m.support[i] >= min && i != 3 && i != 5 && i != 7;
      }
      const std::vector<int32_t> got = ids_of(r.recommend(r.user_vector(u), o));
      EXPECT_EQ(got, reference_top(scores, allowed, 15)) << "user " << u << ", min support " << min;
      for (int32_t i : got) EXPECT_GE(m.support[i], min);
    }
  }
  RecommendOptions none;
  none.min_support = 12;  // no item has 12 users
  EXPECT_TRUE(r.recommend(r.user_vector(0), none).empty());
}

TEST(ItemSupport, CandidatesAndMinimumSupportBothApply) {
  const RandomModel m = random_model(5, 60, 4);
  const Recommender r(m.model, m.support);
  RecommendOptions o;
  o.count = 60;
  o.candidates = {0, 1, 2, 3, 4, 5, 6, 30, 40, 59};
  o.min_support = 5;
  for (const ScoredItem& s : r.recommend(r.user_vector(2), o)) {
    EXPECT_GE(m.support[s.id], 5) << s.id;
    EXPECT_NE(std::find(o.candidates.begin(), o.candidates.end(), s.id), o.candidates.end()) << s.id;
  }
  EXPECT_EQ(r.recommend(r.user_vector(2), o).size(), 4u) << "5, 6, 30 and 59 have 5 or more users";
}

TEST(ItemSupport, RecommendAllUsesTheSameFilter) {
  const RandomModel m = random_model(30, 50, 6);
  const Recommender r(m.model, m.support);
  const CsrMatrix liked = testing::random_matrix(30, 50, 0.1, 5);
  ThreadPool pool(2);
  const auto all = r.recommend_all(liked, 8, pool, 6);
  for (int32_t u = 0; u < 30; ++u) {
    RecommendOptions o;
    o.count = 8;
    o.min_support = 6;
    o.exclude.assign(liked.indices.begin() + liked.indptr[u], liked.indices.begin() + liked.indptr[u + 1]);
    EXPECT_EQ(ids_of(all[u]), ids_of(r.recommend(r.user_vector(u), o))) << "user " << u;
    for (const ScoredItem& s : all[u]) EXPECT_GE(m.support[s.id], 6);
  }
}

TEST(ItemSupport, SimilarItemsLeaveOutRareNeighboursButKeepTheItemItself) {
  const RandomModel m = random_model(3, 100, 5);
  const Recommender r(m.model, m.support);
  const FactorMatrix& Y = m.model.item_factors;
  for (int32_t item : {0, 11, 37}) {  // item 0 has no users itself
    std::vector<float> cosine(100);
    for (int32_t j = 0; j < 100; ++j)
      cosine[j] = dot(Y, item, Y, j) / std::sqrt(dot(Y, item, Y, item)) / std::sqrt(dot(Y, j, Y, j));
    SimilarOptions o;
    o.count = 10;
    o.min_support = 8;
    o.include_self = false;
    std::vector<bool> allowed(100);
    for (int32_t j = 0; j < 100; ++j) allowed[j] = m.support[j] >= 8 && j != item;
    const std::vector<ScoredItem> got = r.similar_items(item, o);
    EXPECT_EQ(ids_of(got), reference_top(cosine, allowed, 10)) << "item " << item;
    o.include_self = true;
    EXPECT_EQ(r.similar_items(item, o).front().id, item) << "the item itself comes first, rare or not";
    o.min_support = 0;
    o.include_self = false;
    std::vector<bool> every(100, true);
    every[item] = false;
    EXPECT_EQ(ids_of(r.similar_items(item, o)), reference_top(cosine, every, 10)) << "0: the raw output";
  }
}

TEST(ItemSupport, ShrinkageRanksByCosineTimesNOverNPlusBeta) {
  const RandomModel m = random_model(3, 100, 5);
  const Recommender r(m.model, m.support);
  const FactorMatrix& Y = m.model.item_factors;
  const std::vector<float> weights = support_weights(m.support, 5.0);
  EXPECT_FLOAT_EQ(weights[11], 11.0f / 16.0f);
  EXPECT_EQ(weights[0], 0.0f) << "an item nobody kept has no weight";
  EXPECT_TRUE(support_weights(m.support, 0).empty()) << "β = 0: no shrinkage";
  for (int32_t item : {11, 37, 70}) {
    std::vector<float> shrunk(100);
    for (int32_t j = 0; j < 100; ++j)
      shrunk[j] = dot(Y, item, Y, j) / std::sqrt(dot(Y, item, Y, item)) / std::sqrt(dot(Y, j, Y, j)) *
                  static_cast<float>(m.support[j] / (m.support[j] + 5.0));
    SimilarOptions o;
    o.count = 10;
    o.include_self = false;
    o.min_support = 3;
    o.support_shrinkage = 5.0;
    std::vector<bool> allowed(100);
    for (int32_t j = 0; j < 100; ++j) allowed[j] = m.support[j] >= 3 && j != item;
    const std::vector<ScoredItem> got = r.similar_items(item, o);
    EXPECT_EQ(ids_of(got), reference_top(shrunk, allowed, 10)) << "item " << item;
    for (const ScoredItem& s : got) EXPECT_NEAR(s.score, shrunk[s.id], 1e-5) << "the shown score is the shrunk one";
    o.include_self = true;
    EXPECT_EQ(r.similar_items(item, o).front().id, item) << "the item itself still comes first";
    EXPECT_FLOAT_EQ(r.similar_items(item, o).front().score, 1.0f) << "its own cosine is not shrunk";
  }
}

// A neighbour few users kept that points exactly the same way loses to a
// well-kept one a little less alike: what the shrinkage is for.
TEST(ItemSupport, ShrinkageLetsAWellKeptNeighbourLeadARareOne) {
  AlsModel model;
  model.config.factors = 2;
  model.user_factors = FactorMatrix(1, 2);
  model.item_factors = FactorMatrix(3, 2);
  model.item_factors(0, 0) = 1;                                      // the item asked about
  model.item_factors(1, 0) = 1;                                      // cosine 1, 5 users
  model.item_factors(2, 0) = 0.9f, model.item_factors(2, 1) = 0.3f;  // cosine 0.95, 200 users
  const Recommender r(model, std::vector<int32_t>{300, 5, 200});
  SimilarOptions o;
  o.count = 2;
  o.include_self = false;
  o.min_support = 5;
  EXPECT_EQ(r.similar_items(0, o).front().id, 1) << "a minimum alone: the rare one leads";
  o.support_shrinkage = kDefaultSupportShrinkage;
  EXPECT_EQ(r.similar_items(0, o).front().id, 2) << "shrunk: 1 x 5/10 < 0.95 x 200/205";
  EXPECT_EQ(support_shrinkage_for(0), 0.0) << "no minimum (include rare items): the raw cosine";
  EXPECT_EQ(support_shrinkage_for(5), kDefaultSupportShrinkage);
}

TEST(ItemSupport, AMinimumWithoutSupportCountsIsAnError) {
  const RandomModel m = random_model(3, 10, 2);
  const Recommender r(m.model);
  SimilarOptions o;
  o.min_support = 5;
  EXPECT_THROW(r.similar_items(1, o), std::logic_error);
  o.min_support = 0;
  EXPECT_EQ(r.similar_items(1, o).size(), 10u);
  o.support_shrinkage = 5;
  EXPECT_THROW(r.similar_items(1, o), std::logic_error) << "so does a shrinkage";
  EXPECT_THROW(Recommender(m.model, std::vector<int32_t>(3, 1)), std::invalid_argument) << "one count per item";
}

// ---- the Workspace: the default rule on loaded data ----

// 200 users; items 1..60 are kept by many users (support >= 20), items
// 101..130 by 1-3 users: the rule applies (60 items reach 5).
std::string popular_and_rare_ratings() {
  std::string text;
  auto add = [&](int user, int item) {
    text += std::to_string(user) + "::" + std::to_string(item) + "::5::978300760\n";
  };
  for (int u = 1; u <= 200; ++u)
    for (int i = 1; i <= 60; ++i)
      if ((u * 7 + i * 3) % 10 < 2 || (u % 60) + 1 == i) add(u, i);
  for (int i = 101; i <= 130; ++i)
    for (int k = 0; k < 1 + i % 3; ++k) add(1 + (i * 13 + k * 17) % 200, i);
  return text;
}

TEST(ItemSupport, WorkspaceAppliesTheDefaultRuleAndZeroGivesTheRawOutput) {
  Workspace ws;
  ws.begin_load({});
  ws.begin_file("ratings.dat");
  const std::string text = popular_and_rare_ratings();
  ws.feed(text.data(), text.size());
  ws.end_file();
  ws.finish_load();
  AlsConfig config;
  config.factors = 8;
  config.iterations = 5;
  config.threads = 1;
  ws.start_training(config);
  while (!ws.advance_training(10)) {
  }
  EXPECT_EQ(ws.model().default_min_support, kDefaultMinSupport);
  const Dataset& d = ws.model_data();
  auto support_of = [&](int32_t i) { return d.item_users.row_size(i); };
  int rare_in_raw = 0;
  for (int32_t item = 0; item < d.item_count(); ++item) {
    for (const ScoredItem& s : ws.similar_items(item, 20)) EXPECT_GE(support_of(s.id), kDefaultMinSupport);
    for (const ScoredItem& s : ws.similar_items(item, 20, 0)) rare_in_raw += support_of(s.id) < kDefaultMinSupport;
  }
  EXPECT_GT(rare_in_raw, 0) << "without the filter, rare items do show up among the neighbours";
  // The default rule's list is the shrunk ranking of the items that reach the minimum.
  const Recommender& r = *ws.model().recommender;
  SimilarOptions shrunk;
  shrunk.count = 20;
  shrunk.include_self = false;
  shrunk.min_support = kDefaultMinSupport;
  shrunk.support_shrinkage = kDefaultSupportShrinkage;
  EXPECT_EQ(ids_of(ws.similar_items(3, 20)), ids_of(r.similar_items(3, shrunk)));
  shrunk.min_support = 0;
  shrunk.support_shrinkage = 0;
  EXPECT_EQ(ids_of(ws.similar_items(3, 20, 0)), ids_of(r.similar_items(3, shrunk))) << "0: the raw cosine";
  Favorites me;
  me.items = {d.items.find("1"), d.items.find("2"), d.items.find("101")};
  me.values = {5, 5, 5};
  RecommendOptions o;
  o.count = 100;
  o.min_support = kUseDefaultMinSupport;
  const auto rows = ws.recommend(me, o);
  EXPECT_EQ(rows.size(), 58u) << "the 60 well-rated items minus the 2 favorites";
  for (const RecommendationRow& row : rows) EXPECT_GE(support_of(row.item.id), kDefaultMinSupport);
  o.min_support = 0;
  EXPECT_EQ(ws.recommend(me, o).size(), 87u) << "every item but the 3 favorites";
}

}  // namespace
}  // namespace als
