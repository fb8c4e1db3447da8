// One ALS half step: new factors X for every row u of the confidence matrix C,
// holding the other side Y fixed. For row u (HKV 2008, eq. 4):
//
//   (YᵀY + λI + Yᵀ(Cᵤ − I)Y) xᵤ = Yᵀ Cᵤ p(u)
//
// with p_ui = 1 where C_ui > 0 (a negative C_ui means "disliked": p_ui = 0 and
// confidence |C_ui|, as in implicit). Empty rows get a zero vector.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "als/als_config.h"
#include "als/gram.h"
#include "core/csr_matrix.h"
#include "core/factor_matrix.h"

namespace als {

// Rows whose item vectors take at most this many bytes are first copied into
// one block (kernels::gather_rows): CG's four passes then read it sequentially
// instead of gathering rows scattered over Y four times (the same arithmetic).
// It pays in WebAssembly, which has no prefetch: on a 25M-rating set the
// scattered passes took most of the time, and 59% of the entries sit in items
// with over 4,096 ratings (the block of the largest is 25 MB at 64 factors).
// Natively the kernel prefetches scattered rows instead, which measured faster.
#ifndef ALS_GATHER_BYTES
#if defined(__wasm__)
#define ALS_GATHER_BYTES (size_t(64) << 20)
#else
#define ALS_GATHER_BYTES 0
#endif
#endif
inline constexpr size_t kCgGatherBytes = ALS_GATHER_BYTES;

// Working memory of the CG solver, reused from row to row and allocated
// before the rows are solved: the solver itself allocates nothing and cannot
// throw, which also spares WebAssembly's exception handling a trip through
// JavaScript on every call.
struct CgScratch {
  FactorMatrix vectors;           // r, p, Ap: 3 rows of Y's width
  std::unique_ptr<float[]> rows;  // a row's item vectors, gathered (left uninitialised)
  int64_t row_capacity = 0;       // entries `rows` has room for
};

// Conjugate gradient (Takács, Pilászy & Tikk 2011; implicit's
// least_squares_cg): `cg_steps` steps warm-started from the current xᵤ.
// YtY_reg = YᵀY + λI. Updates x (stride floats) in place.
// extra_diagonal: added to A's diagonal beyond λ (Spark's λ·(nᵤ − 1); 0 for implicit).
void solve_row_cg(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items, const float* confidences,
                  int64_t count, int cg_steps, float* x, CgScratch& scratch, float extra_diagonal = 0.0f) noexcept;

// Exact solve by Cholesky (implicit's least_squares): builds the f x f system
// and factorises it. Throws std::runtime_error when it is not positive
// definite ("try increasing regularization").
void solve_row_cholesky(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items,
                        const float* confidences, int64_t count, float* x, float extra_diagonal = 0.0f);

// The normal equations of one row, A x = b, in double precision:
//   A = YtY + λI + Yᵤᵀ (Cᵤ − I) Yᵤ,  b = Yᵤᵀ Cᵤ p(u)   (f x f, padding dropped)
struct RowSystem {
  Eigen::MatrixXd A;
  Eigen::VectorXd b;
};
RowSystem row_system(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items, const float* confidences,
                     int64_t count, float extra_diagonal = 0.0f);

// Solves rows [begin, end) of C into X with the chosen solver. Under Spark's
// formulation row u's system gets λ·(nᵤ − 1) more on its diagonal.
// x_rows (optional): row u of C is solved into X's row x_rows[u].
void solve_rows(const CsrMatrix& C, const GramMatrix& YtY_reg, const FactorMatrix& Y, bool use_cg, int cg_steps,
                int32_t begin, int32_t end, FactorMatrix& X, Formulation formulation = Formulation::kImplicit,
                float regularization = 0.0f, const int32_t* x_rows = nullptr);

}  // namespace als
