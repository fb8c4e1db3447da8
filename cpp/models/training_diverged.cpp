#include "models/training_diverged.h"

#include <cmath>
#include <vector>

namespace als {

bool factors_are_sound(const FactorMatrix& m) {
  std::vector<double> squares(static_cast<size_t>(m.factors()), 0.0);
  for (int64_t r = 0; r < m.rows(); ++r) {
    const float* row = m.row(r);
    for (int k = 0; k < m.factors(); ++k) {
      if (!std::isfinite(row[k])) return false;
      squares[k] += static_cast<double>(row[k]) * row[k];
    }
  }
  for (double s : squares)
    if (!(s < 1e30)) return false;
  return true;
}

}  // namespace als
