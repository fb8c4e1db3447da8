#include "synthetic/title_generator.h"

#include <vector>

#include "synthetic/genre_catalog.h"

namespace als {

namespace {

const char* pick(SplitMix64& rng, const std::vector<const char*>& words) { return words[rng.below(words.size())]; }

// "The Quiet Harbor" -> "Quiet Harbor, The", as MovieLens files write it.
std::string move_article_to_end(const std::string& words) { return words.substr(4) + ", The"; }

}  // namespace

std::string TitleGenerator::compose_words(int32_t genre_index) {
  const GenreWords& genre = genre_catalog()[genre_index];
  const std::string adj = pick(rng_, genre.adjectives);
  const std::string noun = pick(rng_, genre.nouns);
  const std::string first = pick(rng_, invented_first_names());
  const std::string surname = pick(rng_, invented_surnames());
  const std::string place = pick(rng_, invented_places());
  const uint64_t pattern = rng_.below(100);
  if (pattern < 16) return "The " + adj + " " + noun;
  if (pattern < 26) return adj + " " + noun;
  if (pattern < 38) return "The " + noun + " of " + place;
  if (pattern < 48) return first + " " + surname + "'s " + noun;
  if (pattern < 58) return "The " + surname + " " + noun;
  if (pattern < 66) return adj + " " + noun + " in " + place;
  if (pattern < 74) return first + " and the " + adj + " " + noun;
  if (pattern < 82) return place + " " + noun;
  if (pattern < 88) return adj + " " + noun + ": The " + first + " " + surname + " Story";
  if (pattern < 94) return first + " \"" + pick(rng_, nicknames()) + "\" " + surname;
  if (pattern < 97) return "\"" + adj + " " + noun + "\" Live at " + place;
  return noun + ", " + place;
}

std::string TitleGenerator::with_year(const std::string& words, int32_t year) {
  return words + " (" + std::to_string(year) + ")";
}

std::string TitleGenerator::make_title(int32_t genre_index, int32_t year) {
  constexpr int kAttempts = 12;
  std::string words;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    words = compose_words(genre_index);
    if (words.compare(0, 4, "The ") == 0 && rng_.below(2) == 0) words = move_article_to_end(words);
    std::string title = with_year(words, year);
    if (used_.insert(title).second) return title;
  }
  // Every short combination is taken: number the sequels until one is free.
  for (int sequel = 2;; ++sequel) {
    std::string title = with_year(words + " " + std::to_string(sequel), year);
    if (used_.insert(title).second) return title;
  }
}

}  // namespace als
