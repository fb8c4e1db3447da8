// The hidden structure behind a synthetic data set, built before any rating
// is drawn: which cluster (genre) each movie belongs to and how popular it is
// inside it, which clusters each user prefers, how many ratings each user
// gives, and one "guaranteed" rater per movie so every movie is rated.
// Memory is O(users + items); ratings are drawn per user from this later.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "synthetic/synthetic_spec.h"

namespace als {

// Independent random streams, so each part (and each user) can be drawn
// alone and in any order and still give the same numbers.
enum class SeedStream : uint64_t { kItems = 1, kUsers, kDegrees, kGuarantees, kTitles, kGenres, kUserRatings };
uint64_t stream_seed(uint64_t seed, SeedStream stream, uint64_t index = 0);

// Items of one cluster from most to least popular, with the cumulative
// Zipf-like weights used to draw them (integers: bit-exact everywhere) and a
// guide table that makes a draw O(1) on average instead of a binary search.
struct ClusterPopularity {
  std::vector<int32_t> items_by_rank;
  std::vector<uint64_t> cumulative_weight;
  std::vector<int32_t> guide;  // guide[g] = first rank whose cumulative weight > g * total / size

  int32_t rank_of(uint64_t r) const;  // r in [0, total): the rank it falls on
  void build_guide();
};

struct TasteModel {
  SyntheticSpec spec;

  // Items by index 0..items-1; movie ids increase with the index.
  std::vector<int32_t> movie_ids;
  std::vector<int16_t> item_cluster;
  std::vector<int32_t> item_rank;     // popularity rank inside its cluster, 0 = blockbuster
  std::vector<int16_t> item_quality;  // rating offset, hundredths of a star

  std::vector<ClusterPopularity> clusters;
  std::vector<uint64_t> cluster_cumulative_size;  // to draw a cluster by its size
  std::vector<int16_t> all_clusters;              // 0..clusters-1

  // Users by index 0..users-1 (user id = index + 1).
  std::vector<std::array<int16_t, 3>> user_clusters;  // preferred clusters, first user_cluster_count used
  std::vector<uint8_t> user_cluster_count;
  std::vector<int32_t> user_degree;         // ratings the user gives
  std::vector<int32_t> guaranteed_offsets;  // users + 1 offsets into guaranteed_items
  std::vector<int32_t> guaranteed_items;    // each item exactly once

  bool prefers(int32_t user, int32_t cluster) const {
    for (int k = 0; k < user_cluster_count[user]; ++k)
      if (user_clusters[user][k] == cluster) return true;
    return false;
  }
};

// Validates the spec (throws std::invalid_argument) and builds the model.
TasteModel build_taste_model(const SyntheticSpec& spec);

}  // namespace als
