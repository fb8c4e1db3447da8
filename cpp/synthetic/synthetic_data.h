// Deterministic synthetic MovieLens-format data with real taste structure:
// movies fall into genre clusters, users prefer 1-3 clusters and rate mostly
// (and higher) inside them, with blockbusters inside every cluster. Exact
// counts: the output has exactly spec.users users, spec.items movies and
// spec.ratings rating lines, no duplicate (user, movie) pair. Same spec and
// seed -> byte-identical output on every compiler and in WebAssembly.
//
// Memory: O(users + items) while streaming text (one user's ratings at a
// time); generate_ratings() holds all ratings by design.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "synthetic/movie_catalog.h"
#include "synthetic/movielens_text.h"
#include "synthetic/synthetic_spec.h"
#include "synthetic/user_ratings.h"

namespace als {

// The hidden structure, for tests of the recommender.
struct SyntheticTruth {
  std::vector<int32_t> movie_ids;                   // ascending
  std::vector<int32_t> movie_cluster;               // parallel to movie_ids
  std::vector<std::vector<int32_t>> user_clusters;  // preferred clusters, by user id - 1
  std::vector<std::string> cluster_genres;          // cluster -> genre name ("Sci-Fi")

  int32_t cluster_of_movie(int32_t movie_id) const;  // -1 when unknown
};

// Every rating, in file order (by user id, then movie id); exactly the lines
// the ratings writer prints.
std::vector<SyntheticRating> generate_ratings(const SyntheticSpec& spec);
// The same, one user at a time (ratings sorted by movie id), in user id order.
void for_each_user_ratings(const SyntheticSpec& spec,
                           const std::function<void(const std::vector<SyntheticRating>&)>& visit);
std::vector<SyntheticMovie> generate_movies(const SyntheticSpec& spec);
SyntheticTruth generate_truth(const SyntheticSpec& spec);

// Streams the ratings / movies file text (with header where the format has one).
void write_synthetic_ratings(const SyntheticSpec& spec, const TextSink& sink);
void write_synthetic_movies(const SyntheticSpec& spec, const TextSink& sink);
// README.txt text: what the files are, that titles are invented, the counts.
std::string synthetic_readme(const SyntheticSpec& spec);

// Creates the folder if needed and writes the ratings file, the movies file
// (names from the format) and README.txt. Throws std::runtime_error on I/O errors.
void write_synthetic_dataset(const SyntheticSpec& spec, const std::string& folder);

}  // namespace als
