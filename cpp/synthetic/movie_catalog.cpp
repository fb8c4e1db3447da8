#include "synthetic/movie_catalog.h"

#include <algorithm>
#include <cmath>

#include "core/random.h"
#include "synthetic/genre_catalog.h"
#include "synthetic/title_generator.h"

namespace als {

namespace {

constexpr int32_t kFirstYear = 1920;

int32_t year_of(int64_t unix_seconds) { return static_cast<int32_t>(1970 + unix_seconds / 31556952); }

// Movie ids grow with release year, as in MovieLens, give or take a few
// years; more movies are recent (the share of movies grows linearly with the
// year). Integer square root of an exact double is bit-exact everywhere.
int32_t release_year(const SyntheticSpec& spec, int32_t item, SplitMix64& rng) {
  const int32_t last_year = std::max(kFirstYear, year_of(spec.last_timestamp));
  const int64_t span = last_year - kFirstYear;
  // Integer division on purpose: the generated data sets stay bit for bit what they were.
  const auto scaled = static_cast<double>(span * span * item / spec.items);  // NOLINT(bugprone-integer-division)
  const int32_t year = kFirstYear + static_cast<int32_t>(std::sqrt(scaled)) + static_cast<int32_t>(rng.below(7)) - 3;
  return std::clamp(year, kFirstYear, last_year);
}

// The cluster's genre, then 0-2 genres that often go with it.
std::vector<int32_t> movie_genres(int32_t cluster, SplitMix64& rng) {
  const GenreWords& genre = cluster_genre(cluster);
  const uint64_t r = rng.below(10);
  const size_t wanted = r < 4 ? 1 : (r < 8 ? 2 : 3);
  std::vector<int32_t> genres = {cluster_genre_index(cluster)};
  while (genres.size() < wanted) {
    const int32_t g = genre_index(genre.related[rng.below(genre.related.size())]);
    if (std::find(genres.begin(), genres.end(), g) == genres.end()) genres.push_back(g);
  }
  return genres;
}

}  // namespace

std::vector<SyntheticMovie> build_movie_catalog(const TasteModel& model) {
  const SyntheticSpec& spec = model.spec;
  SplitMix64 rng(stream_seed(spec.seed, SeedStream::kGenres));
  TitleGenerator titles(stream_seed(spec.seed, SeedStream::kTitles));
  std::vector<SyntheticMovie> movies(spec.items);
  for (int32_t item = 0; item < spec.items; ++item) {
    SyntheticMovie& movie = movies[item];
    movie.movie_id = model.movie_ids[item];
    movie.cluster = model.item_cluster[item];
    movie.year = release_year(spec, item, rng);
    movie.genres = movie_genres(movie.cluster, rng);
    movie.title = titles.make_title(movie.genres[0], movie.year);
  }
  return movies;
}

std::string genre_list(const SyntheticMovie& movie, SyntheticFormat format) {
  std::string list;
  for (int32_t g : movie.genres) {
    if (!list.empty()) list += '|';
    const GenreWords& genre = genre_catalog()[g];
    list += format == SyntheticFormat::kMovieLensCsv ? genre.name : genre.dat_name;
  }
  return list;
}

}  // namespace als
