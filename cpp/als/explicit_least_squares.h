// One half step of explicit-feedback ALS (Spark ML's ALS with
// implicitPrefs = false; ALS-WR, Zhou et al. 2008, section 3.1): new factors
// X for every row u of the rating matrix R, holding the other side Y fixed.
// Only the rated cells count, and the penalty grows with the row's ratings:
//
//   (Σⱼ yⱼ yⱼᵀ + λ·nᵤ·I) xᵤ = Σⱼ rᵤⱼ yⱼ      (j over the nᵤ items u rated)
//
// solved by Cholesky, as Spark's CholeskySolver. Each row depends only on Y,
// so the rows may be solved in any order on any number of threads.
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "core/factor_matrix.h"

namespace als {

// Working memory of one thread's rows, reused from row to row.
struct ExplicitRowScratch {
  std::vector<float> gram;     // Σ y yᵀ, stride x stride floats (the kernels' blocks)
  std::vector<float> rhs;      // Σ r y, stride floats
  std::vector<double> factor;  // the f x f Cholesky factor L (row-major, lower)
  std::vector<double> solution;
};

// xᵤ (stride floats, padding zero) from the nᵤ = count ratings of one row.
// An empty row gets the zero vector. Throws std::runtime_error when the
// system is not positive definite (λ = 0 and too few ratings).
void solve_explicit_row(const FactorMatrix& Y, const int32_t* items, const float* ratings, int64_t count,
                        float regularization, float* x, ExplicitRowScratch& scratch);

// Rows [begin, end) of R into X.
void solve_explicit_rows(const CsrMatrix& R, const FactorMatrix& Y, float regularization, int32_t begin, int32_t end,
                         FactorMatrix& X);

// Solves L Lᵀ z = b in place for a symmetric positive definite f x f `a`
// (row-major, overwritten by L); false when `a` is not positive definite.
bool cholesky_solve(std::vector<double>& a, int f, double* b);

}  // namespace als
