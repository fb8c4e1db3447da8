// Refusal of a run whose factors became infinite or NaN (too large a step):
// the caller keeps its previous model, and the message says what to lower.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/factor_matrix.h"

namespace als {

class TrainingDiverged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether every value is finite and no column's Σ v² reaches 1e30 (what the
// model file refuses on loading: such factors overflow any score).
bool factors_are_sound(const FactorMatrix& m);

}  // namespace als
