#include "als/als_config.h"

namespace als {

const char* solver_name(Solver solver) {
  return solver == Solver::kCholesky ? "cholesky" : "cg";
}

const char* scaling_name(ConfidenceScaling scaling) {
  switch (scaling) {
    case ConfidenceScaling::kLog: return "log";
    case ConfidenceScaling::kBm25: return "bm25";
    default: return "none";
  }
}

}  // namespace als
