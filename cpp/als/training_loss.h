// The training loss of implicit's calculate_loss, per observed or unobserved
// cell (HKV 2008, eq. 3, divided by the total confidence):
//
//   [ Σᵤᵢ Cᵤᵢ (pᵤᵢ − xᵤ·yᵢ)² + λ (‖X‖² + ‖Y‖²) ] / (Σ Cᵤᵢ over observed + #unobserved)
//
// computed without visiting the unobserved cells: Σᵢ (xᵤ·yᵢ)² = xᵤᵀ YᵀY xᵤ.
#pragma once

#include "core/csr_matrix.h"
#include "core/factor_matrix.h"
#include "core/parallel.h"

namespace als {

double training_loss(const CsrMatrix& confidences, const FactorMatrix& X, const FactorMatrix& Y,
                     float regularization, ThreadPool& pool);

}  // namespace als
