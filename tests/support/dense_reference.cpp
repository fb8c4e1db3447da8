#include "support/dense_reference.h"

#include <cmath>

namespace als::reference {

DenseProblem dense_problem(const CsrMatrix& m) {
  DenseProblem p{Eigen::MatrixXd::Ones(m.rows, m.cols), Eigen::MatrixXd::Zero(m.rows, m.cols)};
  for (int32_t u = 0; u < m.rows; ++u)
    for (int64_t k = m.indptr[u]; k < m.indptr[u + 1]; ++k) {
      const double c = m.values[k];
      p.C(u, m.indices[k]) = std::fabs(c);
      p.P(u, m.indices[k]) = c > 0 ? 1.0 : 0.0;
    }
  return p;
}

Eigen::MatrixXd to_dense(const FactorMatrix& m) {
  Eigen::MatrixXd d(m.rows(), m.factors());
  for (int64_t r = 0; r < m.rows(); ++r)
    for (int k = 0; k < m.factors(); ++k) d(r, k) = m(r, k);
  return d;
}

Eigen::MatrixXd solve_all_rows(const DenseProblem& problem, const Eigen::MatrixXd& Y, double regularization) {
  const int64_t rows = problem.C.rows();
  const int f = static_cast<int>(Y.cols());
  Eigen::MatrixXd X(rows, f);
  for (int64_t u = 0; u < rows; ++u) {
    const Eigen::VectorXd c = problem.C.row(u).transpose();
    const Eigen::VectorXd p = problem.P.row(u).transpose();
    const Eigen::MatrixXd A = Y.transpose() * c.asDiagonal() * Y + regularization * Eigen::MatrixXd::Identity(f, f);
    const Eigen::VectorXd b = Y.transpose() * c.asDiagonal() * p;
    X.row(u) = A.ldlt().solve(b).transpose();
  }
  return X;
}

Eigen::MatrixXd solve_all_rows_spark(const CsrMatrix& values, const Eigen::MatrixXd& Y, double alpha,
                                     double regularization) {
  const int f = static_cast<int>(Y.cols());
  Eigen::MatrixXd X(values.rows, f);
  for (int32_t u = 0; u < values.rows; ++u) {
    Eigen::VectorXd c = Eigen::VectorXd::Ones(values.cols), p = Eigen::VectorXd::Zero(values.cols);
    int positives = 0;
    for (int64_t k = values.indptr[u]; k < values.indptr[u + 1]; ++k) {
      const double r = values.values[k];
      if (r <= 0) continue;
      c[values.indices[k]] = 1.0 + alpha * r;
      p[values.indices[k]] = 1.0;
      ++positives;
    }
    const Eigen::MatrixXd A =
        Y.transpose() * c.asDiagonal() * Y + regularization * positives * Eigen::MatrixXd::Identity(f, f);
    const Eigen::VectorXd b = Y.transpose() * c.asDiagonal() * p;
    X.row(u) = positives == 0 ? Eigen::RowVectorXd::Zero(f) : Eigen::RowVectorXd(A.ldlt().solve(b).transpose());
  }
  return X;
}

double loss(const CsrMatrix& confidences, const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y, double regularization) {
  const DenseProblem p = dense_problem(confidences);
  const Eigen::MatrixXd predicted = X * Y.transpose();
  double total = 0, total_confidence = 0;
  for (int64_t u = 0; u < p.C.rows(); ++u)
    for (int64_t i = 0; i < p.C.cols(); ++i) {
      const double e = p.P(u, i) - predicted(u, i);
      total += p.C(u, i) * e * e;
      total_confidence += p.C(u, i);
    }
  total += regularization * (X.squaredNorm() + Y.squaredNorm());
  return total / total_confidence;
}

}  // namespace als::reference
