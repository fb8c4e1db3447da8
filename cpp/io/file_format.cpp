#include "io/file_format.h"

#include <string>

#include "io/content_sniffer.h"
#include "io/field_scanner.h"

namespace als {
namespace {

std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

FileKind make_kind(FileFormat format, FileRole role, char separator, std::string description) {
  FileKind kind;
  kind.format = format;
  kind.role = role;
  kind.separator = separator;
  kind.description = std::move(description);
  return kind;
}

FileKind ignored(std::string reason) {
  return make_kind(FileFormat::kIgnored, FileRole::kIgnored, ',', std::move(reason));
}

FileKind unknown(std::string reason) {
  return make_kind(FileFormat::kUnknown, FileRole::kUnknown, ',', std::move(reason));
}

// u1.base .. u5.test, ua.base, ub.test: the 100K train/test splits.
bool is_100k_split(std::string_view name) {
  if (name.size() != 7 || name[0] != 'u') return false;
  char which = name[1];
  bool known_split = (which >= '1' && which <= '5') || which == 'a' || which == 'b';
  return known_split && (name.substr(2) == ".base" || name.substr(2) == ".test");
}

std::optional<FileKind> ignored_kind_from_name(std::string_view path, const std::string& name) {
  if (path.find("__MACOSX/") != std::string_view::npos || starts_with(name, "._"))
    return ignored("macOS metadata (not needed)");
  if (name == ".ds_store" || name == "thumbs.db" || name == "desktop.ini")
    return ignored("folder metadata (not needed)");
  if (starts_with(name, "readme")) return ignored("documentation (not needed)");
  if (name == "tags.csv" || name == "tags.dat") return ignored("MovieLens tags (not needed)");
  if (name == "links.csv") return ignored("MovieLens links to IMDb and TMDb (not needed)");
  if (starts_with(name, "genome-") && ends_with(name, ".csv")) return ignored("MovieLens tag genome (not needed)");
  if (name == "checksums.txt") return ignored("MovieLens checksums (not needed)");
  if (name == "users.dat") return ignored("MovieLens 1M user demographics (not needed)");
  if (name == "u.user") return ignored("MovieLens 100K user demographics (not needed)");
  if (name == "u.genre" || name == "u.info" || name == "u.occupation")
    return ignored("MovieLens 100K metadata (not needed)");
  if (is_100k_split(name)) return ignored("MovieLens 100K train/test split (not needed: u.data holds all the ratings)");
  if (name == "allbut.pl" || name == "mku.sh") return ignored("MovieLens 100K script (not needed)");
  if (name == "usersha1-profile.tsv") return ignored("Last.fm user profiles (not needed)");
  if (name == "mbox_sha1sum.py") return ignored("Last.fm script (not needed)");
  return std::nullopt;
}

bool is_sha1(std::string_view text) {
  if (text.size() != 40) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

const char* separator_words(char separator) {
  switch (separator) {
    case '\t':
      return "tab separated";
    case ';':
      return "semicolon separated";
    default:
      return "comma separated";
  }
}

FileKind generic_kind(FileRole role, char separator, bool has_header) {
  std::string description = role == FileRole::kRatings ? "user,item,value ratings (" : "item,title list (";
  description += separator_words(separator);
  description += has_header ? ", with a header)" : ")";
  FileKind kind = make_kind(role == FileRole::kRatings ? FileFormat::kGenericRatings : FileFormat::kGenericTitles, role,
                            separator, std::move(description));
  kind.has_header = has_header;
  return kind;
}

// A number, or with ';' separators also a decimal comma ("4,5") as spreadsheets write it.
bool is_value(std::string_view text, char separator) {
  if (is_number(text)) return true;
  if (separator != ';') return false;
  std::string with_point(trim_spaces(text));
  size_t comma = with_point.find(',');
  if (comma == std::string::npos || with_point.find('.') != std::string::npos) return false;
  with_point[comma] = '.';
  return is_number(with_point);
}

// The layout of a text file whose name told nothing, from its first lines.
FileKind kind_from_content(const std::vector<std::string_view>& lines) {
  std::string_view line0 = lines[0];
  std::string_view f[25];
  if (line0.find("::") != std::string_view::npos) {
    size_t n = split_on_double_colon(line0, f, 5);
    if (n == 4 && is_digits(f[0]) && is_digits(f[1]))
      return make_kind(FileFormat::kMovieLensDatRatings, FileRole::kRatings, ':',
                       "MovieLens 1M/10M ratings (UserID::MovieID::Rating::Timestamp)");
    if (n == 3 && is_digits(f[0]))
      return make_kind(FileFormat::kMovieLensDatMovies, FileRole::kTitles, ':',
                       "MovieLens 1M/10M movies (MovieID::Title::Genres)");
  }
  if (split_on_char(line0, '|', f, 25) == 24 && is_digits(f[0]))
    return make_kind(FileFormat::kMovieLens100kItem, FileRole::kTitles, '|',
                     "MovieLens 100K movies (id|title|...|19 genre flags)");

  char separator = detect_separator(lines);
  if (separator == 0) return unknown("no columns found (expected values separated by tab, comma or semicolon)");
  std::string scratch0, scratch1;
  std::string_view f1[8];
  size_t n0 = sample_fields(line0, separator, f, 8, scratch0);
  size_t n1 = lines.size() > 1 ? sample_fields(lines[1], separator, f1, 8, scratch1) : 0;

  std::string header = lower_case(line0);
  if (header == "userid,movieid,rating,timestamp") {
    FileKind kind = make_kind(FileFormat::kMovieLensCsvRatings, FileRole::kRatings, ',',
                              "MovieLens ratings (userId,movieId,rating,timestamp)");
    kind.has_header = true;
    return kind;
  }
  if (header == "movieid,title,genres") {
    FileKind kind =
        make_kind(FileFormat::kMovieLensCsvMovies, FileRole::kTitles, ',', "MovieLens movies (movieId,title,genres)");
    kind.has_header = true;
    return kind;
  }
  if (separator == '\t' && n0 == 4 && is_sha1(f[0]) && is_digits(f[3]))
    return make_kind(FileFormat::kLastFmPlays, FileRole::kRatings, '\t',
                     "Last.fm 360K play counts (user \\t artist id \\t artist \\t plays)");
  if (separator == '\t' && n0 == 4 && is_digits(f[0]) && is_digits(f[1]) && is_digits(f[3]) && f[2].size() == 1 &&
      f[2][0] >= '1' && f[2][0] <= '5')
    return make_kind(FileFormat::kMovieLens100kData, FileRole::kRatings, '\t',
                     "MovieLens 100K ratings (user \\t item \\t rating \\t timestamp)");

  if (n0 >= 3 && is_value(f[2], separator)) return generic_kind(FileRole::kRatings, separator, false);
  if (n0 >= 3 && n1 >= 3 && is_value(f1[2], separator)) return generic_kind(FileRole::kRatings, separator, true);

  bool header0 = (looks_like_column_name(f[0]) && looks_like_column_name(f[1])) ||
                 (!is_number(f[0]) && n1 >= 2 && is_number(f1[0]));
  if (header0 && n1 < 2) return generic_kind(FileRole::kTitles, separator, true);
  std::string_view title = trim_spaces(header0 ? f1[1] : f[1]);
  if (!title.empty() && !is_number(title)) return generic_kind(FileRole::kTitles, separator, header0);
  return unknown("found " + std::to_string(n0) + " columns of numbers; expected user,item,value " +
                 "ratings or item,title names");
}

// ratings.csv and movies.csv are common names for one's own files too: when
// the first line does not have the MovieLens column count, read the content.
bool has_movielens_csv_layout(FileKind& kind, std::string_view line0) {
  std::string scratch;
  std::string_view f[5];
  size_t n = sample_fields(line0, ',', f, 5, scratch);
  if (kind.format == FileFormat::kMovieLensCsvRatings) {
    if (n != 4) return false;
    kind.has_header = !is_number(f[0]) || !is_number(f[1]) || !is_number(f[2]);
  } else {
    if (n != 3) return false;
    kind.has_header = !is_digits(f[0]);
  }
  return true;
}

}  // namespace

std::string_view file_base_name(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::optional<FileKind> kind_from_name(std::string_view file_name) {
  std::string name = lower_case(file_base_name(file_name));
  if (auto kind = ignored_kind_from_name(file_name, name)) return kind;
  if (name == "ratings.dat")
    return make_kind(FileFormat::kMovieLensDatRatings, FileRole::kRatings, ':',
                     "MovieLens 1M/10M ratings (ratings.dat)");
  if (name == "movies.dat")
    return make_kind(FileFormat::kMovieLensDatMovies, FileRole::kTitles, ':', "MovieLens 1M/10M movies (movies.dat)");
  if (name == "u.data")
    return make_kind(FileFormat::kMovieLens100kData, FileRole::kRatings, '\t', "MovieLens 100K ratings (u.data)");
  if (name == "u.item")
    return make_kind(FileFormat::kMovieLens100kItem, FileRole::kTitles, '|', "MovieLens 100K movies (u.item)");
  if (name == "ratings.csv") {
    FileKind kind =
        make_kind(FileFormat::kMovieLensCsvRatings, FileRole::kRatings, ',', "MovieLens ratings (ratings.csv)");
    kind.has_header = true;
    return kind;
  }
  if (name == "movies.csv") {
    FileKind kind = make_kind(FileFormat::kMovieLensCsvMovies, FileRole::kTitles, ',', "MovieLens movies (movies.csv)");
    kind.has_header = true;
    return kind;
  }
  if (name == "usersha1-artmbid-artname-plays.tsv")
    return make_kind(FileFormat::kLastFmPlays, FileRole::kRatings, '\t',
                     "Last.fm 360K play counts (usersha1-artmbid-artname-plays.tsv)");
  return std::nullopt;
}

FileKind detect_file_kind(std::string_view file_name, std::string_view head) {
  return detect_file_kind(file_name, head, false);
}

FileKind detect_file_kind(std::string_view file_name, std::string_view head, bool head_is_whole_file) {
  std::optional<FileKind> named = kind_from_name(file_name);
  if (named && named->role == FileRole::kIgnored) return *named;
  if (head.empty()) return unknown("empty file");
  if (is_utf16(head)) return unknown("UTF-16 text: save the file as UTF-8");
  if (const char* signature = binary_signature(head))
    return unknown(std::string("looks like binary data (") + signature + ")");
  if (looks_binary(head, !named.has_value())) return unknown("looks like binary data");
  std::vector<std::string_view> lines = sample_lines(head, head_is_whole_file);
  if (lines.empty()) return unknown("empty file (only blank lines)");
  if (!named) return kind_from_content(lines);

  bool csv = named->format == FileFormat::kMovieLensCsvRatings || named->format == FileFormat::kMovieLensCsvMovies;
  if (!csv || has_movielens_csv_layout(*named, lines[0])) return *named;
  FileKind kind = kind_from_content(lines);
  kind.description = std::string(file_base_name(file_name)) + " does not have the MovieLens columns; " +
                     (kind.role == FileRole::kUnknown ? "" : "read as ") + kind.description;
  return kind;
}

const char* format_name(FileFormat format) {
  switch (format) {
    case FileFormat::kUnknown:
      return "unknown";
    case FileFormat::kIgnored:
      return "ignored";
    case FileFormat::kMovieLensDatRatings:
      return "MovieLens ratings.dat";
    case FileFormat::kMovieLensDatMovies:
      return "MovieLens movies.dat";
    case FileFormat::kMovieLens100kData:
      return "MovieLens 100K u.data";
    case FileFormat::kMovieLens100kItem:
      return "MovieLens 100K u.item";
    case FileFormat::kMovieLensCsvRatings:
      return "MovieLens ratings.csv";
    case FileFormat::kMovieLensCsvMovies:
      return "MovieLens movies.csv";
    case FileFormat::kLastFmPlays:
      return "Last.fm plays";
    case FileFormat::kGenericRatings:
      return "user,item,value ratings";
    case FileFormat::kGenericTitles:
      return "item,title list";
  }
  return "unknown";
}

const char* role_name(FileRole role) {
  switch (role) {
    case FileRole::kUnknown:
      return "unknown";
    case FileRole::kIgnored:
      return "ignored";
    case FileRole::kRatings:
      return "ratings";
    case FileRole::kTitles:
      return "titles";
  }
  return "unknown";
}

std::string describe_data_set(FileFormat ratings_format) {
  switch (ratings_format) {
    case FileFormat::kMovieLensDatRatings:
      return "MovieLens 1M/10M";
    case FileFormat::kMovieLens100kData:
      return "MovieLens 100K";
    case FileFormat::kMovieLensCsvRatings:
      return "MovieLens (latest, 20M, 25M or 32M)";
    case FileFormat::kLastFmPlays:
      return "Last.fm 360K";
    case FileFormat::kGenericRatings:
      return "your own ratings";
    default:
      return "unknown data set";
  }
}

const char* id_space(FileFormat ratings_format) {
  switch (ratings_format) {
    case FileFormat::kMovieLensDatRatings:
    case FileFormat::kMovieLensCsvRatings:
      return "movielens";
    case FileFormat::kMovieLens100kData:
      return "ml-100k";
    case FileFormat::kLastFmPlays:
      return "musicbrainz";
    default:
      return "";
  }
}

double typical_bytes_per_line(FileFormat ratings_format) {
  switch (ratings_format) {
    case FileFormat::kMovieLensDatRatings:
      return 24;  // ml-1m 24.6, ml-10m 26.5, generated ml-1m 25.2
    case FileFormat::kMovieLensCsvRatings:
      return 24;  // ml-25m 27.1, ml-latest-small 24.6
    case FileFormat::kMovieLens100kData:
      return 19;  // u.data 19.8
    case FileFormat::kLastFmPlays:
      return 80;  // 87: two 36-40 character ids and a name
    default:
      return 12;  // "1,2,5.0": short lines, many of them
  }
}

}  // namespace als
