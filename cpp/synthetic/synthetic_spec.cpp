#include "synthetic/synthetic_spec.h"

#include <stdexcept>

namespace als {

namespace {

constexpr int32_t kMovieLensGenres = 18;

SyntheticSpec make_spec(const char* name, int32_t users, int32_t items, int64_t ratings, SyntheticFormat format,
                        int64_t first_timestamp, int64_t last_timestamp) {
  SyntheticSpec spec;
  spec.name = name;
  spec.users = users;
  spec.items = items;
  spec.ratings = ratings;
  spec.clusters = kMovieLensGenres;
  spec.format = format;
  spec.first_timestamp = first_timestamp;
  spec.last_timestamp = last_timestamp;
  return spec;
}

// The built-in browser demo: small enough to load and train in about a
// second, with a strong taste structure so recommendations visibly make sense.
SyntheticSpec demo_spec() {
  SyntheticSpec spec = make_spec("Generated demo (fictional titles)", 1000, 600, 60000, SyntheticFormat::kMovieLensCsv,
                                 1420070400, 1577836799);
  spec.clusters = 12;
  spec.seed = 2024;
  spec.preferred_share_permille = 900;
  spec.max_preferred_clusters = 2;
  spec.max_user_share_permille = 250;
  spec.movie_id_step_permille = 1500;
  return spec;
}

}  // namespace

void validate_spec(const SyntheticSpec& spec) {
  auto fail = [](const std::string& why) { throw std::invalid_argument("synthetic spec: " + why); };
  if (spec.users < 1 || spec.items < 1) fail("users and items must be >= 1");
  if (spec.clusters < 1 || spec.clusters > spec.items || spec.clusters > 32767)
    fail("clusters must be in 1..min(items, 32767)");
  if (spec.ratings < spec.users || spec.ratings < spec.items)
    fail("ratings must be >= users and >= items (each gets at least one)");
  if (spec.ratings > static_cast<int64_t>(spec.users) * spec.items)
    fail("ratings must be <= users * items (no duplicate pairs)");
  if (spec.min_user_ratings < 1) fail("min_user_ratings must be >= 1");
  if (spec.preferred_share_permille < 0 || spec.preferred_share_permille > 1000)
    fail("preferred_share_permille must be in 0..1000");
  if (spec.max_preferred_clusters < 1 || spec.max_preferred_clusters > 3)
    fail("max_preferred_clusters must be in 1..3");
  if (spec.max_user_share_permille < 1 || spec.max_user_share_permille > 1000)
    fail("max_user_share_permille must be in 1..1000");
  if (spec.movie_id_step_permille < 1000 || spec.movie_id_step_permille > 100000)
    fail("movie_id_step_permille must be in 1000..100000");
  // The largest id stays below (2 * step - 1) * items; keep it in int32.
  if ((2 * static_cast<int64_t>(spec.movie_id_step_permille) / 1000 + 1) * spec.items >= (1ll << 31))
    fail("movie ids would not fit in 32 bits");
  if (spec.first_timestamp < 0 || spec.last_timestamp < spec.first_timestamp)
    fail("timestamps must satisfy 0 <= first <= last");
}

std::optional<SyntheticSpec> synthetic_preset(std::string_view preset_name) {
  using F = SyntheticFormat;
  SyntheticSpec spec;
  if (preset_name == "demo") {
    spec = demo_spec();
  } else if (preset_name == "ml-100k") {
    spec = make_spec("Generated ml-100k-sized (fictional titles)", 943, 1682, 100000, F::kMovieLens100k, 874724710,
                     893286638);
  } else if (preset_name == "ml-1m") {
    spec = make_spec("Generated ml-1m-sized (fictional titles)", 6040, 3706, 1000209, F::kMovieLensDat, 956703932,
                     1046454590);
    spec.movie_id_step_permille = 1066;
  } else if (preset_name == "ml-10m") {
    spec = make_spec("Generated ml-10m-sized (fictional titles)", 69878, 10677, 10000054, F::kMovieLensDat, 789652009,
                     1231131736);
    spec.movie_id_step_permille = 6100;
  } else if (preset_name == "ml-25m") {
    spec = make_spec("Generated ml-25m-sized (fictional titles)", 162541, 59047, 25000095, F::kMovieLensCsv, 789652009,
                     1574327703);
    spec.movie_id_step_permille = 3500;
  } else if (preset_name == "ml-latest-small") {
    spec = make_spec("Generated ml-latest-small-sized (fictional titles)", 610, 9724, 100836, F::kMovieLensCsv,
                     828124615, 1537799250);
    spec.movie_id_step_permille = 19900;
  } else {
    return std::nullopt;
  }
  if (preset_name != "demo") spec.seed = 1;
  spec.preset = std::string(preset_name);
  return spec;
}

std::vector<std::string> synthetic_preset_names() {
  return {"demo", "ml-100k", "ml-1m", "ml-10m", "ml-25m", "ml-latest-small"};
}

std::string ratings_file_name(SyntheticFormat format) {
  switch (format) {
    case SyntheticFormat::kMovieLensCsv:
      return "ratings.csv";
    case SyntheticFormat::kMovieLensDat:
      return "ratings.dat";
    case SyntheticFormat::kMovieLens100k:
      return "u.data";
  }
  return "ratings.csv";
}

std::string movies_file_name(SyntheticFormat format) {
  switch (format) {
    case SyntheticFormat::kMovieLensCsv:
      return "movies.csv";
    case SyntheticFormat::kMovieLensDat:
      return "movies.dat";
    case SyntheticFormat::kMovieLens100k:
      return "u.item";
  }
  return "movies.csv";
}

const char* synthetic_format_name(SyntheticFormat format) {
  switch (format) {
    case SyntheticFormat::kMovieLensCsv:
      return "MovieLens csv (ratings.csv, movies.csv)";
    case SyntheticFormat::kMovieLensDat:
      return "MovieLens dat (ratings.dat, movies.dat)";
    case SyntheticFormat::kMovieLens100k:
      return "MovieLens 100K (u.data, u.item)";
  }
  return "";
}

}  // namespace als
