#include "als/least_squares.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "als/factor_kernels.h"

namespace als {

void solve_row_cg(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items, const float* confidences,
                  int64_t count, int cg_steps, float* x, CgScratch& scratch, float extra_diagonal) noexcept {
  const int n = Y.stride();
  if (count == 0) {
    std::memset(x, 0, sizeof(float) * n);
    return;
  }
  float* r = scratch.vectors.row(0);
  float* p = scratch.vectors.row(1);
  float* Ap = scratch.vectors.row(2);
  const bool gather = count <= scratch.row_capacity;

  // r = b − A x = Σ c_i·p_i·y_i − (YtY + λI) x − Σ (|c_i| − 1)(y_i·x) y_i
  kernels::symmetric_gemv(YtY_reg.values.data(), x, r, n);
  if (extra_diagonal != 0.0f)
    for (int k = 0; k < n; ++k) r[k] += extra_diagonal * x[k];
  for (int k = 0; k < n; ++k) r[k] = -r[k];
  const auto residual = [&](int64_t k, float y_dot_x) {
    const float c = confidences[k];
    const float target = c > 0 ? c : 0.0f;
    return target - (std::fabs(c) - 1.0f) * y_dot_x;
  };
  if (gather) {
    kernels::gather_rows(Y, items, count, scratch.rows.get());
    kernels::accumulate_projections_gathered(scratch.rows.get(), n, count, x, r, residual);
  } else {
    kernels::accumulate_projections(Y, items, count, x, r, residual);
  }
  std::memcpy(p, r, sizeof(float) * n);
  float rs_old = kernels::dot(r, r, n);
  if (rs_old < 1e-20f) return;

  for (int step = 0; step < cg_steps; ++step) {
    // Ap = (YtY + λI) p + Σ (|c_i| − 1)(y_i·p) y_i, without forming A
    kernels::symmetric_gemv(YtY_reg.values.data(), p, Ap, n);
    if (extra_diagonal != 0.0f)
      for (int k = 0; k < n; ++k) Ap[k] += extra_diagonal * p[k];
    const auto curvature = [&](int64_t k, float y_dot_p) { return (std::fabs(confidences[k]) - 1.0f) * y_dot_p; };
    if (gather)
      kernels::accumulate_projections_gathered(scratch.rows.get(), n, count, p, Ap, curvature);
    else
      kernels::accumulate_projections(Y, items, count, p, Ap, curvature);
    const float pAp = kernels::dot(p, Ap, n);
    if (!(pAp > 0.0f)) break;  // A is only semi-definite along p (λ = 0): no further progress possible
    const float alpha = rs_old / pAp;
    kernels::axpy(alpha, p, x, n);    // x += α p
    kernels::axpy(-alpha, Ap, r, n);  // r −= α Ap
    const float rs_new = kernels::dot(r, r, n);
    if (rs_new < 1e-20f) break;
    kernels::scale_add(rs_new / rs_old, p, r, n);  // p = r + (rs_new / rs_old) p
    rs_old = rs_new;
  }
}

RowSystem row_system(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items, const float* confidences,
                     int64_t count, float extra_diagonal) {
  const int f = Y.factors();
  using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  MatrixF A(f, f);
  for (int a = 0; a < f; ++a)
    for (int c = 0; c < f; ++c) A(a, c) = YtY_reg.row(a)[c];
  Eigen::VectorXd b = Eigen::VectorXd::Zero(f);
  // Yᵤᵀ (Cᵤ − I) Yᵤ as a product of gathered blocks of rows (Eigen's GEMM).
  constexpr int64_t kBlock = 1024;
  MatrixF Yu, weighted;
  for (int64_t start = 0; start < count; start += kBlock) {
    const int64_t rows = std::min(kBlock, count - start);
    Yu.resize(rows, f);
    weighted.resize(rows, f);
    for (int64_t k = 0; k < rows; ++k) {
      const float* y = Y.row(items[start + k]);
      const float c = confidences[start + k];
      const float weight = std::fabs(c) - 1.0f;
      for (int j = 0; j < f; ++j) {
        Yu(k, j) = y[j];
        weighted(k, j) = weight * y[j];
      }
      if (c > 0)
        for (int j = 0; j < f; ++j) b[j] += static_cast<double>(c) * y[j];
    }
    A.noalias() += Yu.transpose() * weighted;
  }
  for (int a = 0; a < f; ++a) A(a, a) += extra_diagonal;
  return {A.cast<double>(), b};
}

void solve_row_cholesky(const GramMatrix& YtY_reg, const FactorMatrix& Y, const int32_t* items,
                        const float* confidences, int64_t count, float* x, float extra_diagonal) {
  const int f = Y.factors();
  if (count == 0) {  // b = 0, so x = 0 (and no factorisation that could fail)
    std::memset(x, 0, sizeof(float) * Y.stride());
    return;
  }
  const RowSystem system = row_system(YtY_reg, Y, items, confidences, count, extra_diagonal);
  Eigen::LLT<Eigen::MatrixXd> llt(system.A);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("the system of a row is not positive definite: try increasing regularization");
  const Eigen::VectorXd solution = llt.solve(system.b);
  for (int j = 0; j < f; ++j) x[j] = static_cast<float>(solution[j]);
  for (int j = f; j < Y.stride(); ++j) x[j] = 0.0f;
}

void solve_rows(const CsrMatrix& C, const GramMatrix& YtY_reg, const FactorMatrix& Y, bool use_cg, int cg_steps,
                int32_t begin, int32_t end, FactorMatrix& X, Formulation formulation, float regularization,
                const int32_t* x_rows) {
  CgScratch scratch{FactorMatrix(use_cg ? 3 : 0, Y.factors()), nullptr, 0};
  if (use_cg) {
    // Room to gather the longest row of the range that fits in kCgGatherBytes.
    const int64_t limit = static_cast<int64_t>(kCgGatherBytes / (sizeof(float) * Y.stride()));
    for (int32_t u = begin; u < end; ++u)
      if (C.row_size(u) <= limit) scratch.row_capacity = std::max(scratch.row_capacity, C.row_size(u));
    if (scratch.row_capacity > 0) scratch.rows.reset(new float[scratch.row_capacity * Y.stride()]);
  }
  for (int32_t u = begin; u < end; ++u) {
    const int64_t first = C.indptr[u];
    const int64_t count = C.indptr[u + 1] - first;
    const float extra = extra_regularization(formulation, regularization, count);
    float* x = X.row(x_rows ? x_rows[u] : u);
    if (use_cg)
      solve_row_cg(YtY_reg, Y, C.indices.data() + first, C.values.data() + first, count, cg_steps, x, scratch, extra);
    else
      solve_row_cholesky(YtY_reg, Y, C.indices.data() + first, C.values.data() + first, count, x, extra);
  }
}

}  // namespace als
