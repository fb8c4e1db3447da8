#include "als/training_loss.h"

#include <gtest/gtest.h>

#include "support/dense_reference.h"
#include "support/test_data.h"

namespace als {
namespace {

TEST(TrainingLoss, MatchesBruteForceOverEveryCell) {
  CsrMatrix C = testing::random_matrix(40, 50, 0.15, 21);
  C.values[3] = -C.values[3];  // one dislike
  const FactorMatrix X = testing::random_factors(40, 12, 22, 0.3f);
  const FactorMatrix Y = testing::random_factors(50, 12, 23, 0.3f);
  ThreadPool pool(2);
  const double fast = training_loss(C, X, Y, 0.05f, pool);
  const double slow = reference::loss(C, reference::to_dense(X), reference::to_dense(Y), 0.05);
  EXPECT_NEAR(fast, slow, 1e-5 * slow);
}

TEST(TrainingLoss, SameBitsForAnyThreadCount) {
  const CsrMatrix C = testing::random_matrix(300, 200, 0.1, 5);
  const FactorMatrix X = testing::random_factors(300, 20, 6), Y = testing::random_factors(200, 20, 7);
  ThreadPool one(1), three(3);
  EXPECT_EQ(training_loss(C, X, Y, 0.1f, one), training_loss(C, X, Y, 0.1f, three));
}

}  // namespace
}  // namespace als
