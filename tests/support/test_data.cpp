#include "support/test_data.h"

#include <vector>

#include "core/random.h"

namespace als::testing {

CsrMatrix random_matrix(int32_t rows, int32_t cols, double density, uint64_t seed, float max_value) {
  SplitMix64 rng(seed);
  std::vector<Triplet> t;
  for (int32_t u = 0; u < rows; ++u)
    for (int32_t i = 0; i < cols; ++i)
      if (rng.uniform() < density)
        t.push_back({u, i, 1.0f + static_cast<float>(rng.below(static_cast<uint64_t>(max_value)))});
  return csr_from_triplets(rows, cols, t, DuplicateRule::kLast);
}

FactorMatrix random_factors(int64_t rows, int factors, uint64_t seed, float scale) {
  SplitMix64 rng(seed);
  FactorMatrix m(rows, factors);
  for (int64_t r = 0; r < rows; ++r)
    for (int k = 0; k < factors; ++k) m(r, k) = (rng.uniform_float() * 2 - 1) * scale;
  return m;
}

CsrMatrix checkerboard(int32_t n) {
  std::vector<Triplet> t;
  for (int32_t u = 0; u < n; ++u)
    for (int32_t i = 0; i < n; ++i)
      if (i % 2 == u % 2 && i != u) t.push_back({u, i, 1.0f});
  return csr_from_triplets(n, n, t, DuplicateRule::kLast);
}

}  // namespace als::testing
