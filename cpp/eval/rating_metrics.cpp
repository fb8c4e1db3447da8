#include "eval/rating_metrics.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace als {

RatingMetrics rating_metrics(const RecommenderModel& model, const CsrMatrix& train, const CsrMatrix& test) {
  if (!predicts_ratings(model.kind()))
    throw std::invalid_argument(std::string("RMSE and MAE need a model of ratings; ") + model_kind_title(model.kind()) +
                                " ranks items without predicting a rating");
  std::vector<bool> seen_item(static_cast<size_t>(train.cols), false);
  for (int32_t i : train.indices) seen_item[i] = true;
  RatingMetrics m;
  double squared = 0, absolute = 0;
  for (int32_t u = 0; u < test.rows; ++u) {
    const bool seen_user = u < train.rows && train.row_size(u) > 0;
    for (int64_t k = test.indptr[u]; k < test.indptr[u + 1]; ++k) {
      const int32_t i = test.indices[k];
      const bool seen = seen_user && i < train.cols && seen_item[i];
      const std::optional<float> predicted = seen ? model.predicted_rating(u, i) : std::nullopt;
      if (!predicted) {
        ++m.skipped;
        continue;
      }
      const double error = static_cast<double>(*predicted) - test.values[k];
      squared += error * error;
      absolute += std::abs(error);
      ++m.predicted;
    }
  }
  if (m.predicted > 0) {
    m.rmse = std::sqrt(squared / static_cast<double>(m.predicted));
    m.mae = absolute / static_cast<double>(m.predicted);
  }
  return m;
}

RatingMetrics rating_metrics(const RecommenderModel& model, const TrainTestSplit& split) {
  return rating_metrics(model, split.train, split.test);
}

}  // namespace als
