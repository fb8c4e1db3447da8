// Spark's implicit formulation (C = 1 + alpha·r, λ·nᵤ, only r > 0 counts)
// against a dense reference written from ALS.scala, in fold-in, explain and
// training; and Spark's factors matched to the data by id.
#include "model/spark_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "als/als_trainer.h"
#include "core/random.h"
#include "model/implicit_model.h"
#include "model/model_file.h"
#include "queries/recommender.h"
#include "support/dense_reference.h"
#include "support/test_data.h"

namespace als {
namespace {

AlsModel spark_model_of(const FactorMatrix& Y, float alpha, float lambda) {
  AlsModel m;
  m.config.factors = Y.factors();
  m.config.regularization = lambda;
  m.config.confidence.alpha = alpha;
  m.config.confidence.one_plus = true;
  m.config.formulation = Formulation::kSpark;
  m.confidence.restore(m.config.confidence, {}, 1.0);
  m.item_factors = Y;
  m.user_factors = FactorMatrix(1, Y.factors());
  return m;
}

TEST(SparkFormulation, FoldInSolvesSparksSystem) {
  const FactorMatrix Y = testing::random_factors(30, 6, 3, 0.5f);
  const AlsModel model = spark_model_of(Y, 0.7f, 0.3f);
  const Recommender r(model);
  // Zero and negative values count as unobserved in Spark.
  const UserItems user{{2, 5, 9, 11, 20, 21}, {4, 1, 0, -3, 5, 2.5}};
  CsrMatrix row;
  row.rows = 1;
  row.cols = 30;
  row.indptr = {0, 6};
  row.indices = user.items;
  row.values = user.values;
  const Eigen::MatrixXd want = reference::solve_all_rows_spark(row, reference::to_dense(Y), 0.7, 0.3);
  const std::vector<float> got = r.fold_in(user);
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(got[k], want(0, k), 1e-4) << "factor " << k;
  // Spark's λ·n differs from implicit's λ: the same user under implicit's rule is another vector.
  AlsModel implicit = model;
  implicit.config.formulation = Formulation::kImplicit;
  const Recommender ri(implicit);
  EXPECT_GT(std::fabs(ri.fold_in(user)[0] - got[0]), 1e-4);
}

TEST(SparkFormulation, ExplanationsAddUpToTheFoldInScore) {
  const FactorMatrix Y = testing::random_factors(40, 8, 5, 0.5f);
  const AlsModel model = spark_model_of(Y, 2.0f, 0.1f);
  const Recommender r(model);
  const UserItems user{{1, 4, 7, 30}, {5, 3, -1, 4}};
  const std::vector<float> x = r.fold_in(user);
  for (int32_t item : {0, 10, 39}) {
    const Explanation e = r.explain(user, item);
    double sum = 0;
    for (const Contribution& c : e.contributions) sum += c.contribution;
    EXPECT_NEAR(sum, e.score, 1e-9);
    EXPECT_NEAR(e.score, r.predicted_preference(x.data(), item), 1e-4);
    EXPECT_EQ(e.contributions.size(), 3u) << "the dislike (-1) is left out, as Spark leaves it out";
  }
}

TEST(SparkFormulation, TrainingFollowsSparksHalfSteps) {
  const CsrMatrix ratings = testing::random_matrix(25, 18, 0.3, 11);
  AlsConfig c;
  c.factors = 4;
  c.iterations = 1;
  c.regularization = 0.2f;
  c.confidence.alpha = 1.5f;
  c.confidence.one_plus = true;
  c.formulation = Formulation::kSpark;
  c.solver = Solver::kCholesky;
  c.compute_loss = false;
  c.seed = 9;
  const AlsModel model = train_als(ratings, c);
  // The trainer's initial factors: uniform [0, 0.01), users first, then items.
  SplitMix64 rng(9);
  FactorMatrix X0(25, 4), Y0(18, 4);
  for (int64_t r = 0; r < 25; ++r)
    for (int k = 0; k < 4; ++k) X0(r, k) = rng.uniform_float() * 0.01f;
  for (int64_t r = 0; r < 18; ++r)
    for (int k = 0; k < 4; ++k) Y0(r, k) = rng.uniform_float() * 0.01f;
  const Eigen::MatrixXd X1 = reference::solve_all_rows_spark(ratings, reference::to_dense(Y0), 1.5, 0.2);
  const Eigen::MatrixXd Y1 = reference::solve_all_rows_spark(transpose(ratings), X1, 1.5, 0.2);
  EXPECT_LT((reference::to_dense(model.user_factors) - X1).cwiseAbs().maxCoeff(), 1e-3 * X1.cwiseAbs().maxCoeff());
  EXPECT_LT((reference::to_dense(model.item_factors) - Y1).cwiseAbs().maxCoeff(), 1e-3 * Y1.cwiseAbs().maxCoeff());
  // Conjugate gradient with enough steps reaches the same solution.
  c.solver = Solver::kConjugateGradient;
  c.cg_steps = 40;
  const AlsModel cg = train_als(ratings, c);
  EXPECT_LT((reference::to_dense(cg.user_factors) - X1).cwiseAbs().maxCoeff(), 1e-3 * X1.cwiseAbs().maxCoeff());
}

TEST(SparkFormulation, TheModelFileKeepsTheFormulationAndTheOrigin) {
  Dataset d;
  d.user_items = testing::random_matrix(6, 5, 0.5, 2);
  d.item_users = transpose(d.user_items);
  for (int u = 0; u < 6; ++u) d.users.intern(std::to_string(u + 1));
  for (int i = 0; i < 5; ++i) d.items.intern(std::to_string(i + 10));
  AlsConfig c;
  c.factors = 3;
  c.iterations = 2;
  c.formulation = Formulation::kSpark;
  c.confidence.one_plus = true;
  AlsModel m = train_als(d.user_items, c);
  m.origin = "spark";
  m.origin_details = "Spark 3.5.1, rank 3";
  const SavedModel back = load_model(save_model(m, d, true));
  EXPECT_EQ(back.model.config.formulation, Formulation::kSpark);
  EXPECT_EQ(back.model.origin, "spark");
  EXPECT_EQ(back.model.origin_details, "Spark 3.5.1, rank 3");
}

// A data set with ids 1..n users and 100.. items, and a "Spark model" of it.
struct SparkCase {
  Dataset data;
  SparkFactors users, items;
  SparkSettings settings;
};

SparkCase spark_case() {
  SparkCase s;
  s.data.user_items = testing::random_matrix(40, 30, 0.25, 7);
  s.data.item_users = transpose(s.data.user_items);
  for (int u = 0; u < 40; ++u) s.data.users.intern(std::to_string(u + 1));
  for (int i = 0; i < 30; ++i) s.data.items.intern(std::to_string(100 + i));
  AlsConfig c;
  c.factors = 5;
  c.iterations = 8;
  c.formulation = Formulation::kSpark;
  c.confidence.one_plus = true;
  const AlsModel trained = train_als(s.data.user_items, c);
  // Spark writes rows in any order (partitions): reversed here.
  for (int u = 39; u >= 0; --u) {
    s.users.ids.push_back(u + 1);
    s.users.features.insert(s.users.features.end(), trained.user_factors.row(u), trained.user_factors.row(u) + 5);
  }
  for (int i = 29; i >= 0; --i) {
    s.items.ids.push_back(100 + i);
    s.items.features.insert(s.items.features.end(), trained.item_factors.row(i), trained.item_factors.row(i) + 5);
  }
  s.settings.rank = 5;
  s.settings.alpha = 1.0;
  s.settings.reg_param = 0.01;
  s.settings.spark_version = "3.5.1";
  return s;
}

std::string refusal(const SparkCase& s) {
  try {
    spark_model(s.users, s.items, s.settings, s.data);
  } catch (const ModelImportError& e) {
    return e.what();
  }
  return "";
}

TEST(SparkModel, RowsAreMatchedByIdAndTheFormulationIsSparks) {
  const SparkCase s = spark_case();
  const SparkImport imported = spark_model(s.users, s.items, s.settings, s.data);
  const AlsModel& m = imported.model;
  EXPECT_EQ(m.config.formulation, Formulation::kSpark);
  EXPECT_TRUE(m.config.confidence.one_plus);
  EXPECT_FLOAT_EQ(m.config.regularization, 0.01f);
  // Data user "7" (index 6) is the 34th row Spark wrote.
  for (int k = 0; k < 5; ++k) EXPECT_EQ(m.user_factors(6, k), s.users.features[33 * 5 + k]);
  EXPECT_EQ(imported.fit.items_matched, 30);
  EXPECT_GT(imported.fit.rated_pair_auc, 0.8);
  EXPECT_EQ(m.origin, "spark");
}

TEST(SparkModel, ItemsTheModelLacksStayZeroAndForeignIdsAreRefused) {
  SparkCase s = spark_case();
  s.items.ids.pop_back();  // item "100" is not in the model
  s.items.features.resize(s.items.features.size() - 5);
  s.items.ids.push_back(999);  // an item the data lack
  s.items.features.insert(s.items.features.end(), 5, 0.1f);
  const SparkImport imported = spark_model(s.users, s.items, s.settings, s.data);
  EXPECT_EQ(imported.fit.items_matched, 29);
  EXPECT_EQ(imported.items_not_in_data, 1);
  for (int k = 0; k < 5; ++k) EXPECT_EQ(imported.model.item_factors(0, k), 0.0f);

  SparkCase foreign = spark_case();
  for (int32_t& id : foreign.items.ids) id += 5000;
  EXPECT_NE(refusal(foreign).find("do not belong to these data"), std::string::npos) << refusal(foreign);
}

TEST(SparkModel, MalformedFactorsAreRefused) {
  SparkCase s = spark_case();
  s.items.features.pop_back();
  EXPECT_NE(refusal(s).find("expected 5 per id"), std::string::npos) << refusal(s);
  s = spark_case();
  s.users.features[7] = std::nanf("");
  EXPECT_NE(refusal(s).find("NaN"), std::string::npos) << refusal(s);
  s = spark_case();
  s.users.ids[1] = s.users.ids[0];
  EXPECT_NE(refusal(s).find("twice"), std::string::npos) << refusal(s);
  s = spark_case();
  s.settings.rank = 0;
  EXPECT_NE(refusal(s).find("rank 0"), std::string::npos) << refusal(s);
}

}  // namespace
}  // namespace als
