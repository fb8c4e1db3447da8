#include "als/explicit_least_squares.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

#include "als/factor_kernels.h"

namespace als {

bool cholesky_solve(std::vector<double>& a, int f, double* b) {
  // A = L Lᵀ (Cholesky–Banachiewicz), then L z = b and Lᵀ x = z.
  for (int i = 0; i < f; ++i) {
    for (int j = 0; j <= i; ++j) {
      double s = a[static_cast<size_t>(i) * f + j];
      for (int k = 0; k < j; ++k) s -= a[static_cast<size_t>(i) * f + k] * a[static_cast<size_t>(j) * f + k];
      if (i == j) {
        if (!(s > 0)) return false;
        a[static_cast<size_t>(i) * f + i] = std::sqrt(s);
      } else {
        a[static_cast<size_t>(i) * f + j] = s / a[static_cast<size_t>(j) * f + j];
      }
    }
  }
  for (int i = 0; i < f; ++i) {
    double s = b[i];
    for (int k = 0; k < i; ++k) s -= a[static_cast<size_t>(i) * f + k] * b[k];
    b[i] = s / a[static_cast<size_t>(i) * f + i];
  }
  for (int i = f - 1; i >= 0; --i) {
    double s = b[i];
    for (int k = i + 1; k < f; ++k) s -= a[static_cast<size_t>(k) * f + i] * b[k];
    b[i] = s / a[static_cast<size_t>(i) * f + i];
  }
  return true;
}

void solve_explicit_row(const FactorMatrix& Y, const int32_t* items, const float* ratings, int64_t count,
                        float regularization, float* x, ExplicitRowScratch& scratch) {
  const int f = Y.factors();
  const int n = Y.stride();
  std::memset(x, 0, sizeof(float) * n);
  if (count == 0) return;  // b = 0: x = 0 (Spark never sees such a row)
  scratch.gram.assign(static_cast<size_t>(n) * n, 0.0f);
  scratch.rhs.assign(n, 0.0f);
  // A = Σ y yᵀ (row a of A += y[a]·y, 16 lanes at a time), b = Σ r y.
  for (int64_t k = 0; k < count; ++k) {
    const float* y = Y.row(items[k]);
    for (int a = 0; a < f; ++a) kernels::axpy(y[a], y, scratch.gram.data() + static_cast<size_t>(a) * n, n);
    kernels::axpy(ratings[k], y, scratch.rhs.data(), n);
  }
  // + λ·nᵤ·I (ALS-WR), in double for the factorisation.
  const double penalty = static_cast<double>(regularization) * static_cast<double>(count);
  scratch.factor.resize(static_cast<size_t>(f) * f);
  scratch.solution.resize(f);
  for (int a = 0; a < f; ++a) {
    for (int c = 0; c < f; ++c)
      scratch.factor[static_cast<size_t>(a) * f + c] = scratch.gram[static_cast<size_t>(a) * n + c];
    scratch.factor[static_cast<size_t>(a) * f + a] += penalty;
    scratch.solution[a] = scratch.rhs[a];
  }
  if (!cholesky_solve(scratch.factor, f, scratch.solution.data()))
    throw std::runtime_error(
        "a row's system is not positive definite (too few ratings for the rank): try increasing regularization");
  for (int a = 0; a < f; ++a) x[a] = static_cast<float>(scratch.solution[a]);
}

void solve_explicit_rows(const CsrMatrix& R, const FactorMatrix& Y, float regularization, int32_t begin, int32_t end,
                         FactorMatrix& X) {
  ExplicitRowScratch scratch;
  for (int32_t u = begin; u < end; ++u) {
    const int64_t first = R.indptr[u];
    solve_explicit_row(Y, R.indices.data() + first, R.values.data() + first, R.indptr[u + 1] - first, regularization,
                       X.row(u), scratch);
  }
}

}  // namespace als
