// A trained implicit-ALS model: its settings, how raw values became
// confidences, and the two factor matrices. Row u of user_factors is xᵤ,
// row i of item_factors is yᵢ; the predicted preference is xᵤ·yᵢ.
#pragma once

#include <string>
#include <vector>

#include "als/als_config.h"
#include "als/confidence.h"
#include "core/factor_matrix.h"

namespace als {

struct AlsModel {
  AlsConfig config;
  ConfidenceWeights confidence;
  FactorMatrix user_factors;
  FactorMatrix item_factors;
  std::vector<double> loss_history;  // after each iteration (when computed)
  double training_seconds = 0;
  // A model trained elsewhere: which library ("implicit", "spark") and how its
  // rows were matched to the data ("rows = sorted ids, float64"); empty for
  // a model trained here.
  std::string origin;
  std::string origin_details;

  int factors() const { return item_factors.factors(); }
  bool empty() const { return item_factors.empty(); }
};

}  // namespace als
