#include "eval/split.h"

#include <gtest/gtest.h>

#include "support/test_data.h"

namespace als {
namespace {

int64_t total(const TrainTestSplit& s) { return s.train.nnz() + s.test.nnz(); }

TEST(TrainTestSplit, KeepsEveryInteractionOnceInAboutTheAskedShare) {
  const CsrMatrix data = testing::random_matrix(200, 100, 0.2, 1);
  const TrainTestSplit s = train_test_split(data, 0.8, 42);
  EXPECT_EQ(total(s), data.nnz());
  EXPECT_NEAR(static_cast<double>(s.train.nnz()) / data.nnz(), 0.8, 0.02);
  EXPECT_EQ(s.train.rows, data.rows);
  EXPECT_EQ(s.test.cols, data.cols);
  for (int32_t u = 0; u < data.rows; ++u)
    for (int64_t k = s.test.indptr[u]; k < s.test.indptr[u + 1]; ++k)
      EXPECT_EQ(s.train.at(u, s.test.indices[k]), 0.0f) << "an interaction in both halves";
}

TEST(TrainTestSplit, SameSeedSameSplit) {
  const CsrMatrix data = testing::random_matrix(50, 50, 0.2, 2);
  EXPECT_EQ(train_test_split(data, 0.7, 1).test.indices, train_test_split(data, 0.7, 1).test.indices);
  EXPECT_NE(train_test_split(data, 0.7, 1).test.indices, train_test_split(data, 0.7, 2).test.indices);
  EXPECT_THROW(train_test_split(data, 1.0, 1), std::invalid_argument);
}

TEST(LeaveKOut, TakesKFromUsersWithMoreThanKPlusOne) {
  const CsrMatrix data = testing::random_matrix(100, 40, 0.1, 3);
  const TrainTestSplit s = leave_k_out_split(data, 2, 5);
  EXPECT_EQ(total(s), data.nnz());
  for (int32_t u = 0; u < data.rows; ++u) {
    const int64_t n = data.row_size(u);
    EXPECT_EQ(s.test.row_size(u), n > 3 ? 2 : 0) << "user " << u << " with " << n;
  }
}

}  // namespace
}  // namespace als
