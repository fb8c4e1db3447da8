// Recognises the data files a user may drop in, from the file name and the
// first bytes. Known names win (ratings.dat, u.data, movies.csv, ...); files of
// known data sets that the engine does not need (tags.csv, u1.base, README)
// are ignored; unknown names are read as generic `user,item,value` files when
// their content looks like one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace als {

enum class FileFormat {
  kUnknown,
  kIgnored,              // belongs to a known data set, not needed (tags.csv, u.user, ...)
  kMovieLensDatRatings,  // ml-1m/10m ratings.dat   UserID::MovieID::Rating::Timestamp
  kMovieLensDatMovies,   // ml-1m/10m movies.dat    MovieID::Title::Genres (latin-1 in 1M)
  kMovieLens100kData,    // ml-100k u.data          user \t item \t rating \t timestamp
  kMovieLens100kItem,    // ml-100k u.item          id|title|date|video date|url|19 genre flags
  kMovieLensCsvRatings,  // ml-latest/20m/25m/32m   userId,movieId,rating,timestamp
  kMovieLensCsvMovies,   // ml-latest/20m/25m/32m   movieId,title,genres (quoted CSV)
  kLastFmPlays,          // Last.fm 360K            user-mbid \t artist-mbid \t artist-name \t plays
  kGenericRatings,       // user,item,value (CSV or TSV, header optional)
  kGenericTitles,        // item,title (CSV or TSV, header optional)
};

enum class FileRole { kUnknown, kIgnored, kRatings, kTitles };

struct FileKind {
  FileFormat format = FileFormat::kUnknown;
  FileRole role = FileRole::kUnknown;
  char separator = ',';     // field separator for single-char formats ("::" uses ':')
  bool has_header = false;  // the first line is a header to skip
  std::string description;  // "MovieLens 1M/10M ratings (ratings.dat)"; why, for unknown/ignored
};

// head: the first bytes of the file (up to a few KB is plenty; may be empty).
FileKind detect_file_kind(std::string_view file_name, std::string_view head);
// Same, saying whether `head` is the whole file: if not, its last line may be
// cut and is not looked at (unless it is the only one).
FileKind detect_file_kind(std::string_view file_name, std::string_view head, bool head_is_whole_file);

// The kind a known file name implies (ratings.dat, tags.csv, u1.base, ...),
// before looking at the content; nullopt for names the engine does not know.
std::optional<FileKind> kind_from_name(std::string_view file_name);

// "ratings.dat" from "ml-1m/ratings.dat" (either slash).
std::string_view file_base_name(std::string_view path);

const char* format_name(FileFormat format);
const char* role_name(FileRole role);

// The data set a group of file names comes from ("MovieLens 1M", "Last.fm 360K", ...), for display.
std::string describe_data_set(FileFormat ratings_format);

// Whose ids a data set's items carry, so that an item can be found again by
// id in another data set of the same id space: "movielens" (1M, 10M, 20M, 25M,
// 32M and latest share movieIds), "ml-100k" (its own), "musicbrainz" (Last.fm
// artist MBIDs; an artist without one is keyed "name:..."), "" (a file's own
// ids, which say nothing outside it).
const char* id_space(FileFormat ratings_format);

// Typical bytes per ratings line of a format, measured on the real files and
// rounded down (fewer bytes per line = more lines = a higher estimate):
// ml-1m ratings.dat 24.6, ml-10m 26.5; ml-25m ratings.csv 27.1, ml-latest-small
// 24.6; ml-100k u.data 19.8; Last.fm 360K ~87. Generic files: 12 ("1,2,5.0").
// Not much lower on purpose: the memory estimates count the ratings vector as
// grown by doubling, and the loader reserves it from this count when it knows
// a file's size (DatasetLoader::expect_file_bytes).
double typical_bytes_per_line(FileFormat ratings_format);

}  // namespace als
