// How many floating-point operations one ALS iteration does, so a training
// time can be read as GFLOP/s. The model counts what the code computes
// (cpp/als/least_squares.cpp, cpp/als/gram.cpp), one multiply or add = 1 flop,
// for f factors and a row with n entries:
//
//   Gram matrix, once per half step:  rows_of_fixed_side * 2f²   (full f x f, not a triangle)
//   CG (implicit's least_squares_cg), per row, s steps:
//     initial residual   r = b − A x:  gemv 2f² + n (dot 2f + axpy 2f) + ~2 vector ops 2f
//     each step          Ap, α, x, r, p: gemv 2f² + n (dot 2f + axpy 2f) + 5 vector ops 2f
//   Cholesky (implicit's least_squares), per row:
//     A = YᵀY + λI + Yᵤᵀ(Cᵤ − I)Yᵤ: n 2f²;  LLT: f³/3;  two triangular solves: 2f²
//
// Both half steps are counted (users against item factors, then items against
// user factors); rows without entries are skipped by the solvers and here.
#pragma once

#include <cstdint>

#include "core/csr_matrix.h"

namespace als::bench {

enum class FlopSolver { kConjugateGradient, kCholesky };

// Flops of one half step: solving every row of C against a fixed side with fixed_rows rows.
inline double half_step_flops(const CsrMatrix& C, int32_t fixed_rows, int factors, FlopSolver solver, int cg_steps) {
  const double f = factors;
  double flops = static_cast<double>(fixed_rows) * 2 * f * f;  // Gram matrix
  for (int32_t row = 0; row < C.rows; ++row) {
    const double n = static_cast<double>(C.row_size(row));
    if (n == 0) continue;
    if (solver == FlopSolver::kConjugateGradient) {
      const double initial = 2 * f * f + n * 4 * f + 2 * 2 * f;
      const double step = 2 * f * f + n * 4 * f + 5 * 2 * f;
      flops += initial + cg_steps * step;
    } else {
      flops += n * 2 * f * f + f * f * f / 3 + 2 * f * f;
    }
  }
  return flops;
}

// Flops of one iteration (both half steps) on a users x items matrix and its transpose.
inline double iteration_flops(const CsrMatrix& user_items, const CsrMatrix& item_users, int factors, FlopSolver solver,
                              int cg_steps) {
  return half_step_flops(user_items, user_items.cols, factors, solver, cg_steps) +
         half_step_flops(item_users, item_users.cols, factors, solver, cg_steps);
}

}  // namespace als::bench
