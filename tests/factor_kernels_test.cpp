#include "als/factor_kernels.h"

#include <gtest/gtest.h>

#include <cstring>

#include "support/test_data.h"

namespace als {
namespace {

// The documented summation order, written plainly: element k into lane k mod 16,
// then lanes folded l + 8, l + 4, l + 2, l + 1.
float canonical_dot(const float* a, const float* b, int n) {
  float lanes[16] = {};
  for (int k = 0; k < n; ++k) lanes[k % 16] = lanes[k % 16] + a[k] * b[k];
  for (int width = 8; width >= 1; width /= 2)
    for (int l = 0; l < width; ++l) lanes[l] = lanes[l] + lanes[l + width];
  return lanes[0];
}

double double_dot(const float* a, const float* b, int n) {
  double s = 0;
  for (int k = 0; k < n; ++k) s += static_cast<double>(a[k]) * b[k];
  return s;
}

bool same_bits(float a, float b) {
  uint32_t x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return x == y;
}

class KernelWidths : public ::testing::TestWithParam<int> {};

TEST_P(KernelWidths, DotFollowsTheCanonicalOrderBitForBit) {
  const FactorMatrix m = testing::random_factors(2, GetParam(), 7);
  const float fast = kernels::dot(m.row(0), m.row(1), m.stride());
  EXPECT_TRUE(same_bits(fast, canonical_dot(m.row(0), m.row(1), m.stride())))
      << "simd=" << kernels::simd_name() << " fast=" << fast;
  EXPECT_NEAR(fast, double_dot(m.row(0), m.row(1), m.stride()), 1e-5 * GetParam());
}

TEST_P(KernelWidths, AxpyAndScaleAddMatchScalarArithmetic) {
  const FactorMatrix m = testing::random_factors(2, GetParam(), 11);
  FactorMatrix y = m;
  kernels::axpy(0.37f, m.row(0), y.row(1), m.stride());
  for (int k = 0; k < m.stride(); ++k) EXPECT_TRUE(same_bits(y(1, k), m(1, k) + 0.37f * m(0, k)));
  FactorMatrix p = m;
  kernels::scale_add(-1.5f, p.row(0), m.row(1), m.stride());
  for (int k = 0; k < m.stride(); ++k) EXPECT_TRUE(same_bits(p(0, k), m(1, k) + -1.5f * m(0, k)));
}

TEST_P(KernelWidths, SymmetricGemvSumsRowsInOrder) {
  const int f = GetParam();
  const FactorMatrix x = testing::random_factors(1, f, 3);
  const int n = x.stride();
  const FactorMatrix A = testing::random_factors(n, f, 5);  // any matrix: the kernel reads it by rows
  std::vector<float> y(n);
  kernels::symmetric_gemv(A.data(), x.row(0), y.data(), n);
  for (int k = 0; k < n; ++k) {
    float expected = 0.0f;  // Σ_a x[a]·A[a][k], a ascending
    for (int a = 0; a < n; ++a)
      if (x(0, a) != 0.0f) expected = expected + x(0, a) * A(a, k);
    EXPECT_TRUE(same_bits(y[k], expected)) << k;
  }
}

TEST_P(KernelWidths, AccumulateProjectionsEqualsDotThenAxpyPerEntry) {
  const int f = GetParam();
  const FactorMatrix Y = testing::random_factors(40, f, 13);
  const FactorMatrix v = testing::random_factors(2, f, 17);
  const std::vector<int32_t> items = {3, 0, 39, 3, 17, 8};
  FactorMatrix fast = v, slow = v;
  auto coefficient = [](int64_t k, float d) { return 0.5f * static_cast<float>(k) - 1.25f * d; };
  kernels::accumulate_projections(Y, items.data(), static_cast<int64_t>(items.size()), v.row(0), fast.row(1),
                                  coefficient);
  for (size_t k = 0; k < items.size(); ++k) {
    const float d = canonical_dot(Y.row(items[k]), v.row(0), v.stride());
    const float c = coefficient(static_cast<int64_t>(k), d);
    for (int j = 0; j < v.stride(); ++j) slow(1, j) = slow(1, j) + c * Y(items[k], j);
  }
  for (int j = 0; j < v.stride(); ++j) EXPECT_TRUE(same_bits(fast(1, j), slow(1, j))) << j;
}

TEST_P(KernelWidths, GatheredRowsGiveTheSameBitsAsScatteredOnes) {
  const int f = GetParam();
  const FactorMatrix Y = testing::random_factors(30, f, 19);
  const FactorMatrix v = testing::random_factors(3, f, 23);
  const std::vector<int32_t> items = {7, 2, 29, 2, 11};
  const int64_t n = static_cast<int64_t>(items.size());
  auto coefficient = [](int64_t k, float d) { return 1.5f - static_cast<float>(k) * d; };
  FactorMatrix scattered = v, gathered = v;
  std::vector<float> rows(static_cast<size_t>(n) * Y.stride(), -1.0f);
  kernels::gather_rows(Y, items.data(), n, rows.data());
  for (int64_t k = 0; k < n; ++k)
    for (int j = 0; j < Y.stride(); ++j)
      EXPECT_EQ(rows[k * Y.stride() + j], Y(items[k], j)) << "row " << k << " copied";
  // Passes from the gathered block equal passes over the scattered rows.
  kernels::accumulate_projections(Y, items.data(), n, v.row(0), scattered.row(1), coefficient);
  kernels::accumulate_projections_gathered(rows.data(), Y.stride(), n, v.row(0), gathered.row(1), coefficient);
  kernels::accumulate_projections(Y, items.data(), n, v.row(2), scattered.row(1), coefficient);
  kernels::accumulate_projections_gathered(rows.data(), Y.stride(), n, v.row(2), gathered.row(1), coefficient);
  EXPECT_EQ(0, std::memcmp(scattered.row(1), gathered.row(1), sizeof(float) * Y.stride()));
}

INSTANTIATE_TEST_SUITE_P(Factors, KernelWidths, ::testing::Values(1, 7, 16, 33, 64, 100, 128, 129, 200));

TEST(FactorMatrix, PadsRowsWithZeros) {
  FactorMatrix m(3, 10);
  EXPECT_EQ(m.stride(), 16);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(m.row(1)) % 32, 0u);
  for (int k = 0; k < m.stride(); ++k) EXPECT_EQ(m(2, k), 0.0f);
}

}  // namespace
}  // namespace als
