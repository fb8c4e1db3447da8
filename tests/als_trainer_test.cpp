#include "als/als_trainer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "support/dense_reference.h"
#include "support/test_data.h"

namespace als {
namespace {

AlsConfig small_config(Solver solver = Solver::kConjugateGradient) {
  AlsConfig c;
  c.factors = 10;
  c.iterations = 8;
  c.regularization = 0.1f;
  c.solver = solver;
  c.threads = 1;
  c.seed = 7;
  return c;
}

bool same_bits(const FactorMatrix& a, const FactorMatrix& b) {
  return a.rows() == b.rows() && a.stride() == b.stride() &&
         std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(AlsTrainer, LossDecreasesForBothSolvers) {
  const CsrMatrix data = testing::random_matrix(120, 80, 0.08, 3);
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    const AlsModel model = train_als(data, small_config(solver));
    ASSERT_EQ(model.loss_history.size(), 8u);
    for (size_t k = 1; k < model.loss_history.size(); ++k)
      EXPECT_LE(model.loss_history[k], model.loss_history[k - 1] * (1 + 1e-6))
          << solver_name(solver) << " iteration " << k;
    EXPECT_LT(model.loss_history.back(), 0.9 * model.loss_history.front());
  }
}

TEST(AlsTrainer, SameModelForOneTwoAndSevenThreads) {
  const CsrMatrix data = testing::random_matrix(700, 300, 0.05, 4);
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    AlsConfig config = small_config(solver);
    const AlsModel one = train_als(data, config);
    config.threads = 2;
    const AlsModel two = train_als(data, config);
    config.threads = 7;
    const AlsModel seven = train_als(data, config);
    EXPECT_TRUE(same_bits(one.user_factors, two.user_factors)) << solver_name(solver);
    EXPECT_TRUE(same_bits(one.item_factors, seven.item_factors)) << solver_name(solver);
    EXPECT_EQ(one.loss_history, seven.loss_history);
  }
}

// The fixed side laid out most-rated first (for locality) gives the very
// model of the plain layout: factors, loss, both solvers and formulations,
// one thread and three. (Random rows differ in size: the order is not the identity.)
TEST(AlsTrainer, PopularityOrderedGathersGiveTheSameBitsAsThePlainLayout) {
  const CsrMatrix data = testing::random_matrix(500, 260, 0.06, 11);
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky})
    for (Formulation formulation : {Formulation::kImplicit, Formulation::kSpark})
      for (int threads : {1, 3}) {
        AlsConfig config = small_config(solver);
        config.formulation = formulation;
        config.threads = threads;
        config.gather_by_popularity = false;
        const AlsModel plain = train_als(data, config);
        config.gather_by_popularity = true;
        const AlsModel ordered = train_als(data, config);
        SCOPED_TRACE(std::string(solver_name(solver)) + ", " + std::to_string(threads) + " threads" +
                     (formulation == Formulation::kSpark ? ", Spark" : ""));
        EXPECT_TRUE(same_bits(plain.user_factors, ordered.user_factors));
        EXPECT_TRUE(same_bits(plain.item_factors, ordered.item_factors));
        EXPECT_EQ(plain.loss_history, ordered.loss_history);
        ASSERT_EQ(ordered.loss_history.size(), 8u);
      }
}

// The item side copied from the caller's transpose (Dataset::item_users) is
// the one transposed here: the same model to the bit, for every scaling (BM25
// and Spark's positive entries transpose as before) and thread count.
TEST(AlsTrainer, TheItemSideFromTheCallersTransposeGivesTheSameBits) {
  const CsrMatrix data = testing::random_matrix(500, 260, 0.06, 13);
  const CsrMatrix item_users = transpose(data);
  for (ConfidenceScaling scaling : {ConfidenceScaling::kNone, ConfidenceScaling::kLog, ConfidenceScaling::kBm25})
    for (Formulation formulation : {Formulation::kImplicit, Formulation::kSpark})
      for (int threads : {1, 3}) {
        AlsConfig config = small_config();
        config.confidence.scaling = scaling;
        config.formulation = formulation;
        config.threads = threads;
        const AlsModel transposed = train_als(data, config);
        AlsTrainer trainer(data, config, &item_users);
        while (!trainer.done()) trainer.advance(1e9);
        const AlsModel copied = trainer.take_model();
        SCOPED_TRACE(std::to_string(static_cast<int>(scaling)) + ", " + std::to_string(threads) + " threads" +
                     (formulation == Formulation::kSpark ? ", Spark" : ""));
        EXPECT_TRUE(same_bits(transposed.user_factors, copied.user_factors));
        EXPECT_TRUE(same_bits(transposed.item_factors, copied.item_factors));
        EXPECT_EQ(transposed.loss_history, copied.loss_history);
      }
}

TEST(AlsTrainer, SlicedTrainingEqualsOneShotTraining) {
  const CsrMatrix data = testing::random_matrix(400, 300, 0.05, 5);
  AlsConfig config = small_config();
  config.threads = 2;
  const AlsModel whole = train_als(data, config);
  AlsTrainer trainer(data, config);
  int calls = 0;
  while (!trainer.done()) {
    trainer.advance(0.0);  // the smallest slice each time
    ++calls;
  }
  EXPECT_GT(calls, config.iterations);
  EXPECT_DOUBLE_EQ(trainer.progress().fraction, 1.0);
  const AlsModel sliced = trainer.take_model();
  EXPECT_TRUE(same_bits(whole.user_factors, sliced.user_factors));
  EXPECT_TRUE(same_bits(whole.item_factors, sliced.item_factors));
  EXPECT_EQ(whole.loss_history, sliced.loss_history);  // the loss pass is sliced too, summed in the same order
}

TEST(AlsTrainer, SlicesOfAnySizeAndTheLossPassInSlicesGiveTheSameBits) {
  // Enough rows for many tasks per half step and per loss pass; budgets from
  // "one task per thread" to "everything at once", on 1 and 3 threads.
  const CsrMatrix data = testing::random_matrix(3000, 800, 0.02, 12);
  AlsConfig config = small_config();
  config.iterations = 3;
  const AlsModel reference = train_als(data, config);
  ASSERT_EQ(reference.loss_history.size(), 3u);
  for (int threads : {1, 3}) {
    for (double budget : {0.0, 1e-4, 1e-3, 1e9}) {
      config.threads = threads;
      AlsTrainer trainer(data, config);
      double fraction = 0;
      while (!trainer.done()) {
        trainer.advance(budget);
        EXPECT_GE(trainer.progress().fraction, fraction);
        fraction = trainer.progress().fraction;
      }
      const AlsModel model = trainer.take_model();
      EXPECT_TRUE(same_bits(reference.user_factors, model.user_factors)) << threads << " threads, budget " << budget;
      EXPECT_TRUE(same_bits(reference.item_factors, model.item_factors)) << threads << " threads, budget " << budget;
      EXPECT_EQ(reference.loss_history, model.loss_history) << threads << " threads, budget " << budget;
    }
  }
}

TEST(AlsTrainer, SameSeedSameModelOtherSeedOtherModel) {
  const CsrMatrix data = testing::random_matrix(50, 40, 0.1, 6);
  AlsConfig config = small_config();
  const AlsModel a = train_als(data, config), b = train_als(data, config);
  EXPECT_TRUE(same_bits(a.item_factors, b.item_factors));
  config.seed = 8;
  EXPECT_FALSE(same_bits(a.item_factors, train_als(data, config).item_factors));
}

TEST(AlsTrainer, ExactAlternationMatchesTheDenseReference) {
  // Cholesky ALS = alternating exact solves; replay them with the dense reference.
  const CsrMatrix data = testing::random_matrix(25, 30, 0.2, 9);
  AlsConfig config = small_config(Solver::kCholesky);
  config.iterations = 1;
  const AlsModel model = train_als(data, config);
  AlsConfig zero = config;
  zero.iterations = 0;
  const AlsModel initial = train_als(data, zero);
  const reference::DenseProblem users = reference::dense_problem(data);
  const Eigen::MatrixXd X = reference::solve_all_rows(users, reference::to_dense(initial.item_factors), 0.1);
  const Eigen::MatrixXd Y = reference::solve_all_rows(reference::dense_problem(transpose(data)), X, 0.1);
  for (int i = 0; i < 30; ++i)
    for (int k = 0; k < 10; ++k) EXPECT_NEAR(model.item_factors(i, k), Y(i, k), 2e-3 * (1 + std::abs(Y(i, k))));
}

TEST(AlsTrainer, ProgressCallbackCanCancel) {
  const CsrMatrix data = testing::random_matrix(50, 40, 0.1, 6);
  int seen = 0;
  EXPECT_THROW(train_als(data, small_config(),
                         [&](const TrainingProgress& p) {
                           ++seen;
                           EXPECT_EQ(p.iterations_done, seen);
                           return seen < 3;
                         }),
               TrainingCancelled);
  EXPECT_EQ(seen, 3);
}

TEST(AlsTrainer, RejectsBadSettingsByName) {
  const CsrMatrix data = testing::random_matrix(10, 10, 0.3, 1);
  AlsConfig c = small_config();
  c.factors = 0;
  EXPECT_THROW(
      {
        try {
          AlsTrainer t(data, c);
        } catch (const std::invalid_argument& e) {
          EXPECT_NE(std::string(e.what()).find("factors"), std::string::npos);
          throw;
        }
      },
      std::invalid_argument);
  c = small_config();
  c.regularization = -1;
  EXPECT_THROW(AlsTrainer(data, c), std::invalid_argument);
  c = small_config();
  c.confidence.alpha = 0;
  EXPECT_THROW(AlsTrainer(data, c), std::invalid_argument);
}

TEST(AlsTrainer, DegenerateShapesTrainWithoutNaN) {
  // One user, one item; and more factors than users or items; and zero regularization with CG.
  for (auto [rows, cols] : {std::pair{1, 1}, std::pair{3, 2}, std::pair{2, 40}}) {
    const CsrMatrix data = testing::random_matrix(rows, cols, 1.0, 2);
    AlsConfig c = small_config();
    c.factors = 32;
    c.regularization = 0.0f;
    const AlsModel m = train_als(data, c);
    for (int64_t r = 0; r < m.item_factors.rows(); ++r)
      for (int k = 0; k < 32; ++k) EXPECT_TRUE(std::isfinite(m.item_factors(r, k)));
    for (double loss : m.loss_history) EXPECT_TRUE(std::isfinite(loss));
  }
}

}  // namespace
}  // namespace als
