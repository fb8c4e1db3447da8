#include "als/als_config.h"

namespace als {

const char* solver_name(Solver solver) { return solver == Solver::kCholesky ? "cholesky" : "cg"; }

const char* scaling_name(ConfidenceScaling scaling) {
  switch (scaling) {
    case ConfidenceScaling::kLog:
      return "log";
    case ConfidenceScaling::kBm25:
      return "bm25";
    default:
      return "none";
  }
}

const char* formulation_name(Formulation formulation) {
  return formulation == Formulation::kSpark ? "spark" : "implicit";
}

float extra_regularization(Formulation formulation, float regularization, int64_t entries) {
  if (formulation != Formulation::kSpark || entries <= 1) return 0.0f;
  return regularization * static_cast<float>(entries - 1);
}

}  // namespace als
