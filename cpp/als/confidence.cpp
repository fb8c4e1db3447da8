#include "als/confidence.h"

#include <algorithm>
#include <cmath>

namespace als {

ConfidenceWeights::ConfidenceWeights(const CsrMatrix& user_items, const ConfidenceConfig& config) : config_(config) {
  if (config.scaling != ConfidenceScaling::kBm25) return;
  // idf_i = log(N) - log(1 + df_i), with N users and df_i the users of item i.
  std::vector<int64_t> df(user_items.cols, 0);
  for (int32_t i : user_items.indices) ++df[i];
  item_idf_.resize(user_items.cols);
  const double log_n = std::log(std::max<int32_t>(user_items.rows, 1));
  for (int32_t i = 0; i < user_items.cols; ++i)
    item_idf_[i] = static_cast<float>(log_n - std::log1p(static_cast<double>(df[i])));
  double total = 0;
  for (float v : user_items.values) total += std::fabs(v);
  average_row_sum_ = user_items.rows > 0 ? total / user_items.rows : 1.0;
  if (!(average_row_sum_ > 0)) average_row_sum_ = 1.0;
}

float ConfidenceWeights::scaled(float value, float bm25_length_norm, int32_t item) const {
  const float magnitude = std::fabs(value);
  switch (config_.scaling) {
    case ConfidenceScaling::kLog:
      return std::log1p(magnitude / config_.log_epsilon);
    case ConfidenceScaling::kBm25: {
      // w = r (k1 + 1) / (k1 * length_norm + r) * idf_i
      const float k1 = config_.bm25_k1;
      const float idf = item < static_cast<int32_t>(item_idf_.size()) ? item_idf_[item] : 0.0f;
      return magnitude * (k1 + 1.0f) / (k1 * bm25_length_norm + magnitude) * idf;
    }
    default:
      return magnitude;
  }
}

void ConfidenceWeights::row_confidences(const int32_t* items, const float* values, int64_t n, float* out) const {
  float length_norm = 1.0f;
  if (config_.scaling == ConfidenceScaling::kBm25) {
    // length_norm_u = (1 - b) + b * |row_u| / average |row|
    double row_sum = 0;
    for (int64_t k = 0; k < n; ++k) row_sum += std::fabs(values[k]);
    length_norm = static_cast<float>((1.0 - config_.bm25_b) + config_.bm25_b * row_sum / average_row_sum_);
  }
  for (int64_t k = 0; k < n; ++k) {
    float c = config_.alpha * scaled(values[k], length_norm, items[k]);
    if (config_.one_plus) c += 1.0f;
    out[k] = values[k] < 0 ? -c : c;
  }
}

CsrMatrix ConfidenceWeights::apply(const CsrMatrix& user_items) const {
  CsrMatrix c = user_items;
  for (int32_t u = 0; u < c.rows; ++u) {
    const int64_t begin = c.indptr[u];
    row_confidences(&c.indices[begin], &user_items.values[begin], c.indptr[u + 1] - begin, &c.values[begin]);
  }
  return c;
}

}  // namespace als
