// The item-item models against slow dense references: the weightings by hand
// (implicit 0.7's formulas), all-pairs top-K by brute force, recommend = liked · S.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "model/model_file.h"
#include "models/item_neighbours.h"
#include "models/item_weighting.h"
#include "models/knn_model.h"
#include "models/model_sections.h"
#include "models/model_trainer.h"

namespace als {
namespace {

CsrMatrix random_sparse(int32_t rows, int32_t cols, double density, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<int> value(1, 5);
  std::vector<Triplet> t;
  for (int32_t r = 0; r < rows; ++r)
    for (int32_t c = 0; c < cols; ++c)
      if (coin(rng) < density) t.push_back({r, c, static_cast<float>(value(rng))});
  return csr_from_triplets(rows, cols, t, DuplicateRule::kLast);
}

// Brute force: every dot product of rows, the K largest non-zero (ties: lower index).
std::vector<std::vector<ScoredItem>> brute_force_knn(const CsrMatrix& x, int k) {
  std::vector<std::vector<ScoredItem>> rows(x.rows);
  for (int32_t i = 0; i < x.rows; ++i) {
    std::vector<ScoredItem> all;
    for (int32_t j = 0; j < x.rows; ++j) {
      float dot = 0;
      for (int64_t a = x.row_begin(i); a < x.row_end(i); ++a) dot += x.values[a] * x.at(j, x.indices[a]);
      if (dot != 0) all.push_back({j, dot});
    }
    std::sort(all.begin(), all.end(), ranks_before);
    if (static_cast<int>(all.size()) > k) all.resize(k);
    std::sort(all.begin(), all.end(), [](const ScoredItem& a, const ScoredItem& b) { return a.id < b.id; });
    rows[i] = all;
  }
  return rows;
}

void expect_same_rows(const std::vector<std::vector<ScoredItem>>& rows,
                      const std::vector<std::vector<ScoredItem>>& expected, int k) {
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), expected[i].size()) << "item " << i << " K " << k;
    for (size_t n = 0; n < rows[i].size(); ++n) {
      EXPECT_EQ(rows[i][n].id, expected[i][n].id) << "item " << i << " K " << k;
      EXPECT_EQ(rows[i][n].score, expected[i][n].score) << "item " << i << " K " << k;
    }
  }
}

TEST(ItemNeighbours, FastAllPairsTopKEqualsBruteForce) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    const CsrMatrix x = random_sparse(40, 30, 0.2, seed);  // integers: exact sums, many ties
    const CsrMatrix xt = transpose(x);
    for (int k : {1, 3, 10, 100}) {
      const auto expected = brute_force_knn(x, k);
      for (int threads : {1, 2, 3}) {
        ThreadPool pool(threads);
        std::vector<std::vector<ScoredItem>> rows;
        item_neighbour_rows(x, xt, k, 0, x.rows, pool, rows);
        expect_same_rows(rows, expected, k);
        // Halved by symmetry, in slices of any size, whatever the slots and threads.
        for (int32_t slice : {1, 7, 40}) {
          SymmetricNeighbourSearch search(x, xt, k, pool.size());
          for (int32_t begin = 0; begin < x.rows; begin += slice)
            search.add_rows(begin, std::min(x.rows, begin + slice), pool);
          expect_same_rows(search.take_rows(pool), expected, k);
        }
      }
    }
  }
}

// Real-valued weights (sums that round): the symmetric search gives the very
// bits of the row-by-row one, since both sum each s_ij over the same users in
// the same order.
TEST(ItemNeighbours, TheSymmetricSearchHasTheBitsOfTheRowByRowOne) {
  CsrMatrix x = random_sparse(120, 90, 0.15, 11);
  for (float& v : x.values) v = std::sqrt(v) / 3.0f;
  const CsrMatrix xt = transpose(x);
  ThreadPool pool(3);
  std::vector<std::vector<ScoredItem>> rows;
  item_neighbour_rows(x, xt, 20, 0, x.rows, pool, rows);
  SymmetricNeighbourSearch search(x, xt, 20, pool.size());
  search.add_rows(0, 50, pool);
  EXPECT_GT(search.work_done(50), 50.0 / 120);  // the first rows pair with more items
  search.add_rows(50, x.rows, pool);
  EXPECT_DOUBLE_EQ(search.work_done(x.rows), 1.0);
  expect_same_rows(search.take_rows(pool), rows, 20);
}

// Items x users: item 0 = [1, 2, 0], item 1 = [0, 3, 4].
CsrMatrix tiny() { return csr_from_triplets(2, 3, {{0, 0, 1}, {0, 1, 2}, {1, 1, 3}, {1, 2, 4}}, DuplicateRule::kLast); }

TEST(ItemWeighting, CosineTfidfAndBm25ByHand) {
  const CsrMatrix cos = normalize_rows(tiny());
  EXPECT_NEAR(cos.values[0], 1 / std::sqrt(5.0), 1e-6);
  EXPECT_NEAR(cos.values[3], 4 / 5.0, 1e-6);
  // idf: N = 2 items; users 0, 2 in one item: log(2/2) = 0; user 1 in two: log(2/3).
  const CsrMatrix tfidf = tfidf_weight(tiny());
  EXPECT_NEAR(tfidf.values[0], 0, 1e-6);
  EXPECT_NEAR(std::abs(tfidf.values[1]), 1, 1e-6);  // the only non-zero of item 0, normalized
  const CsrMatrix bm = bm25_weight(tiny(), 1.2f, 0.75f);
  // item 1: row sum 7, mean 5, L = 0.25 + 0.75 · 7/5 = 1.3; x = 3 at user 1.
  const double expected = 3 * 2.2 / (1.2 * 1.3 + 3) * std::log(2.0 / 3.0);
  EXPECT_NEAR(bm.values[2], expected, 1e-5);
  EXPECT_NEAR(bm.values[3], 0, 1e-6);
}

CsrMatrix user_items_data() { return random_sparse(60, 25, 0.3, 7); }

TEST(KnnModel, SimilarItemsAreTheBruteForceCosineOfColumns) {
  const CsrMatrix data = user_items_data();
  ModelSettings s = ModelSettings::of(ModelKind::kKnnCosine);
  s.knn.neighbours = 25;
  const auto model = train_model(data, s);
  for (int32_t i : {0, 5, 24}) {
    SimilarOptions options;
    options.count = 25;
    for (const ScoredItem& n : model->similar_items(i, options)) {
      double dot = 0, ni = 0, nj = 0;
      for (int32_t u = 0; u < data.rows; ++u) {
        dot += data.at(u, i) * data.at(u, n.id);
        ni += data.at(u, i) * data.at(u, i);
        nj += data.at(u, n.id) * data.at(u, n.id);
      }
      EXPECT_NEAR(n.score, dot / std::sqrt(ni * nj), 1e-5);
    }
  }
  // With the rare-item rule's shrinkage: each similarity times n/(n + β), re-ranked.
  std::vector<int32_t> support(data.cols, 0);
  for (int32_t u = 0; u < data.rows; ++u)
    for (int32_t i = 0; i < data.cols; ++i) support[i] += data.at(u, i) != 0;
  model->set_item_support(support);
  SimilarOptions raw, shrunk;
  raw.count = shrunk.count = 25;
  shrunk.support_shrinkage = 5;
  for (int32_t i : {0, 5, 24}) {
    std::vector<ScoredItem> expected = model->similar_items(i, raw);
    for (ScoredItem& e : expected)
      if (e.id != i) e.score *= static_cast<float>(support[e.id] / (support[e.id] + 5.0));
    std::sort(expected.begin(), expected.end(), ranks_before);
    const std::vector<ScoredItem> got = model->similar_items(i, shrunk);
    ASSERT_EQ(got.size(), expected.size());
    for (size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].id, expected[k].id) << "item " << i << " rank " << k;
      EXPECT_FLOAT_EQ(got[k].score, expected[k].score);
    }
  }
}

TEST(KnnModel, RecommendIsLikedTimesSimilarityAndExplainSumsToIt) {
  const CsrMatrix data = user_items_data();
  ModelSettings s = ModelSettings::of(ModelKind::kKnnBm25);
  s.knn.neighbours = 5;
  const auto model = train_model(data, s);
  const CsrMatrix& sim = dynamic_cast<const KnnModel&>(*model).similarity();
  UserItems user;
  for (int64_t k = data.row_begin(3); k < data.row_end(3); ++k) {
    user.items.push_back(data.indices[k]);
    user.values.push_back(data.values[k]);
  }
  RecommendOptions options;
  options.count = 5;
  for (const ScoredItem& r : model->recommend(user, options)) {
    double expected = 0;
    for (size_t k = 0; k < user.items.size(); ++k) expected += user.values[k] * sim.at(user.items[k], r.id);
    EXPECT_NEAR(r.score, expected, 1e-5);
    const Explanation e = model->explain(user, {r.id})[0];
    double sum = 0;
    for (const Contribution& c : e.contributions) sum += c.contribution;
    EXPECT_NEAR(sum, r.score, 1e-5);
  }
}

TEST(KnnModel, BadSettingsNameTheSetting) {
  const CsrMatrix data = user_items_data();
  ModelSettings s = ModelSettings::of(ModelKind::kKnnBm25);
  s.knn.neighbours = 0;
  try {
    make_trainer(data, s);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find('K'), std::string::npos);
  }
  s = ModelSettings::of(ModelKind::kKnnBm25);
  s.knn.bm25_b = -0.5f;
  EXPECT_THROW(make_trainer(data, s), std::invalid_argument);
  s = ModelSettings::of(ModelKind::kKnnBm25);
  s.knn.bm25_k1 = -1;
  EXPECT_THROW(make_trainer(data, s), std::invalid_argument);
}

TEST(KnnModel, ACorruptSectionIsRefused) {
  const auto model = train_model(user_items_data(), ModelSettings::of(ModelKind::kKnnCosine));
  std::map<std::string, std::string> owned;
  for (auto& [tag, bytes] : model->file_sections()) owned[tag] = bytes;
  owned["KIDX"][0] = '\x7f';  // a neighbour far outside the items
  owned["KIDX"][3] = '\x7f';
  std::map<std::string, std::string_view> sections(owned.begin(), owned.end());
  EXPECT_THROW(model_from_sections(model->settings(), sections, 60, 25), ModelFileError);
  owned["KPTR"].resize(3);
  std::map<std::string, std::string_view> short_rows(owned.begin(), owned.end());
  EXPECT_THROW(model_from_sections(model->settings(), short_rows, 60, 25), ModelFileError);
}

}  // namespace
}  // namespace als
