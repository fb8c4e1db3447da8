// The synthetic data generator: exact counts, determinism, valid values,
// correctly quoted titles, a measurable taste structure, and the committed
// demo files being exactly what the generator writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "synthetic/synthetic_data.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

// ---- helpers ---------------------------------------------------------------

std::string ratings_text(const SyntheticSpec& spec) {
  std::string text;
  write_synthetic_ratings(spec, [&](std::string_view chunk) { text.append(chunk); });
  return text;
}

std::string movies_text(const SyntheticSpec& spec) {
  std::string text;
  write_synthetic_movies(spec, [&](std::string_view chunk) { text.append(chunk); });
  return text;
}

uint64_t fnv1a(std::string_view text) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::vector<std::string> split_on(std::string_view line, std::string_view separator) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (size_t at; (at = line.find(separator, start)) != std::string_view::npos; start = at + separator.size())
    fields.emplace_back(line.substr(start, at - start));
  fields.emplace_back(line.substr(start));
  return fields;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A minimal RFC 4180 reader: records of fields; quoted fields may hold
// commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"' && !field_started) {
      quoted = field_started = true;
    } else if (c == ',') {
      record.push_back(field), field.clear(), field_started = false;
    } else if (c == '\n') {
      record.push_back(field), field.clear(), field_started = false;
      records.push_back(record), record.clear();
    } else if (c != '\r') {
      field += c, field_started = true;
    }
  }
  if (field_started || !record.empty()) record.push_back(field), records.push_back(record);
  return records;
}

SyntheticSpec small_spec(int32_t users, int32_t items, int64_t ratings, int32_t clusters = 5,
                         SyntheticFormat format = SyntheticFormat::kMovieLensCsv) {
  SyntheticSpec spec;
  spec.users = users;
  spec.items = items;
  spec.ratings = ratings;
  spec.clusters = clusters;
  spec.format = format;
  spec.seed = 7;
  return spec;
}

SyntheticSpec preset(const char* name) {
  const auto spec = synthetic_preset(name);
  if (!spec) throw std::runtime_error(std::string("no preset ") + name);
  return *spec;
}

struct Counts {
  int64_t lines = 0;
  std::set<int32_t> users, items;
  bool duplicate_pair = false;
  int32_t fewest_user_ratings = INT32_MAX;
};

Counts count(const std::vector<SyntheticRating>& ratings) {
  Counts counts;
  // (user, movie) pairs sorted, then adjacent equal ones: no node per rating,
  // which keeps the 1M-rating presets fast under AddressSanitizer.
  std::vector<std::pair<int32_t, int32_t>> pairs;
  pairs.reserve(ratings.size());
  std::map<int32_t, int32_t> per_user;
  for (const SyntheticRating& r : ratings) {
    ++counts.lines;
    counts.users.insert(r.user_id);
    counts.items.insert(r.movie_id);
    pairs.emplace_back(r.user_id, r.movie_id);
    ++per_user[r.user_id];
  }
  std::sort(pairs.begin(), pairs.end());
  counts.duplicate_pair = std::adjacent_find(pairs.begin(), pairs.end()) != pairs.end();
  for (const auto& [user, n] : per_user) counts.fewest_user_ratings = std::min(counts.fewest_user_ratings, n);
  return counts;
}

// Parses a ratings file of any format back into ratings.
// Lines and fields are views into the text (short numbers fit std::string's
// small buffer), so a million lines cost no heap allocation each.
std::vector<SyntheticRating> parse_ratings(const std::string& text, SyntheticFormat format) {
  std::vector<std::string_view> lines;
  std::string_view rest(text);
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  if (format == SyntheticFormat::kMovieLensCsv) {
    EXPECT_EQ(lines.at(0), "userId,movieId,rating,timestamp");
    lines.erase(lines.begin());
  }
  const std::string_view separator = format == SyntheticFormat::kMovieLensCsv   ? ","
                                     : format == SyntheticFormat::kMovieLensDat ? "::"
                                                                                : "\t";
  std::vector<SyntheticRating> ratings;
  ratings.reserve(lines.size());
  for (const std::string_view line : lines) {
    std::string_view f[5];
    size_t fields = 0, start = 0;
    for (size_t at; fields < 4 && (at = line.find(separator, start)) != std::string_view::npos;
         start = at + separator.size())
      f[fields++] = line.substr(start, at - start);
    f[fields++] = line.substr(start);
    EXPECT_EQ(fields, 4u) << line;
    if (fields != 4) continue;
    ratings.push_back({std::stoi(std::string(f[0])), std::stoi(std::string(f[1])), std::stof(std::string(f[2])),
                       std::stoll(std::string(f[3]))});
  }
  return ratings;
}

void expect_exact_counts(const SyntheticSpec& spec, const Counts& counts) {
  EXPECT_EQ(counts.lines, spec.ratings);
  EXPECT_EQ(static_cast<int64_t>(counts.users.size()), spec.users);
  EXPECT_EQ(static_cast<int64_t>(counts.items.size()), spec.items);
  EXPECT_FALSE(counts.duplicate_pair);
  EXPECT_GE(counts.fewest_user_ratings, std::min<int64_t>(spec.min_user_ratings, spec.ratings / spec.users));
}

// ---- exact counts ----------------------------------------------------------

TEST(SyntheticData, ExactCountsForSmallAndEdgeSpecs) {
  const std::vector<SyntheticSpec> specs = {
      small_spec(1, 1, 1, 1),           // the smallest possible
      small_spec(50, 10, 500, 3),       // every pair: the full matrix
      small_spec(10, 200, 200, 4),      // fewer ratings per user than 20, each movie once
      small_spec(300, 40, 300, 6),      // each user exactly one rating
      small_spec(100, 100, 5000, 7),    // dense half
      small_spec(200, 3000, 9000, 18),  // more movies than the users can cover by popularity
      small_spec(120, 80, 4000, 25, SyntheticFormat::kMovieLensDat),  // more clusters than genres
  };
  for (const SyntheticSpec& spec : specs) {
    SCOPED_TRACE(std::to_string(spec.users) + "x" + std::to_string(spec.items) + "x" + std::to_string(spec.ratings));
    expect_exact_counts(spec, count(generate_ratings(spec)));
  }
}

TEST(SyntheticData, ExactCountsInTheMl100kFiles) {
  const SyntheticSpec spec = preset("ml-100k");
  EXPECT_EQ(spec.format, SyntheticFormat::kMovieLens100k);
  expect_exact_counts(spec, count(parse_ratings(ratings_text(spec), spec.format)));
  const std::vector<std::string> movies = lines_of(movies_text(spec));
  ASSERT_EQ(static_cast<int32_t>(movies.size()), spec.items);
  for (const std::string& line : movies) ASSERT_EQ(split_on(line, "|").size(), 24u) << line;
}

TEST(SyntheticData, ExactCountsInTheMl1mFiles) {
  const SyntheticSpec spec = preset("ml-1m");
  EXPECT_EQ(spec.format, SyntheticFormat::kMovieLensDat);
  const std::vector<SyntheticRating> ratings = parse_ratings(ratings_text(spec), spec.format);
  const Counts counts = count(ratings);
  expect_exact_counts(spec, counts);
  EXPECT_EQ(counts.lines, 1000209);
  EXPECT_EQ(counts.users.size(), 6040u);
  EXPECT_EQ(counts.items.size(), 3706u);
  EXPECT_GE(counts.fewest_user_ratings, 20);
  EXPECT_EQ(static_cast<int32_t>(lines_of(movies_text(spec)).size()), spec.items);
}

TEST(SyntheticData, PresetsHaveTheMovieLensShapes) {
  struct Shape {
    const char* name;
    int32_t users, items;
    int64_t ratings;
    SyntheticFormat format;
  };
  const Shape shapes[] = {
      {"ml-100k", 943, 1682, 100000, SyntheticFormat::kMovieLens100k},
      {"ml-1m", 6040, 3706, 1000209, SyntheticFormat::kMovieLensDat},
      {"ml-10m", 69878, 10677, 10000054, SyntheticFormat::kMovieLensDat},
      {"ml-25m", 162541, 59047, 25000095, SyntheticFormat::kMovieLensCsv},
      {"ml-latest-small", 610, 9724, 100836, SyntheticFormat::kMovieLensCsv},
  };
  for (const Shape& shape : shapes) {
    const SyntheticSpec spec = preset(shape.name);
    EXPECT_EQ(spec.users, shape.users) << shape.name;
    EXPECT_EQ(spec.items, shape.items) << shape.name;
    EXPECT_EQ(spec.ratings, shape.ratings) << shape.name;
    EXPECT_EQ(spec.format, shape.format) << shape.name;
    EXPECT_NE(spec.name.find("enerated"), std::string::npos) << shape.name;
    EXPECT_NO_THROW(validate_spec(spec));
  }
  const SyntheticSpec demo = preset("demo");
  EXPECT_NE(demo.name.find("enerated"), std::string::npos);
  EXPECT_EQ(synthetic_preset_names().size(), 6u);
  for (const std::string& name : synthetic_preset_names()) EXPECT_TRUE(synthetic_preset(name).has_value());
  EXPECT_FALSE(synthetic_preset("ml-999m").has_value());
}

TEST(SyntheticData, LatestSmallPresetCountsAndLongTail) {
  const SyntheticSpec spec = preset("ml-latest-small");
  const std::vector<SyntheticRating> ratings = generate_ratings(spec);
  expect_exact_counts(spec, count(ratings));
  std::map<int32_t, int32_t> per_movie;
  for (const SyntheticRating& r : ratings) ++per_movie[r.movie_id];
  int32_t rated_once = 0;
  for (const auto& [movie, n] : per_movie) rated_once += n == 1;
  EXPECT_GT(rated_once, 0);  // like the real one, a long tail of movies rated once
}

TEST(SyntheticData, ImpossibleSpecsAreRejected) {
  EXPECT_THROW(validate_spec(small_spec(10, 10, 5)), std::invalid_argument);       // fewer ratings than users
  EXPECT_THROW(validate_spec(small_spec(10, 10, 101)), std::invalid_argument);     // more than users * items
  EXPECT_THROW(validate_spec(small_spec(10, 10, 50, 11)), std::invalid_argument);  // more clusters than items
  EXPECT_THROW(validate_spec(small_spec(0, 10, 50)), std::invalid_argument);
  EXPECT_THROW(generate_ratings(small_spec(10, 20, 15)), std::invalid_argument);  // fewer ratings than items
}

// ---- determinism -----------------------------------------------------------

TEST(SyntheticData, SameSeedSameBytesDifferentSeedDifferentBytes) {
  SyntheticSpec spec = preset("ml-100k");
  spec.format = SyntheticFormat::kMovieLensCsv;
  const uint64_t first = fnv1a(ratings_text(spec));
  EXPECT_EQ(first, fnv1a(ratings_text(spec)));
  EXPECT_EQ(fnv1a(movies_text(spec)), fnv1a(movies_text(spec)));
  SyntheticSpec other = spec;
  other.seed = spec.seed + 1;
  EXPECT_NE(first, fnv1a(ratings_text(other)));
  EXPECT_NE(fnv1a(movies_text(spec)), fnv1a(movies_text(other)));
}

TEST(SyntheticData, TextIsExactlyTheInMemoryRatings) {
  for (SyntheticFormat format :
       {SyntheticFormat::kMovieLensCsv, SyntheticFormat::kMovieLensDat, SyntheticFormat::kMovieLens100k}) {
    const SyntheticSpec spec = small_spec(300, 250, 12000, 9, format);
    const std::vector<SyntheticRating> expected = generate_ratings(spec);
    const std::vector<SyntheticRating> parsed = parse_ratings(ratings_text(spec), format);
    ASSERT_EQ(parsed.size(), expected.size());
    for (size_t i = 0; i < parsed.size(); ++i) {
      ASSERT_EQ(parsed[i].user_id, expected[i].user_id) << i;
      ASSERT_EQ(parsed[i].movie_id, expected[i].movie_id) << i;
      ASSERT_EQ(parsed[i].rating, expected[i].rating) << i;
      ASSERT_EQ(parsed[i].timestamp, expected[i].timestamp) << i;
    }
  }
}

TEST(SyntheticData, RatingsAreInFileOrder) {
  const std::vector<SyntheticRating> ratings = generate_ratings(preset("demo"));
  for (size_t i = 1; i < ratings.size(); ++i) {
    const bool ordered = ratings[i - 1].user_id < ratings[i].user_id || (ratings[i - 1].user_id == ratings[i].user_id &&
                                                                         ratings[i - 1].movie_id < ratings[i].movie_id);
    ASSERT_TRUE(ordered) << i;
  }
}

// ---- values ----------------------------------------------------------------

TEST(SyntheticData, CsvRatingsAreHalfStarsAndDatRatingsWholeStars) {
  const SyntheticSpec csv = preset("demo");
  std::set<float> csv_values;
  for (const SyntheticRating& r : generate_ratings(csv)) {
    ASSERT_GE(r.rating, 0.5f);
    ASSERT_LE(r.rating, 5.0f);
    ASSERT_EQ(r.rating * 2, std::floor(r.rating * 2));
    ASSERT_GE(r.timestamp, csv.first_timestamp);
    ASSERT_LE(r.timestamp, csv.last_timestamp);
    csv_values.insert(r.rating);
  }
  EXPECT_EQ(csv_values.size(), 10u);  // every half star from 0.5 to 5 occurs
  for (const std::string& line : lines_of(ratings_text(csv))) {
    if (line[0] == 'u') continue;  // header
    const std::string value = split_on(line, ",")[2];
    ASSERT_TRUE(value.size() == 3 && value[1] == '.' && (value[2] == '0' || value[2] == '5')) << line;
  }
  const SyntheticSpec dat = small_spec(200, 300, 10000, 8, SyntheticFormat::kMovieLensDat);
  std::set<float> dat_values;
  for (const SyntheticRating& r : generate_ratings(dat)) dat_values.insert(r.rating);
  EXPECT_EQ(dat_values, (std::set<float>{1, 2, 3, 4, 5}));
}

TEST(SyntheticData, MovieIdsIncreaseWithGapsLikeMovieLens) {
  const SyntheticSpec spec = preset("ml-1m");
  const SyntheticTruth truth = generate_truth(spec);
  ASSERT_EQ(static_cast<int32_t>(truth.movie_ids.size()), spec.items);
  EXPECT_TRUE(std::is_sorted(truth.movie_ids.begin(), truth.movie_ids.end()));
  EXPECT_EQ(std::adjacent_find(truth.movie_ids.begin(), truth.movie_ids.end()), truth.movie_ids.end());
  EXPECT_GT(truth.movie_ids.back(), spec.items);  // gaps
  const SyntheticTruth dense = generate_truth(preset("ml-100k"));
  EXPECT_EQ(dense.movie_ids.back(), 1682);  // ml-100k ids are 1..1682
}

// ---- titles ----------------------------------------------------------------

TEST(SyntheticData, CsvMoviesRoundTripThroughAnRfc4180Reader) {
  const SyntheticSpec spec = preset("ml-latest-small");
  const std::vector<SyntheticMovie> movies = generate_movies(spec);
  const auto records = parse_csv(movies_text(spec));
  ASSERT_EQ(records.size(), movies.size() + 1);
  EXPECT_EQ(records[0], (std::vector<std::string>{"movieId", "title", "genres"}));
  int with_comma = 0, with_quote = 0;
  for (size_t i = 0; i < movies.size(); ++i) {
    const auto& record = records[i + 1];
    ASSERT_EQ(record.size(), 3u) << i;
    EXPECT_EQ(record[0], std::to_string(movies[i].movie_id));
    EXPECT_EQ(record[1], movies[i].title);
    EXPECT_EQ(record[2], genre_list(movies[i], spec.format));
    with_comma += movies[i].title.find(',') != std::string::npos;
    with_quote += movies[i].title.find('"') != std::string::npos;
  }
  EXPECT_GT(with_comma, 100);
  EXPECT_GT(with_quote, 100);
}

TEST(SyntheticData, DatMoviesSplitOnDoubleColons) {
  const SyntheticSpec spec = small_spec(100, 400, 5000, 10, SyntheticFormat::kMovieLensDat);
  const std::vector<SyntheticMovie> movies = generate_movies(spec);
  const std::vector<std::string> lines = lines_of(movies_text(spec));
  ASSERT_EQ(lines.size(), movies.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::vector<std::string> f = split_on(lines[i], "::");
    ASSERT_EQ(f.size(), 3u) << lines[i];
    EXPECT_EQ(f[1], movies[i].title);  // unescaped, quotes and commas as they are
  }
}

TEST(SyntheticData, TitlesAreUniqueWithAYearAndGenresLeadWithTheCluster) {
  const SyntheticSpec spec = preset("ml-25m");
  SyntheticSpec few_ratings = spec;  // titles do not depend on ratings; keep the test fast
  few_ratings.ratings = few_ratings.users * 20;
  const std::vector<SyntheticMovie> movies = generate_movies(few_ratings);
  ASSERT_EQ(static_cast<int32_t>(movies.size()), spec.items);
  std::unordered_set<std::string> titles;
  for (const SyntheticMovie& movie : movies) {
    ASSERT_TRUE(titles.insert(movie.title).second) << movie.title;
    const std::string year = " (" + std::to_string(movie.year) + ")";
    ASSERT_GE(movie.title.size(), year.size());
    EXPECT_EQ(movie.title.substr(movie.title.size() - year.size()), year);
    EXPECT_EQ(movie.title.find("::"), std::string::npos);
    EXPECT_EQ(movie.title.find('|'), std::string::npos);
    ASSERT_GE(movie.genres.size(), 1u);
    ASSERT_LE(movie.genres.size(), 3u);
  }
  const SyntheticTruth truth = generate_truth(few_ratings);
  for (size_t i = 0; i < movies.size(); i += 97) {
    const std::string first_genre =
        genre_list(movies[i], spec.format).substr(0, truth.cluster_genres[movies[i].cluster].size());
    EXPECT_EQ(first_genre, truth.cluster_genres[movies[i].cluster]);
    EXPECT_EQ(truth.cluster_of_movie(movies[i].movie_id), movies[i].cluster);
  }
}

TEST(SyntheticData, CsvFieldQuoting) {
  auto quoted = [](std::string_view field) {
    std::string out;
    append_csv_field(out, field);
    return out;
  };
  EXPECT_EQ(quoted("Plain Title (1999)"), "Plain Title (1999)");
  EXPECT_EQ(quoted("Harbor, The (1994)"), "\"Harbor, The (1994)\"");
  EXPECT_EQ(quoted("Ed \"Ace\" Pike (2001)"), "\"Ed \"\"Ace\"\" Pike (2001)\"");
  EXPECT_EQ(quoted("two\nlines"), "\"two\nlines\"");
}

// ---- taste structure -------------------------------------------------------

struct TasteShares {
  double mean_user_preferred_share = 0;  // of each user's ratings >= 3, share in preferred clusters
  double kept_share = 0;                 // ratings >= 3 over all ratings
};

TasteShares taste_shares(const SyntheticSpec& spec) {
  const SyntheticTruth truth = generate_truth(spec);
  std::vector<int64_t> liked(spec.users, 0), liked_in_preferred(spec.users, 0);
  int64_t total = 0, kept = 0;
  for (const SyntheticRating& r : generate_ratings(spec)) {
    ++total;
    if (r.rating < 3) continue;
    ++kept;
    const auto& clusters = truth.user_clusters[r.user_id - 1];
    ++liked[r.user_id - 1];
    liked_in_preferred[r.user_id - 1] +=
        std::count(clusters.begin(), clusters.end(), truth.cluster_of_movie(r.movie_id));
  }
  TasteShares shares;
  int32_t users_with_likes = 0;
  for (int32_t u = 0; u < spec.users; ++u) {
    if (liked[u] == 0) continue;
    ++users_with_likes;
    shares.mean_user_preferred_share += static_cast<double>(liked_in_preferred[u]) / liked[u];
  }
  shares.mean_user_preferred_share /= users_with_likes;
  shares.kept_share = static_cast<double>(kept) / total;
  return shares;
}

TEST(SyntheticData, LikedMoviesComeMostlyFromPreferredClusters) {
  for (const char* name : {"demo", "ml-100k", "ml-latest-small"}) {
    const TasteShares shares = taste_shares(preset(name));
    EXPECT_GT(shares.mean_user_preferred_share, 0.80) << name;
    EXPECT_GT(shares.kept_share, 0.75) << name;  // MovieLens keeps ~83% at >= 3
    EXPECT_LT(shares.kept_share, 0.92) << name;
  }
}

TEST(SyntheticData, EveryUserPrefersOneToThreeClusters) {
  const SyntheticTruth truth = generate_truth(preset("ml-1m"));
  std::vector<int> users_per_count(4, 0);
  for (const auto& clusters : truth.user_clusters) {
    ASSERT_GE(clusters.size(), 1u);
    ASSERT_LE(clusters.size(), 3u);
    ++users_per_count[clusters.size()];
  }
  EXPECT_GT(users_per_count[1], 0);
  EXPECT_GT(users_per_count[3], 0);
}

// Item-item cosine on liked (>= 3) ratings: a movie's nearest neighbours,
// what "similar movies" shows, should mostly share its cluster.
TEST(SyntheticData, DemoNearestNeighboursShareTheCluster) {
  const SyntheticSpec spec = preset("demo");
  const SyntheticTruth truth = generate_truth(spec);
  std::map<int32_t, int32_t> column;
  for (size_t i = 0; i < truth.movie_ids.size(); ++i) column[truth.movie_ids[i]] = static_cast<int32_t>(i);
  const size_t items = truth.movie_ids.size();
  std::vector<std::vector<int32_t>> liked_by_user(spec.users);
  for (const SyntheticRating& r : generate_ratings(spec))
    if (r.rating >= 3) liked_by_user[r.user_id - 1].push_back(column[r.movie_id]);
  std::vector<double> co(items * items, 0.0), norm(items, 0.0);
  for (const auto& liked : liked_by_user)
    for (int32_t a : liked) {
      norm[a] += 1;
      for (int32_t b : liked) co[a * items + b] += 1;
    }
  int64_t same = 0, total = 0;
  for (size_t a = 0; a < items; ++a) {
    std::vector<std::pair<double, size_t>> similar;
    for (size_t b = 0; b < items; ++b)
      if (b != a && norm[a] > 0 && norm[b] > 0)
        similar.emplace_back(co[a * items + b] / std::sqrt(norm[a] * norm[b]), b);
    const size_t top = std::min<size_t>(10, similar.size());
    std::partial_sort(similar.begin(), similar.begin() + top, similar.end(), std::greater<>());
    for (size_t k = 0; k < top; ++k, ++total) same += truth.movie_cluster[similar[k].second] == truth.movie_cluster[a];
  }
  EXPECT_GT(static_cast<double>(same) / total, 0.75);
}

TEST(SyntheticData, PopularityIsSkewedInsideClusters) {
  const SyntheticSpec spec = preset("ml-1m");
  std::map<int32_t, int64_t> per_movie;
  for (const SyntheticRating& r : generate_ratings(spec)) ++per_movie[r.movie_id];
  std::vector<int64_t> counts;
  for (const auto& [movie, n] : per_movie) counts.push_back(n);
  std::sort(counts.begin(), counts.end());
  EXPECT_GT(counts.back(), 10 * counts[counts.size() / 2]);  // blockbusters
}

// ---- files -----------------------------------------------------------------

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing " + path.string() + ">";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SyntheticData, WriteDatasetWritesTheStreamedTextAndAReadme) {
  const SyntheticSpec spec = small_spec(60, 90, 2000, 6, SyntheticFormat::kMovieLensDat);
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("als_synthetic_test_" + std::to_string(fnv1a(spec.name)));
  std::filesystem::remove_all(folder);
  write_synthetic_dataset(spec, (folder / "nested").string());
  EXPECT_EQ(read_file(folder / "nested" / "ratings.dat"), ratings_text(spec));
  EXPECT_EQ(read_file(folder / "nested" / "movies.dat"), movies_text(spec));
  const std::string readme = read_file(folder / "nested" / "README.txt");
  EXPECT_NE(readme.find("GENERATED"), std::string::npos);
  EXPECT_NE(readme.find("invented"), std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST(SyntheticData, CommittedDemoFilesAreWhatTheGeneratorWrites) {
  const std::filesystem::path demo =
      (std::filesystem::path(ALS_TEST_FIXTURES) / ".." / ".." / "public" / "demo").lexically_normal();
  const SyntheticSpec spec = preset("demo");
  EXPECT_TRUE(read_file(demo / "ratings.csv") == ratings_text(spec)) << "regenerate " << demo;
  EXPECT_TRUE(read_file(demo / "movies.csv") == movies_text(spec)) << "regenerate " << demo;
  const std::string readme = read_file(demo / "README.txt");
  EXPECT_NE(readme.find("GENERATED"), std::string::npos);
  EXPECT_NE(readme.find("invented"), std::string::npos);
}

}  // namespace
}  // namespace als
