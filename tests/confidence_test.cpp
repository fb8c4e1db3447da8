#include "als/confidence.h"

#include <gtest/gtest.h>

#include <cmath>

namespace als {
namespace {

CsrMatrix two_users() {
  return csr_from_triplets(2, 3, {{0, 0, 4}, {0, 1, 1}, {1, 1, 2}, {1, 2, -3}}, DuplicateRule::kLast);
}

TEST(Confidence, ImplicitConventionIsAlphaTimesValue) {
  ConfidenceConfig c;
  c.alpha = 2.5f;
  const CsrMatrix w = ConfidenceWeights(two_users(), c).apply(two_users());
  EXPECT_EQ(w.values, (std::vector<float>{10, 2.5f, 5, -7.5f}));
}

TEST(Confidence, PaperConventionAddsOne) {
  ConfidenceConfig c;
  c.alpha = 2;
  c.one_plus = true;
  EXPECT_EQ(ConfidenceWeights(two_users(), c).apply(two_users()).values, (std::vector<float>{9, 3, 5, -7}));
}

TEST(Confidence, LogScaling) {
  ConfidenceConfig c;
  c.scaling = ConfidenceScaling::kLog;
  c.log_epsilon = 0.5f;
  const CsrMatrix w = ConfidenceWeights(two_users(), c).apply(two_users());
  EXPECT_NEAR(w.values[0], std::log1p(4 / 0.5), 1e-6);
  EXPECT_NEAR(w.values[3], -std::log1p(3 / 0.5), 1e-6);
}

TEST(Confidence, Bm25WeightsByIdfAndRowLength) {
  ConfidenceConfig c;
  c.scaling = ConfidenceScaling::kBm25;
  const ConfidenceWeights weights(two_users(), c);
  // idf_1 = log(2) - log(1 + 2); row 0 sum 5, average row sum (5 + 5) / 2 = 5: length norm 1.
  const double idf1 = std::log(2.0) - std::log1p(2.0);
  const CsrMatrix w = weights.apply(two_users());
  EXPECT_NEAR(w.values[1], 1 * (100 + 1) / (100 * 1.0 + 1) * idf1, 1e-6);
  // A new user gets the same weights from the same numbers.
  const int32_t items[] = {1};
  const float values[] = {1};
  float out;
  weights.row_confidences(items, values, 1, &out);
  const double length_norm = 0.2 + 0.8 * 1 / 5.0;
  EXPECT_NEAR(out, 1 * 101 / (100 * length_norm + 1) * idf1, 1e-6);
}

}  // namespace
}  // namespace als
