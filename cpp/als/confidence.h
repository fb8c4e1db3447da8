// Confidence C_ui from a raw value r_ui (a rating, a play count).
//
//   implicit's convention:  C = alpha * s(r)
//   the paper's (HKV 2008): C = 1 + alpha * s(r)
//
// where s is the optional scaling (none, log(1 + r/eps), or BM25). As in
// implicit, a negative value means "disliked": preference 0 with confidence
// |C| — the sign is carried through the scaling.
#pragma once

#include <cstdint>
#include <vector>

#include "als/als_config.h"
#include "core/csr_matrix.h"

namespace als {

class ConfidenceWeights {
 public:
  ConfidenceWeights() = default;
  // Learns what the scaling needs from the training matrix (BM25: item idf and
  // the average user row sum).
  ConfidenceWeights(const CsrMatrix& user_items, const ConfidenceConfig& config);

  const ConfidenceConfig& config() const { return config_; }

  // Confidences for one user's row (items ascending or not, any length).
  void row_confidences(const int32_t* items, const float* values, int64_t n, float* out) const;
  // Whether a confidence depends on its value alone (not on its row or item,
  // as BM25's do): then row_confidences weights the rows of either side.
  bool per_value() const { return config_.scaling != ConfidenceScaling::kBm25; }
  // The whole training matrix with values replaced by confidences.
  CsrMatrix apply(const CsrMatrix& user_items) const;

  // Saved with the model so a new user is weighted like the training users.
  const std::vector<float>& item_idf() const { return item_idf_; }
  double average_row_sum() const { return average_row_sum_; }
  void restore(const ConfidenceConfig& config, std::vector<float> item_idf, double average_row_sum) {
    config_ = config;
    item_idf_ = std::move(item_idf);
    average_row_sum_ = average_row_sum;
  }

 private:
  float scaled(float value, float bm25_length_norm, int32_t item) const;
  ConfidenceConfig config_;
  std::vector<float> item_idf_;
  double average_row_sum_ = 1.0;
};

}  // namespace als
