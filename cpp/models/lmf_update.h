// The AdaGrad step of Logistic Matrix Factorization (Johnson 2014) as
// implicit 0.7's lmf_update does it, for one row against the fixed other side.
//
// Rows have factors + 2 columns: a user row is (xᶠ, 1, b_u), an item row
// (yᶠ, b_i, 1), so x·y = xᶠ·yᶠ + b_i + b_u. For row x with entries (i, c_i)
// (c: the raw value, e.g. a play count) and sampled rows n (negatives):
//   g   = Σ_i c_i·(1 − σ(x·y_i))·y_i − Σ_n σ(x·y_n)·y_n − reg·x     (ascent on the log-likelihood)
//   G  += g²                                                      (per column)
//   x  += lr / √(1e-6 + G) · g
// implicit adds c_i·y_i and subtracts c_i·σ(x·y_i)·y_i in two passes; we
// take c_i·(1 − σ) in one (equal up to rounding). The fixed columns move too
// and the trainer sets them back to 1 after each half step, as implicit.
//
// Negatives, as implicit 0.7: each is the column of a random entry of the
// matrix being stepped (items by popularity for the users, users by activity
// for the items), not checked against the row's own entries, and a row gets
// min(factors + 2, entries · neg_prop) of them: implicit's cap reads the
// item matrix's width where the item count was meant (implicit issue #745);
// kept, since it is what implicit trains (and what its speed is).
#pragma once

#include <cstdint>
#include <vector>

#include "core/factor_matrix.h"
#include "core/random.h"

namespace als::lmf {

struct StepSettings {
  float learning_rate = 1.0f;
  float regularization = 0.6f;
};

// implicit's min(n_items, seen · neg_prop) with its n_items = the row width.
int64_t negatives_for(int64_t entries, int neg_prop, int columns);

// Counts of the pairs the row's scores already ordered right: positives
// with x·y > 0, negatives with x·y < 0 (before the step).
struct RowCounts {
  int64_t pairs = 0;
  int64_t correct = 0;
};

// One AdaGrad step of row x (and its sum of squared gradients G, both
// `Y.stride()` floats) against Y: the row's entries items[k] with values
// values[k], and the negative rows negatives[k]. deriv: scratch of Y.stride() floats.
RowCounts update_row(float* x, float* sum_squares, const FactorMatrix& Y, const int32_t* items, const float* values,
                     int64_t count, const int32_t* negatives, int64_t negative_count, const StepSettings& step,
                     float* deriv);

// implicit's numerically stable sigmoid.
float sigmoid(float v);

// Standard normal deviates (Box–Muller on SplitMix64: the same numbers everywhere).
class NormalSource {
 public:
  explicit NormalSource(SplitMix64& rng) : rng_(&rng) {}
  float next();

 private:
  SplitMix64* rng_;
  bool has_spare_ = false;
  double spare_ = 0;
};

// The random stream of one row in one half step of one epoch: rows draw
// their negatives independently of the thread that runs them.
uint64_t row_seed(uint64_t seed, int epoch, int half, int32_t row);

}  // namespace als::lmf
