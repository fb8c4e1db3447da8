#include "als/training_loss.h"

#include <cmath>
#include <vector>

#include "als/factor_kernels.h"
#include "als/gram.h"
#include "als/row_partition.h"

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
  const int n = Y.stride();
  const GramMatrix YtY = gram_matrix(Y, 0.0f, pool);
  const std::vector<RowRange> tasks = partition_rows(C, 8192);
  std::vector<double> task_loss(tasks.size(), 0.0), task_confidence(tasks.size(), 0.0);

  pool.parallel_for(static_cast<int64_t>(tasks.size()), [&](int64_t t) {
    FactorMatrix scratch(1, Y.factors());
    float* r = scratch.row(0);
    double loss = 0, total_confidence = 0;
    // Σ c·p² over observed cells: c for likes, 0 for dislikes (implicit adds |c|
    // for dislikes too; we keep the loss the solver actually minimises).
    for (int32_t u = tasks[t].begin; u < tasks[t].end; ++u) {
      const float* x = X.row(u);
      // r = YᵀY x + Σ (−2 cᵢ pᵢ + (|cᵢ| − 1) yᵢ·x) yᵢ, so that r·x + Σ_{cᵢ>0} cᵢ is the row's loss
      kernels::symmetric_gemv(YtY.values.data(), x, r, n);
      const float* confidences = C.values.data() + C.indptr[u];
      kernels::accumulate_projections(Y, C.indices.data() + C.indptr[u], C.row_size(u), x, r, [&](int64_t k, float y_dot_x) {
        const float c = confidences[k];
        return (c > 0 ? -2.0f * c : 0.0f) + (std::fabs(c) - 1.0f) * y_dot_x;
      });
      for (int64_t k = C.indptr[u]; k < C.indptr[u + 1]; ++k) {
        total_confidence += std::fabs(C.values[k]);
        if (C.values[k] > 0) loss += C.values[k];
      }
      loss += kernels::dot(r, x, n);
    }
    task_loss[t] = loss;
    task_confidence[t] = total_confidence;
  });

  double loss = 0, total_confidence = 0;
  for (size_t t = 0; t < tasks.size(); ++t) {
    loss += task_loss[t];
    total_confidence += task_confidence[t];
  }
  loss += regularization * (squared_norm(X) + squared_norm(Y));
  const double unobserved = static_cast<double>(C.rows) * C.cols - static_cast<double>(C.nnz());
  const double denominator = total_confidence + unobserved;
  return denominator > 0 ? loss / denominator : 0.0;
}

}  // namespace als
