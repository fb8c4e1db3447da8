// Slow, readable references the fast kernels are tested against: everything
// in double precision over the full dense matrices, straight from the paper.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "core/factor_matrix.h"

namespace als::reference {

// The dense confidence C and preference P of a CSR confidence matrix
// (C = 1 and P = 0 where nothing was observed; implicit's sign rule elsewhere).
struct DenseProblem {
  Eigen::MatrixXd C;
  Eigen::MatrixXd P;
};
DenseProblem dense_problem(const CsrMatrix& confidences);

Eigen::MatrixXd to_dense(const FactorMatrix& m);

// xᵤ = (Yᵀ Cᵤ Y + λI)⁻¹ Yᵀ Cᵤ p(u) for every row u, with Cᵤ the full diagonal.
Eigen::MatrixXd solve_all_rows(const DenseProblem& problem, const Eigen::MatrixXd& Y, double regularization);

// Spark ML's implicit ALS, straight from ALS.scala (computeFactors) in dense
// form: for raw values r, Cᵤᵢ = 1 + alpha·r and Pᵤᵢ = 1 where r > 0 (entries
// r <= 0 count as unobserved), and xᵤ = (Yᵀ Cᵤ Y + λ·nᵤ·I)⁻¹ Yᵀ Cᵤ p(u) with
// nᵤ the number of r > 0 in row u.
Eigen::MatrixXd solve_all_rows_spark(const CsrMatrix& values, const Eigen::MatrixXd& Y, double alpha,
                                     double regularization);

// Σᵤᵢ Cᵤᵢ (Pᵤᵢ − xᵤ·yᵢ)² + λ(‖X‖² + ‖Y‖²), over (Σ C over observed + #unobserved).
double loss(const CsrMatrix& confidences, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double regularization);

}  // namespace als::reference
