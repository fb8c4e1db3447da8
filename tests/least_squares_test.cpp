#include "als/least_squares.h"

#include <gtest/gtest.h>

#include "support/dense_reference.h"
#include "support/test_data.h"

namespace als {
namespace {

struct Problem {
  CsrMatrix C;
  FactorMatrix Y;
  float regularization;
};

Problem make_problem(uint64_t seed, int factors, bool with_dislikes) {
  Problem p{testing::random_matrix(30, 60, 0.2, seed), testing::random_factors(60, factors, seed + 1, 0.5f), 0.1f};
  for (size_t k = 0; k < p.C.values.size(); ++k) {
    p.C.values[k] *= 2.0f;  // confidences 2..10
    if (with_dislikes && k % 7 == 3) p.C.values[k] = -p.C.values[k];
  }
  return p;
}

FactorMatrix solve(const Problem& p, bool use_cg, int cg_steps, const FactorMatrix& start) {
  ThreadPool pool(1);
  const GramMatrix G = gram_matrix(p.Y, p.regularization, pool);
  FactorMatrix X = start;
  solve_rows(p.C, G, p.Y, use_cg, cg_steps, 0, p.C.rows, X);
  return X;
}

class SolverTest : public ::testing::TestWithParam<bool> {};  // with dislikes or not

TEST_P(SolverTest, CholeskyMatchesDenseReference) {
  const Problem p = make_problem(3, 8, GetParam());
  const FactorMatrix X = solve(p, false, 0, FactorMatrix(p.C.rows, 8));
  const Eigen::MatrixXd expected =
      reference::solve_all_rows(reference::dense_problem(p.C), reference::to_dense(p.Y), p.regularization);
  for (int32_t u = 0; u < p.C.rows; ++u)
    for (int k = 0; k < 8; ++k) EXPECT_NEAR(X(u, k), expected(u, k), 2e-4 * (1 + std::abs(expected(u, k))));
}

TEST_P(SolverTest, ConjugateGradientWithEnoughStepsMatchesCholesky) {
  const Problem p = make_problem(4, 8, GetParam());
  const FactorMatrix exact = solve(p, false, 0, FactorMatrix(p.C.rows, 8));
  const FactorMatrix cg = solve(p, true, 40, testing::random_factors(p.C.rows, 8, 9, 0.01f));
  for (int32_t u = 0; u < p.C.rows; ++u)
    for (int k = 0; k < 8; ++k) EXPECT_NEAR(cg(u, k), exact(u, k), 1e-3 * (1 + std::abs(exact(u, k))));
}

INSTANTIATE_TEST_SUITE_P(Dislikes, SolverTest, ::testing::Bool());

TEST(ConjugateGradient, ThreeWarmStepsGetCloserThanTheStart) {
  const Problem p = make_problem(5, 16, false);
  const FactorMatrix exact = solve(p, false, 0, FactorMatrix(p.C.rows, 16));
  const FactorMatrix start = testing::random_factors(p.C.rows, 16, 10, 0.01f);
  const FactorMatrix cg = solve(p, true, 3, start);
  double before = 0, after = 0;
  for (int32_t u = 0; u < p.C.rows; ++u)
    for (int k = 0; k < 16; ++k) {
      before += std::pow(start(u, k) - exact(u, k), 2);
      after += std::pow(cg(u, k) - exact(u, k), 2);
    }
  EXPECT_LT(after, 0.5 * before);
}

TEST(LeastSquares, EmptyRowsGetZeroVectors) {
  Problem p = make_problem(6, 8, false);
  // Empty row 0 by rebuilding C without it.
  std::vector<Triplet> t;
  for (int32_t u = 1; u < p.C.rows; ++u)
    for (int64_t k = p.C.indptr[u]; k < p.C.indptr[u + 1]; ++k) t.push_back({u, p.C.indices[k], p.C.values[k]});
  p.C = csr_from_triplets(p.C.rows, p.C.cols, t, DuplicateRule::kLast);
  for (bool cg : {true, false}) {
    const FactorMatrix X = solve(p, cg, 3, testing::random_factors(p.C.rows, 8, 1, 1.0f));
    for (int k = 0; k < X.stride(); ++k) EXPECT_EQ(X(0, k), 0.0f);
  }
}

TEST(LeastSquares, CholeskyFailureSaysWhatToDo) {
  // Zero regularization and identical item vectors: singular system.
  CsrMatrix C = testing::random_matrix(2, 4, 1.0, 1);
  FactorMatrix Y(4, 4);
  for (int i = 0; i < 4; ++i) Y(i, 0) = 1.0f;
  ThreadPool pool(1);
  const GramMatrix G = gram_matrix(Y, 0.0f, pool);
  FactorMatrix X(2, 4);
  try {
    solve_rows(C, G, Y, false, 0, 0, 2, X);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("try increasing regularization"), std::string::npos);
  }
}

}  // namespace
}  // namespace als
