// Keys that tell whether two titles name the same movie (or artist) in two
// data sets that number their items differently: MovieLens 100K has its own
// movie ids and writes "Star Wars (1977)", MovieLens latest writes "Star Wars:
// Episode IV - A New Hope (1977)" under another id. Favorites picked on one
// data set are found again in the other by these keys (web/src/app/favorites.js).
//
// A key is "<words>|<year>": the title folded (case, accents, punctuation,
// "&" = "and", a leading or trailing article dropped) and the year from the
// trailing "(1995)", or nothing after '|' when the title has none. A title
// gives its main key first, then alternative keys:
//   - each trailing parenthesised alternative title: "Seven (a.k.a. Se7en)
//     (1995)" -> "seven|1995", "se7en|1995"; "City of Lost Children, The (Cité
//     des enfants perdus, La) (1995)" -> "city of lost children|1995", ...
//   - the parts before and after a colon: "Star Wars: Episode IV - A New Hope
//     (1977)" -> "star wars episode iv a new hope|1977", "star wars|1977",
//     "new hope|1977" (an "Episode N - " prefix is dropped as well);
//   - a title with a foreign article at either end, with the article in front
//     and without it: "Haine, La" = "La Haine" -> "haine", "la haine".
// The articles are those MovieLens moves to the end ("Misérables, Les",
// "Boot, Das", "Postino, Il", "Enfant, L'").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace als {

// Main key first, then the alternatives (no duplicates). Empty for a title
// without letters or digits.
std::vector<std::string> title_keys(std::string_view title);

// Keys of an artist name (no year, no alternative titles): "The Beatles" ->
// "beatles|", "the beatles|".
std::vector<std::string> artist_keys(std::string_view name);

// Lowercase (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic) with runs of
// spaces made one and the ends trimmed; accents and punctuation are kept.
// Two Last.fm artist names without an id that give the same folded name are
// one artist ("Die Ärzte" = "die  ärzte").
std::string fold_name(std::string_view name);

}  // namespace als
