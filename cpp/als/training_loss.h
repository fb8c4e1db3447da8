// The training loss of implicit's calculate_loss, per observed or unobserved
// cell (HKV 2008, eq. 3, divided by the total confidence):
//
//   [ Σᵤᵢ Cᵤᵢ (pᵤᵢ − xᵤ·yᵢ)² + λ (‖X‖² + ‖Y‖²) ] / (Σ Cᵤᵢ over observed + #unobserved)
//
// computed without visiting the unobserved cells: Σᵢ (xᵤ·yᵢ)² = xᵤᵀ YᵀY xᵤ.
#pragma once

#include <vector>

#include "als/gram.h"
#include "als/row_partition.h"
#include "core/csr_matrix.h"
#include "core/factor_matrix.h"
#include "core/parallel.h"

namespace als {

double training_loss(const CsrMatrix& confidences, const FactorMatrix& X, const FactorMatrix& Y, float regularization,
                     ThreadPool& pool);

// The same loss a few tasks at a time (the trainer runs it in slices so a
// cancel gets through on big data): the rows are cut into fixed tasks, each
// task's sums are kept, and result() adds them in task order, so the value is
// the same bits however the tasks were run. C, X and Y must outlive the pass.
class TrainingLossPass {
 public:
  TrainingLossPass(const CsrMatrix& confidences, const FactorMatrix& X, const FactorMatrix& Y, float regularization,
                   ThreadPool& pool);
  size_t tasks() const { return tasks_.size(); }
  void run_tasks(size_t first, size_t count, ThreadPool& pool);
  double result() const;

 private:
  void run_task(size_t t);

  const CsrMatrix& C_;
  const FactorMatrix& X_;
  const FactorMatrix& Y_;
  float regularization_;
  GramMatrix YtY_;
  std::vector<RowRange> tasks_;
  std::vector<double> task_loss_, task_confidence_;
};

}  // namespace als
