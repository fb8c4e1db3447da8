#include "als/training_loss.h"

#include <cmath>
#include <vector>

#include "als/factor_kernels.h"

namespace als {

namespace {
double squared_norm(const FactorMatrix& M) {
  double total = 0;
  for (int64_t r = 0; r < M.rows(); ++r) total += kernels::dot(M.row(r), M.row(r), M.stride());
  return total;
}
}  // namespace

double training_loss(const CsrMatrix& C, const FactorMatrix& X, const FactorMatrix& Y, float regularization,
                     ThreadPool& pool) {
  TrainingLossPass pass(C, X, Y, regularization, pool);
  pass.run_tasks(0, pass.tasks(), pool);
  return pass.result();
}

TrainingLossPass::TrainingLossPass(const CsrMatrix& C, const FactorMatrix& X, const FactorMatrix& Y,
                                   float regularization, ThreadPool& pool)
    : TrainingLossPass(C, X, Y, regularization, pool, Y, nullptr) {}

TrainingLossPass::TrainingLossPass(const CsrMatrix& C, const FactorMatrix& X, const FactorMatrix& Y,
                                   float regularization, ThreadPool& pool, const FactorMatrix& Y_rows,
                                   const int32_t* x_rows)
    : C_(C),
      X_(X),
      Y_(Y),
      Y_rows_(Y_rows),
      x_rows_(x_rows),
      regularization_(regularization),
      YtY_(gram_matrix(Y, 0.0f, pool)),
      tasks_(partition_rows(C, 8192)),
      task_loss_(tasks_.size(), 0.0),
      task_confidence_(tasks_.size(), 0.0) {}

void TrainingLossPass::run_tasks(size_t first, size_t count, ThreadPool& pool) {
  pool.parallel_for(static_cast<int64_t>(count), [&](int64_t t) { run_task(first + static_cast<size_t>(t)); });
}

void TrainingLossPass::run_task(size_t t) {
  const CsrMatrix& C = C_;
  const FactorMatrix& X = X_;
  const FactorMatrix& Y = Y_rows_;
  const int n = Y.stride();
  FactorMatrix scratch(1, Y.factors());
  float* r = scratch.row(0);
  double loss = 0, total_confidence = 0;
  // Σ c·p² over observed cells: c for likes, 0 for dislikes (implicit adds |c|
  // for dislikes too; we keep the loss the solver actually minimises).
  for (int32_t u = tasks_[t].begin; u < tasks_[t].end; ++u) {
    const float* x = X.row(x_rows_ ? x_rows_[u] : u);
    // r = YᵀY x + Σ (−2 cᵢ pᵢ + (|cᵢ| − 1) yᵢ·x) yᵢ, so that r·x + Σ_{cᵢ>0} cᵢ is the row's loss
    kernels::symmetric_gemv(YtY_.values.data(), x, r, n);
    const float* confidences = C.values.data() + C.indptr[u];
    kernels::accumulate_projections(Y, C.indices.data() + C.indptr[u], C.row_size(u), x, r,
                                    [&](int64_t k, float y_dot_x) {
                                      const float c = confidences[k];
                                      return (c > 0 ? -2.0f * c : 0.0f) + (std::fabs(c) - 1.0f) * y_dot_x;
                                    });
    for (int64_t k = C.indptr[u]; k < C.indptr[u + 1]; ++k) {
      total_confidence += std::fabs(C.values[k]);
      if (C.values[k] > 0) loss += C.values[k];
    }
    loss += kernels::dot(r, x, n);
  }
  task_loss_[t] = loss;
  task_confidence_[t] = total_confidence;
}

double TrainingLossPass::result() const {
  double loss = 0, total_confidence = 0;
  for (size_t t = 0; t < tasks_.size(); ++t) {
    loss += task_loss_[t];
    total_confidence += task_confidence_[t];
  }
  loss += regularization_ * (squared_norm(X_) + squared_norm(Y_));
  const double unobserved = static_cast<double>(C_.rows) * C_.cols - static_cast<double>(C_.nnz());
  const double denominator = total_confidence + unobserved;
  return denominator > 0 ? loss / denominator : 0.0;
}

}  // namespace als
