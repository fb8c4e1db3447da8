// RMSE and MAE of a rating model on held-out ratings, as Spark's
// RegressionEvaluator (metricName "rmse" / "mae") on ALS's predictions:
//   RMSE = √(Σ (r̂ − r)² / n),  MAE = Σ |r̂ − r| / n,  r̂ᵤᵢ = model.predicted_rating(u, i).
// A held-out rating whose user or item the model never saw in training (no
// training rating, or outside the model) is skipped and counted, as Spark's
// coldStartStrategy "drop".
#pragma once

#include <cstdint>

#include "core/csr_matrix.h"
#include "eval/split.h"
#include "models/recommender_model.h"

namespace als {

struct RatingMetrics {
  double rmse = 0;  // 0 when nothing was predicted
  double mae = 0;
  int64_t predicted = 0;  // held-out ratings scored
  int64_t skipped = 0;    // held-out ratings of a cold user or item (dropped)
};

// test: the held-out (user, item, rating) cells; train: what the model was
// trained on (same shape), which says who is cold. Throws
// std::invalid_argument for a model that does not predict ratings.
RatingMetrics rating_metrics(const RecommenderModel& model, const CsrMatrix& train, const CsrMatrix& test);
// The same on a split (split.train trained the model, split.test is held out).
RatingMetrics rating_metrics(const RecommenderModel& model, const TrainTestSplit& split);

}  // namespace als
