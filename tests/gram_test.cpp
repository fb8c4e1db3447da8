#include "als/gram.h"

#include <gtest/gtest.h>

#include <cstring>

#include "support/dense_reference.h"
#include "support/test_data.h"

namespace als {
namespace {

TEST(Gram, MatchesDenseProductPlusRegularization) {
  const FactorMatrix Y = testing::random_factors(1300, 20, 1);
  ThreadPool pool(2);
  const GramMatrix G = gram_matrix(Y, 0.5f, pool);
  const Eigen::MatrixXd dense = reference::to_dense(Y);
  const Eigen::MatrixXd expected = dense.transpose() * dense + 0.5 * Eigen::MatrixXd::Identity(20, 20);
  for (int a = 0; a < 20; ++a)
    for (int b = 0; b < 20; ++b) EXPECT_NEAR(G.row(a)[b], expected(a, b), 1e-3) << a << "," << b;
  for (int a = 20; a < G.stride; ++a) EXPECT_EQ(G.row(a)[a], 0.0f) << "padding stays zero";
}

TEST(Gram, SameBitsForAnyThreadCount) {
  const FactorMatrix Y = testing::random_factors(5000, 33, 2);
  ThreadPool one(1), two(2), seven(7);
  const GramMatrix a = gram_matrix(Y, 0.1f, one), b = gram_matrix(Y, 0.1f, two), c = gram_matrix(Y, 0.1f, seven);
  EXPECT_EQ(0, std::memcmp(a.values.data(), b.values.data(), a.values.size() * sizeof(float)));
  EXPECT_EQ(0, std::memcmp(a.values.data(), c.values.data(), a.values.size() * sizeof(float)));
}

}  // namespace
}  // namespace als
