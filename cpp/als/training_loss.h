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
  // The same where C's rows and columns come in another order (the trainer's
  // popularity order: als_trainer.cpp): row u of C is X's row x_rows[u], and
  // its column indices number Y's rows as Y_rows holds them; YᵀY and ‖Y‖²
  // from Y. (The sum runs over C's rows: the same value, not the same bits.)
  TrainingLossPass(const CsrMatrix& confidences, const FactorMatrix& X, const FactorMatrix& Y, float regularization,
                   ThreadPool& pool, const FactorMatrix& Y_rows, const int32_t* x_rows);
  size_t tasks() const { return tasks_.size(); }
  void run_tasks(size_t first, size_t count, ThreadPool& pool);
  double result() const;

 private:
  void run_task(size_t t);

  const CsrMatrix& C_;
  const FactorMatrix& X_;
  const FactorMatrix& Y_;
  const FactorMatrix& Y_rows_;
  const int32_t* x_rows_;
  float regularization_;
  GramMatrix YtY_;
  std::vector<RowRange> tasks_;
  std::vector<double> task_loss_, task_confidence_;
};

}  // namespace als
