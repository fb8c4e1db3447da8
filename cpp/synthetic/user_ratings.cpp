#include "synthetic/user_ratings.h"

#include <algorithm>

namespace als {

namespace {

// Rating model, hundredths of a star: base + user bias + movie quality +
// taste affinity + noise. Tuned so ~83% of ratings are >= 3 (as in MovieLens)
// and most of those fall in the user's preferred clusters.
constexpr int32_t kBaseRating = 365;
constexpr int32_t kPreferredBonus = 45;
constexpr int32_t kOtherPenalty = -125;

int32_t floor_div(int32_t a, int32_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int32_t noise(SplitMix64& rng) { return static_cast<int32_t>(rng.below(121) + rng.below(121) + rng.below(121)) - 180; }

// Some users rate in a single day, others over months or years.
struct ActivityWindow {
  int64_t start = 0, length = 0;
};

ActivityWindow activity_window(const SyntheticSpec& spec, SplitMix64& rng) {
  const int64_t span = spec.last_timestamp - spec.first_timestamp;
  ActivityWindow window;
  window.start = spec.first_timestamp + static_cast<int64_t>(rng.below(static_cast<uint64_t>(span) + 1));
  const uint64_t kind = rng.below(10);
  const int64_t wanted = kind < 4 ? 86400 : kind < 7 ? 60 * 86400 : kind < 9 ? 730 * 86400 : span;
  window.length = std::min(wanted, spec.last_timestamp - window.start);
  return window;
}

}  // namespace

UserRatingSampler::UserRatingSampler(const TasteModel& model) : model_(model), seen_epoch_(model.spec.items, 0) {}

bool UserRatingSampler::take(int32_t item) {
  if (seen_epoch_[item] == epoch_) return false;
  seen_epoch_[item] = epoch_;
  chosen_.push_back(item);
  return true;
}

int32_t UserRatingSampler::draw_in_cluster(int32_t cluster, SplitMix64& rng) const {
  const ClusterPopularity& popularity = model_.clusters[cluster];
  return popularity.items_by_rank[popularity.rank_of(rng.below(popularity.cumulative_weight.back()))];
}

// One of the user's preferred clusters, weighted by size plus the mean size
// so fans of small genres still mostly watch them.
int32_t UserRatingSampler::draw_preferred(int32_t user, SplitMix64& rng) const {
  const auto& sizes = model_.cluster_cumulative_size;
  const uint64_t mean_size = static_cast<uint64_t>(model_.spec.items / model_.spec.clusters);
  uint64_t weights[3], total = 0;
  const int count = model_.user_cluster_count[user];
  for (int k = 0; k < count; ++k) {
    const int32_t c = model_.user_clusters[user][k];
    total += weights[k] = sizes[c] - (c > 0 ? sizes[c - 1] : 0) + mean_size;
  }
  uint64_t r = rng.below(total);
  int k = 0;
  while (r >= weights[k]) r -= weights[k++];
  return draw_in_cluster(model_.user_clusters[user][k], rng);
}

// Any movie by global popularity: a cluster by its size, then by rank.
int32_t UserRatingSampler::draw_any(SplitMix64& rng) const {
  const auto& sizes = model_.cluster_cumulative_size;
  const uint64_t r = rng.below(sizes.back());
  return draw_in_cluster(static_cast<int32_t>(std::upper_bound(sizes.begin(), sizes.end(), r) - sizes.begin()), rng);
}

size_t UserRatingSampler::preferred_pool(int32_t user) const {
  size_t pool = 0;
  for (int k = 0; k < model_.user_cluster_count[user]; ++k)
    pool += model_.clusters[model_.user_clusters[user][k]].items_by_rank.size();
  return pool;
}

// Draws start repeating once a user has seen most of a cluster's hits, so
// draws are bounded and the rest is taken walking down the popularity ranks
// of the given clusters side by side, skipping a quarter of the movies at
// random on the first pass so fans do not all end up with the same list.
void UserRatingSampler::take_in_rank_order(const int16_t* clusters, int count, size_t target, SplitMix64& rng) {
  for (int pass = 0; pass < 2 && chosen_.size() < target; ++pass) {
    bool more_ranks = true;
    for (size_t rank = 0; more_ranks && chosen_.size() < target; ++rank) {
      more_ranks = false;
      for (int k = 0; k < count && chosen_.size() < target; ++k) {
        const std::vector<int32_t>& items = model_.clusters[clusters[k]].items_by_rank;
        if (rank >= items.size()) continue;
        more_ranks = true;
        if (pass == 0 && rng.below(4) == 0) continue;
        take(items[rank]);
      }
    }
  }
}

// The guaranteed movies, then preferred_share of the user's movies from the
// preferred clusters, then the remainder by global popularity.
void UserRatingSampler::choose_items(int32_t user, SplitMix64& rng) {
  const size_t degree = static_cast<size_t>(model_.user_degree[user]);
  for (int32_t i = model_.guaranteed_offsets[user]; i < model_.guaranteed_offsets[user + 1]; ++i)
    take(model_.guaranteed_items[i]);
  const uint64_t share = static_cast<uint64_t>(model_.spec.preferred_share_permille);
  size_t preferred_target = static_cast<size_t>((degree * share + rng.below(1000)) / 1000);
  preferred_target = std::min({preferred_target, degree, chosen_.size() + preferred_pool(user)});
  for (size_t draw = 0, limit = 2 * preferred_target + 16; draw < limit && chosen_.size() < preferred_target; ++draw)
    take(draw_preferred(user, rng));
  if (chosen_.size() < preferred_target)
    take_in_rank_order(model_.user_clusters[user].data(), model_.user_cluster_count[user], preferred_target, rng);
  for (size_t draw = 0, limit = 2 * degree + 16; draw < limit && chosen_.size() < degree; ++draw) take(draw_any(rng));
  if (chosen_.size() < degree) take_in_rank_order(model_.all_clusters.data(), model_.spec.clusters, degree, rng);
}

float UserRatingSampler::rating_value(int32_t user, int32_t item, int32_t user_bias, bool half_stars,
                                      SplitMix64& rng) const {
  const bool liked_cluster = model_.prefers(user, model_.item_cluster[item]);
  const int32_t hundredths = kBaseRating + user_bias + model_.item_quality[item] +
                             (liked_cluster ? kPreferredBonus : kOtherPenalty) + noise(rng);
  if (half_stars) return 0.5f * static_cast<float>(std::clamp(floor_div(hundredths + 25, 50), 1, 10));
  return static_cast<float>(std::clamp(floor_div(hundredths + 50, 100), 1, 5));
}

void UserRatingSampler::sample(int32_t user, std::vector<SyntheticRating>& out) {
  ++epoch_;
  chosen_.clear();
  SplitMix64 rng(stream_seed(model_.spec.seed, SeedStream::kUserRatings, static_cast<uint64_t>(user)));
  const int32_t user_bias = static_cast<int32_t>(rng.below(121)) - 60;
  // In csv (half-star) files about half the users also use half stars.
  const bool half_stars = model_.spec.format == SyntheticFormat::kMovieLensCsv && rng.below(100) < 55;
  const ActivityWindow window = activity_window(model_.spec, rng);
  choose_items(user, rng);
  std::sort(chosen_.begin(), chosen_.end());
  out.resize(chosen_.size());
  for (size_t i = 0; i < chosen_.size(); ++i) {
    SyntheticRating& rating = out[i];
    rating.user_id = user + 1;
    rating.movie_id = model_.movie_ids[chosen_[i]];
    rating.rating = rating_value(user, chosen_[i], user_bias, half_stars, rng);
    rating.timestamp = window.start + static_cast<int64_t>(rng.below(static_cast<uint64_t>(window.length) + 1));
  }
}

}  // namespace als
