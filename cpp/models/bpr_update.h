// The SGD step of Bayesian Personalized Ranking (Rendle et al. 2009, section
// 4, LearnBPR) as implicit 0.7's bpr_update does it, on padded factor rows.
//
// A user row x has factors + 1 columns, the last one fixed at 1; an item row
// y has the item's bias b in that column, so x·y = xᶠ·yᶠ + b. For a sample
// (user, liked item l, other item d):
//   z   = 1 / (1 + exp(x·(y_l − y_d)))     = σ(−x̂_uld), the weight of the gradient of ln σ(x̂_uld)
//   x  += lr·(z·(y_l − y_d) − reg·x)        (not the bias column: it stays 1)
//   y_l += lr·(z·x − reg·y_l)               (with the old x; the bias column gets lr·(z − reg·b_l))
//   y_d += lr·(−z·x − reg·y_d)
// The pair was ordered correctly before the step when x·y_l > x·y_d (z < ½):
// implicit's "correct" count, an estimate of the training AUC.
//
// Sampling, as implicit: each sample is a random entry of the training matrix
// (a random (user, liked item) pair), and the other item is the item of
// another random entry, so it is drawn in proportion to its popularity (not
// uniformly over the items). With verify_negative_samples a draw the user
// has liked is skipped (counted as skipped, not redrawn). Unlike implicit, a
// draw of the liked item itself (possible only without the check) is skipped
// too: its update would only shrink both rows.
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "core/factor_matrix.h"
#include "core/random.h"

namespace als::bpr {

struct StepSettings {
  float learning_rate = 0.01f;
  float regularization = 0.01f;
};

// One step on the three rows (of `stride` floats, a multiple of 16); the
// user's column bias_column (its fixed 1) does not move. True when the pair
// was ordered correctly before it.
bool sgd_step(float* user, float* liked, float* disliked, int bias_column, int stride, const StepSettings& step);
// The same step on the user row alone, the items held fixed (fold-in).
bool sgd_user_step(float* user, const float* liked, const float* disliked, int bias_column, int stride,
                   const StepSettings& step);

struct SampleCounts {
  int64_t samples = 0;
  int64_t correct = 0;
  int64_t skipped = 0;
};

// The training matrix as the sampler reads it: the user of every entry
// (implicit's userids, the row of a COO matrix), and whether a user liked an
// item: one bit per (user, item) when users × items fit in
// kMostLikedBits (ML-1M: 2.8 MB; one cache miss, which the sampler asks for
// ahead), else a binary search in the user's sorted row (several misses).
struct TrainingEntries {
  static constexpr uint64_t kMostLikedBits = uint64_t(1) << 27;  // 16 MB

  explicit TrainingEntries(const CsrMatrix& user_items);
  const CsrMatrix* user_items;
  std::vector<int32_t> user_of_entry;
  std::vector<uint64_t> liked_bits;  // bit user · cols + item; empty when too large

  bool user_liked(int32_t user, int32_t item) const {
    if (!liked_bits.empty()) {
      const uint64_t bit = static_cast<uint64_t>(user) * static_cast<uint64_t>(user_items->cols) + item;
      return (liked_bits[bit >> 6] >> (bit & 63)) & 1;
    }
    return user_liked_by_search(user, item);
  }
  bool user_liked_by_search(int32_t user, int32_t item) const;
  // Where user_liked(user, item) will read (to ask for it ahead).
  const void* liked_lookup_address(int32_t user, int32_t item) const;
};

// `count` samples drawn from `rng` and their steps on X (users) and Y (items).
// Concurrent calls on the same X, Y race (Hogwild): see bpr_model.h.
SampleCounts run_samples(const TrainingEntries& entries, FactorMatrix& X, FactorMatrix& Y, int bias_column,
                         int64_t count, SplitMix64& rng, const StepSettings& step, bool verify_negative_samples);

// The seed of an epoch's task: a fixed number of tasks per epoch, each with
// its own stream, so the samples do not depend on the thread count.
uint64_t task_seed(uint64_t seed, int epoch, int task);

}  // namespace als::bpr
