#include "queries/embedding_map.h"

#include <Eigen/Eigenvalues>

namespace als {

std::vector<float> principal_plane(const FactorMatrix& Y) {
  const int f = Y.factors();
  const int64_t n = Y.rows();
  std::vector<float> xy(static_cast<size_t>(n) * 2, 0.0f);
  if (n < 2) return xy;
  // Covariance of the centred rows, Σ = (Y − ȳ)ᵀ(Y − ȳ) / n, in double.
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(f);
  for (int64_t i = 0; i < n; ++i)
    for (int k = 0; k < f; ++k) mean[k] += Y(i, k);
  mean /= static_cast<double>(n);
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(f, f);
  Eigen::VectorXd row(f);
  for (int64_t i = 0; i < n; ++i) {
    for (int k = 0; k < f; ++k) row[k] = Y(i, k) - mean[k];
    cov.selfadjointView<Eigen::Lower>().rankUpdate(row);
  }
  cov = cov.selfadjointView<Eigen::Lower>();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(cov / static_cast<double>(n));
  // Eigenvalues ascend: the last two columns span the principal plane.
  Eigen::VectorXd first = eigen.eigenvectors().col(f - 1);
  Eigen::VectorXd second = f > 1 ? Eigen::VectorXd(eigen.eigenvectors().col(f - 2)) : Eigen::VectorXd::Zero(f);
  // Fix the sign of each axis (largest component positive) so the map does not flip between runs.
  for (Eigen::VectorXd* axis : {&first, &second}) {
    Eigen::Index at;
    axis->cwiseAbs().maxCoeff(&at);
    if ((*axis)[at] < 0) *axis = -*axis;
  }
  for (int64_t i = 0; i < n; ++i) {
    double x = 0, y = 0;
    for (int k = 0; k < f; ++k) {
      const double v = Y(i, k) - mean[k];
      x += v * first[k];
      y += v * second[k];
    }
    xy[2 * i] = static_cast<float>(x);
    xy[2 * i + 1] = static_cast<float>(y);
  }
  return xy;
}

}  // namespace als
