// Small data sets for tests: random sparse matrices and the checkerboard
// fixture where the obvious recommendation is known in advance.
#pragma once

#include <cstdint>

#include "core/csr_matrix.h"
#include "core/factor_matrix.h"

namespace als::testing {

// rows x cols with about density * rows * cols entries, values in [1, max_value].
CsrMatrix random_matrix(int32_t rows, int32_t cols, double density, uint64_t seed, float max_value = 5.0f);

// A factor matrix with entries uniform in [-scale, scale).
FactorMatrix random_factors(int64_t rows, int factors, uint64_t seed, float scale = 1.0f);

// Users in two groups: even users liked every even item except item == user,
// odd users every odd item except item == user, so the top recommendation of
// user u is item u (the "checkerboard" of implicit's tests). n users, n items.
CsrMatrix checkerboard(int32_t n);

}  // namespace als::testing
