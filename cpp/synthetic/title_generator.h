// Invented movie titles with a year, "The Quiet Harbor (1994)", built from a
// genre's word list plus made-up people and places. Some carry a comma
// ("Quiet Harbor, The (1994)", the MovieLens convention) or double quotes
// (Tamsin "Lucky" Vantly), so writers must escape them. Titles are unique per
// generator; sequence in = sequence out for the same seed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>

#include "core/random.h"

namespace als {

class TitleGenerator {
 public:
  explicit TitleGenerator(uint64_t seed) : rng_(seed) {}

  // A title not returned before by this generator, for a movie of the genre
  // (index into genre_catalog()) released in the year.
  std::string make_title(int32_t genre_index, int32_t year);

 private:
  std::string compose_words(int32_t genre_index);
  static std::string with_year(const std::string& words, int32_t year);

  SplitMix64 rng_;
  std::unordered_set<std::string> used_;
};

}  // namespace als
