#include "models/lmf_update.h"

#include <algorithm>
#include <cmath>

#include "als/factor_kernels.h"

namespace als::lmf {

int64_t negatives_for(int64_t entries, int neg_prop, int columns) {
  return std::min<int64_t>(columns, entries * neg_prop);
}

float sigmoid(float v) {
  if (v >= 0) return 1.0f / (1.0f + std::exp(-v));
  const float z = std::exp(v);
  return z / (1.0f + z);
}

RowCounts update_row(float* x, float* sum_squares, const FactorMatrix& Y, const int32_t* items, const float* values,
                     int64_t count, const int32_t* negatives, int64_t negative_count, const StepSettings& step,
                     float* deriv) {
  const int stride = Y.stride();
  RowCounts counts;
  counts.pairs = count + negative_count;
  std::fill(deriv, deriv + stride, 0.0f);
  // Σ c_i·(1 − σ(x·y_i))·y_i
  kernels::accumulate_projections(Y, items, count, x, deriv, [&](int64_t k, float score) {
    counts.correct += score > 0;
    return values[k] - values[k] * sigmoid(score);
  });
  // − Σ σ(x·y_n)·y_n
  kernels::accumulate_projections(Y, negatives, negative_count, x, deriv, [&](int64_t /*k*/, float score) {
    counts.correct += score < 0;
    return -sigmoid(score);
  });
  // g = deriv − reg·x;  G += g²;  x += lr / √(1e-6 + G) · g  (the padding stays 0)
  const float lr = step.learning_rate, reg = step.regularization;
  for (int k = 0; k < stride; ++k) {
    const float g = deriv[k] - reg * x[k];
    sum_squares[k] += g * g;
    x[k] += lr / std::sqrt(1e-6f + sum_squares[k]) * g;
  }
  return counts;
}

float NormalSource::next() {
  if (has_spare_) {
    has_spare_ = false;
    return static_cast<float>(spare_);
  }
  // Box–Muller: u1 in (0, 1] so the logarithm is finite.
  const double u1 = 1.0 - rng_->uniform(), u2 = rng_->uniform();
  const double r = std::sqrt(-2.0 * std::log(u1)), angle = 6.283185307179586 * u2;
  spare_ = r * std::sin(angle);
  has_spare_ = true;
  return static_cast<float>(r * std::cos(angle));
}

uint64_t row_seed(uint64_t seed, int epoch, int half, int32_t row) {
  SplitMix64 mix(seed ^ 0x4C4D46ull);  // "LMF"
  SplitMix64 by_epoch(mix.next() ^ (static_cast<uint64_t>(epoch) << 1 | static_cast<uint64_t>(half)));
  SplitMix64 by_row(by_epoch.next() ^ (static_cast<uint64_t>(static_cast<uint32_t>(row)) << 20));
  return by_row.next();
}

}  // namespace als::lmf
