#include "synthetic/taste_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/random.h"
#include "synthetic/genre_catalog.h"

namespace als {

namespace {

constexpr uint64_t kZipfOffset = 3;  // Zipf-Mandelbrot offset: softens the very top

// Popularity weight of the movie at a rank, ~ (rank + offset)^-2: steep
// enough for a long tail of rarely rated movies, and integer (bit-exact).
uint64_t zipf_weight(uint64_t rank) {
  const uint64_t x = rank + kZipfOffset;
  return (1ull << 60) / (x * x);
}

template <typename T>
void shuffle(std::vector<T>& values, SplitMix64& rng) {
  for (size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[rng.below(i)]);
}

// Increasing ids with random gaps averaging movie_id_step_permille / 1000.
std::vector<int32_t> assign_movie_ids(const SyntheticSpec& spec, SplitMix64& rng) {
  std::vector<int32_t> ids(spec.items);
  const uint64_t spread = 2 * static_cast<uint64_t>(spec.movie_id_step_permille - 1000) + 1;
  int64_t position_permille = 0;
  for (int32_t i = 0; i < spec.items; ++i) {
    ids[i] = static_cast<int32_t>(1 + position_permille / 1000);
    position_permille += 1000 + static_cast<int64_t>(rng.below(spread));
  }
  return ids;
}

// Cluster sizes proportional to the genre weights (largest remainder), each >= 1.
std::vector<int32_t> cluster_sizes(const SyntheticSpec& spec) {
  const int32_t k = spec.clusters;
  std::vector<int64_t> weight(k);
  for (int32_t c = 0; c < k; ++c) weight[c] = cluster_genre(c).size_weight;
  const int64_t total_weight = std::accumulate(weight.begin(), weight.end(), int64_t{0});
  const int64_t to_share = spec.items - k;
  std::vector<int32_t> sizes(k, 1);
  int64_t shared = 0;
  for (int32_t c = 0; c < k; ++c) {
    sizes[c] += static_cast<int32_t>(to_share * weight[c] / total_weight);
    shared += to_share * weight[c] / total_weight;
  }
  std::vector<int32_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return to_share * weight[a] % total_weight > to_share * weight[b] % total_weight;
  });
  for (int64_t i = 0; shared + i < to_share; ++i) ++sizes[order[i]];
  return sizes;
}

void assign_items_to_clusters(TasteModel& model, SplitMix64& rng) {
  const std::vector<int32_t> sizes = cluster_sizes(model.spec);
  model.item_cluster.clear();
  for (int32_t c = 0; c < model.spec.clusters; ++c)
    model.item_cluster.insert(model.item_cluster.end(), sizes[c], static_cast<int16_t>(c));
  shuffle(model.item_cluster, rng);
  model.all_clusters.resize(sizes.size());
  std::iota(model.all_clusters.begin(), model.all_clusters.end(), int16_t{0});
  model.cluster_cumulative_size.resize(sizes.size());
  uint64_t running = 0;
  for (size_t c = 0; c < sizes.size(); ++c) model.cluster_cumulative_size[c] = running += sizes[c];
}

// Random popularity order inside each cluster, Zipf weights 1/(rank + offset)^2,
// and a per-item quality where blockbusters are also rated a little higher.
void rank_items_in_clusters(TasteModel& model, SplitMix64& rng) {
  const int32_t items = model.spec.items;
  model.clusters.assign(model.spec.clusters, {});
  for (int32_t i = 0; i < items; ++i) model.clusters[model.item_cluster[i]].items_by_rank.push_back(i);
  model.item_rank.resize(items);
  model.item_quality.resize(items);
  for (ClusterPopularity& cluster : model.clusters) {
    shuffle(cluster.items_by_rank, rng);
    uint64_t running = 0;
    for (size_t rank = 0; rank < cluster.items_by_rank.size(); ++rank) {
      running += zipf_weight(rank);
      cluster.cumulative_weight.push_back(running);
      const int32_t item = cluster.items_by_rank[rank];
      model.item_rank[item] = static_cast<int32_t>(rank);
      model.item_quality[item] =
          static_cast<int16_t>(static_cast<int64_t>(rng.below(121)) - 60 + 160 / static_cast<int64_t>(rank + 4));
    }
    cluster.build_guide();
  }
}

int32_t draw_cluster_by_size(const TasteModel& model, SplitMix64& rng) {
  const uint64_t r = rng.below(model.cluster_cumulative_size.back());
  const auto& sizes = model.cluster_cumulative_size;
  return static_cast<int32_t>(std::upper_bound(sizes.begin(), sizes.end(), r) - sizes.begin());
}

// 1..max_preferred_clusters distinct clusters, big genres having more fans.
void choose_preferred_clusters(TasteModel& model, SplitMix64& rng) {
  const SyntheticSpec& spec = model.spec;
  model.user_clusters.assign(spec.users, {-1, -1, -1});
  model.user_cluster_count.assign(spec.users, 0);
  for (int32_t u = 0; u < spec.users; ++u) {
    const uint64_t r = rng.below(10);
    int32_t count = r < 4 ? 1 : (r < 8 ? 2 : 3);
    if (spec.max_preferred_clusters == 2) count = 1 + static_cast<int32_t>(r % 2);
    count = std::min({count, spec.max_preferred_clusters, spec.clusters});
    for (int attempt = 0; model.user_cluster_count[u] < count; ++attempt) {
      int32_t c = draw_cluster_by_size(model, rng);
      if (attempt >= 64) {  // a dominant cluster keeps coming back: take the first free one
        c = 0;
        while (model.prefers(u, c)) ++c;
      }
      if (!model.prefers(u, c)) model.user_clusters[u][model.user_cluster_count[u]++] = static_cast<int16_t>(c);
    }
  }
}

// Heavy-tailed activity weights (Pareto-like, alpha 2), from +, -, /, sqrt
// only: those are correctly rounded in IEEE arithmetic, so bit-exact everywhere.
std::vector<uint64_t> activity_weights(const SyntheticSpec& spec) {
  SplitMix64 rng(stream_seed(spec.seed, SeedStream::kDegrees));
  std::vector<uint64_t> weights(spec.users);
  for (uint64_t& w : weights) {
    const double u = static_cast<double>((rng.next() >> 11) + 1) * (1.0 / 9007199254740992.0);
    const double pareto = std::min(1.0 / std::sqrt(u) - 1.0, 40.0);
    w = 1 + static_cast<uint64_t>(pareto * 1048576.0);
  }
  return weights;
}

// Hands `leftover` extra ratings to users with room, in proportion to their
// weights; whatever rounding leaves over goes one by one. Ends because the
// spec guarantees the total fits under the caps.
void distribute_extra(std::vector<int32_t>& degree, const std::vector<uint64_t>& weights, int32_t cap,
                      int64_t leftover) {
  while (leftover > 0) {
    unsigned __int128 weight_with_room = 0;
    for (size_t u = 0; u < degree.size(); ++u)
      if (degree[u] < cap) weight_with_room += weights[u];
    int64_t given = 0;
    for (size_t u = 0; u < degree.size() && given < leftover; ++u) {
      if (degree[u] >= cap) continue;
      const auto share = static_cast<int64_t>(weights[u] * static_cast<unsigned __int128>(leftover) / weight_with_room);
      const int64_t add = std::min<int64_t>({share, cap - degree[u], leftover - given});
      degree[u] += static_cast<int32_t>(add);
      given += add;
    }
    if (given == 0) {
      for (size_t u = 0; u < degree.size() && given < leftover; ++u)
        if (degree[u] < cap) ++degree[u], ++given;
    }
    leftover -= given;
  }
}

// Ratings per user: at least min_user_ratings (or ratings/users when lower),
// at most max_user_share of the items unless needed, summing to exactly spec.ratings.
std::vector<int32_t> user_rating_counts(const SyntheticSpec& spec) {
  const int64_t users = spec.users, items = spec.items;
  const int32_t floor_count = static_cast<int32_t>(std::min<int64_t>(spec.min_user_ratings, spec.ratings / users));
  int64_t cap = std::max<int64_t>(items * spec.max_user_share_permille / 1000, (spec.ratings + users - 1) / users);
  if (users * cap < spec.ratings || cap > items) cap = items;
  std::vector<int32_t> degree(spec.users, floor_count);
  distribute_extra(degree, activity_weights(spec), static_cast<int32_t>(cap), spec.ratings - users * floor_count);
  return degree;
}

// One rater per movie, preferably a fan of its cluster with room to spare, so
// every movie appears at least once; falls back to any user with room.
void assign_guaranteed_raters(TasteModel& model) {
  const SyntheticSpec& spec = model.spec;
  std::vector<int32_t> fan_offsets(spec.clusters + 1, 0), fans;
  for (int32_t u = 0; u < spec.users; ++u)
    for (int k = 0; k < model.user_cluster_count[u]; ++k) ++fan_offsets[model.user_clusters[u][k] + 1];
  std::partial_sum(fan_offsets.begin(), fan_offsets.end(), fan_offsets.begin());
  fans.resize(fan_offsets.back());
  std::vector<int32_t> fill(fan_offsets.begin(), fan_offsets.end() - 1);
  for (int32_t u = 0; u < spec.users; ++u)
    for (int k = 0; k < model.user_cluster_count[u]; ++k) fans[fill[model.user_clusters[u][k]]++] = u;

  SplitMix64 rng(stream_seed(spec.seed, SeedStream::kGuarantees));
  std::vector<int32_t> rater(spec.items), guaranteed_count(spec.users, 0);
  int32_t cursor = 0;
  for (int32_t item = 0; item < spec.items; ++item) {
    const int32_t c = model.item_cluster[item];
    const int32_t fan_count = fan_offsets[c + 1] - fan_offsets[c];
    int32_t chosen = -1;
    for (int attempt = 0; attempt < 8 && fan_count > 0 && chosen < 0; ++attempt) {
      const int32_t u = fans[fan_offsets[c] + static_cast<int32_t>(rng.below(fan_count))];
      if (guaranteed_count[u] < std::max(1, model.user_degree[u] / 4)) chosen = u;
    }
    if (chosen < 0) {
      while (guaranteed_count[cursor] >= model.user_degree[cursor]) ++cursor;
      chosen = cursor;
    }
    rater[item] = chosen;
    ++guaranteed_count[chosen];
  }
  model.guaranteed_offsets.assign(spec.users + 1, 0);
  for (int32_t u = 0; u < spec.users; ++u)
    model.guaranteed_offsets[u + 1] = model.guaranteed_offsets[u] + guaranteed_count[u];
  model.guaranteed_items.resize(spec.items);
  std::vector<int32_t> next(model.guaranteed_offsets.begin(), model.guaranteed_offsets.end() - 1);
  for (int32_t item = 0; item < spec.items; ++item) model.guaranteed_items[next[rater[item]]++] = item;
}

}  // namespace

void ClusterPopularity::build_guide() {
  const uint64_t total = cumulative_weight.back();
  const size_t size = cumulative_weight.size();
  guide.resize(size);
  size_t rank = 0;
  for (size_t g = 0; g < size; ++g) {
    const auto threshold = static_cast<uint64_t>(static_cast<unsigned __int128>(g) * total / size);
    while (cumulative_weight[rank] <= threshold) ++rank;
    guide[g] = static_cast<int32_t>(rank);
  }
}

int32_t ClusterPopularity::rank_of(uint64_t r) const {
  const uint64_t total = cumulative_weight.back();
  const auto g = static_cast<size_t>(static_cast<unsigned __int128>(r) * guide.size() / total);
  size_t rank = static_cast<size_t>(guide[g]);
  while (cumulative_weight[rank] <= r) ++rank;
  return static_cast<int32_t>(rank);
}

uint64_t stream_seed(uint64_t seed, SeedStream stream, uint64_t index) {
  SplitMix64 mix(seed ^ (static_cast<uint64_t>(stream) * 0xD1B54A32D192ED03ull));
  SplitMix64 second(mix.next() + index * 0x9E3779B97F4A7C15ull);
  return second.next();
}

TasteModel build_taste_model(const SyntheticSpec& spec) {
  validate_spec(spec);
  TasteModel model;
  model.spec = spec;
  SplitMix64 item_rng(stream_seed(spec.seed, SeedStream::kItems));
  model.movie_ids = assign_movie_ids(spec, item_rng);
  assign_items_to_clusters(model, item_rng);
  rank_items_in_clusters(model, item_rng);
  SplitMix64 user_rng(stream_seed(spec.seed, SeedStream::kUsers));
  choose_preferred_clusters(model, user_rng);
  model.user_degree = user_rating_counts(spec);
  assign_guaranteed_raters(model);
  return model;
}

}  // namespace als
