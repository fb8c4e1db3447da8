// The genres that name the taste clusters (real MovieLens genre names), how
// large each genre's cluster is relative to the others, and the words its
// fictional titles are built from.
#pragma once

#include <cstdint>
#include <vector>

namespace als {

struct GenreWords {
  const char* name;      // MovieLens csv name: "Sci-Fi", "Children"
  const char* dat_name;  // MovieLens 1M/100K spelling: "Children's"
  int32_t size_weight;   // relative cluster size (Drama and Comedy are big, Western small)
  std::vector<const char*> adjectives;
  std::vector<const char*> nouns;    // singular, capitalised
  std::vector<const char*> related;  // genres a movie of this genre may also list
};

// Ordered so the first clusters are the most distinct genres (a 12-cluster
// demo gets Sci-Fi, Romance, Horror, Animation, Western, Documentary, ...).
const std::vector<GenreWords>& genre_catalog();

// The genre of a cluster; clusters beyond the catalog reuse names cyclically.
const GenreWords& cluster_genre(int32_t cluster);
int32_t cluster_genre_index(int32_t cluster);
// Index of a genre by its csv name, -1 when unknown.
int32_t genre_index(const char* name);

// Words shared by every genre: invented people and places, nicknames.
const std::vector<const char*>& invented_first_names();
const std::vector<const char*>& invented_surnames();
const std::vector<const char*>& invented_places();
const std::vector<const char*>& nicknames();

}  // namespace als
