// Draws one user's ratings from the taste model: which movies (mostly from
// the preferred clusters, popular ones more often, never the same twice),
// the star values (higher inside preferred clusters) and the timestamps.
// Each user has its own random stream, so users can be drawn in any order.
#pragma once

#include <cstdint>
#include <vector>

#include "core/random.h"
#include "synthetic/taste_model.h"

namespace als {

struct SyntheticRating {
  int32_t user_id = 0;
  int32_t movie_id = 0;
  float rating = 0;       // 0.5..5 in half stars (csv), 1..5 whole stars (dat, 100k)
  int64_t timestamp = 0;  // unix seconds
};

class UserRatingSampler {
 public:
  explicit UserRatingSampler(const TasteModel& model);

  // Replaces `out` with the user's ratings, sorted by movie id.
  void sample(int32_t user, std::vector<SyntheticRating>& out);

 private:
  int32_t draw_preferred(int32_t user, SplitMix64& rng) const;
  int32_t draw_any(SplitMix64& rng) const;
  int32_t draw_in_cluster(int32_t cluster, SplitMix64& rng) const;
  size_t preferred_pool(int32_t user) const;
  void choose_items(int32_t user, SplitMix64& rng);
  void take_in_rank_order(const int16_t* clusters, int count, size_t target, SplitMix64& rng);
  float rating_value(int32_t user, int32_t item, int32_t user_bias, bool half_stars, SplitMix64& rng) const;
  bool take(int32_t item);

  const TasteModel& model_;
  std::vector<uint32_t> seen_epoch_;  // seen_epoch_[item] == epoch_: already chosen for this user
  uint32_t epoch_ = 0;
  std::vector<int32_t> chosen_;
};

}  // namespace als
