// What to generate: the shape of a synthetic MovieLens-like data set (exact
// user, item and rating counts), how strong its taste structure is, and the
// file format. Named presets mirror the real MovieLens releases in size and
// format so tests and benchmarks can stand in for the real files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace als {

enum class SyntheticFormat {
  kMovieLensCsv,   // ratings.csv userId,movieId,rating,timestamp (half stars) + movies.csv
  kMovieLensDat,   // ratings.dat UserID::MovieID::Rating::Timestamp (1..5) + movies.dat
  kMovieLens100k,  // u.data user\titem\trating\ttimestamp (1..5) + u.item (genre flags)
};

struct SyntheticSpec {
  std::string name = "custom (generated)";  // shown to people; always says "generated"
  std::string preset;                       // the preset it came from ("demo"), empty when custom
  int32_t users = 1000;                     // distinct users in the output, ids 1..users
  int32_t items = 600;                      // distinct movies in the output
  int64_t ratings = 60000;                  // lines in the ratings file
  int32_t clusters = 12;                    // taste clusters, each named after a genre
  uint64_t seed = 42;
  SyntheticFormat format = SyntheticFormat::kMovieLensCsv;

  // MovieLens keeps only users with >= 20 ratings; lowered when ratings/users is smaller.
  int32_t min_user_ratings = 20;
  // Share (per mille) of a user's picks drawn from the clusters they prefer;
  // the rest follow global popularity. Integers keep the output bit-exact everywhere.
  int32_t preferred_share_permille = 800;
  int32_t max_preferred_clusters = 3;  // each user prefers 1..this many clusters
  // The most active users rate at most this share (per mille) of all movies,
  // raised when the rating count needs it (MovieLens' top users reach ~60%).
  int32_t max_user_share_permille = 600;
  // Mean step between consecutive movie ids, per mille (1000 = ids 1..items;
  // MovieLens ids have gaps, e.g. ml-25m ~3500).
  int32_t movie_id_step_permille = 1000;
  int64_t first_timestamp = 1420070400;  // 2015-01-01, unix seconds
  int64_t last_timestamp = 1577836799;   // 2019-12-31
};

// Throws std::invalid_argument when the counts cannot be met exactly
// (e.g. fewer ratings than users or items, more than users * items).
void validate_spec(const SyntheticSpec& spec);

// "demo", "ml-100k", "ml-1m", "ml-10m", "ml-25m", "ml-latest-small".
std::optional<SyntheticSpec> synthetic_preset(std::string_view preset_name);
std::vector<std::string> synthetic_preset_names();

// File names a format is written as ("ratings.csv", "movies.dat", "u.item", ...).
std::string ratings_file_name(SyntheticFormat format);
std::string movies_file_name(SyntheticFormat format);
const char* synthetic_format_name(SyntheticFormat format);

}  // namespace als
