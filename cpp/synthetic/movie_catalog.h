// The movies file side of a synthetic data set: an invented title and year
// per movie and 1-3 genres, the movie's cluster genre first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synthetic/synthetic_spec.h"
#include "synthetic/taste_model.h"

namespace als {

struct SyntheticMovie {
  int32_t movie_id = 0;
  std::string title;            // "Quiet Harbor, The (1994)": unique, fictional
  std::vector<int32_t> genres;  // indices into genre_catalog(); genres[0] = the cluster's genre
  int32_t year = 0;
  int32_t cluster = 0;
};

// One entry per item, in movie id order.
std::vector<SyntheticMovie> build_movie_catalog(const TasteModel& model);

// "Sci-Fi|Action" with the spelling of the format ("Children's" in dat / 100K).
std::string genre_list(const SyntheticMovie& movie, SyntheticFormat format);

}  // namespace als
