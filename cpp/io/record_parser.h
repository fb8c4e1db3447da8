// Reads one line of a data file according to its format: a rating, a title,
// a line to skip (blank, header), or a malformed line with a reason that says
// what is wrong ("rating 'abc' is not a number"). Pure: it stores nothing, so
// the loader decides what to keep and fuzzers can drive it directly.
#pragma once

#include <string>
#include <string_view>

#include "io/file_format.h"

namespace als {

struct ParsedLine {
  enum class Kind { kRating, kTitle, kSkipped, kMalformed };
  Kind kind = Kind::kSkipped;
  std::string_view user;    // ratings
  std::string_view item;    // ratings and titles: the item's external id
  float value = 0;          // ratings
  std::string_view title;   // titles, and the artist name of Last.fm ratings (UTF-8)
  std::string_view genres;  // titles: "Action|Comedy" or ""
  bool latin1 = false;      // the line was not UTF-8 and was read as latin-1
  std::string reason;       // kMalformed: what is wrong
};

class RecordParser {
 public:
  explicit RecordParser(const FileKind& kind);

  // `line` comes without its line terminator. Views in `out` point into `line`
  // or into this parser, valid until the next call.
  void parse(std::string_view line, ParsedLine& out);

  const FileKind& kind() const { return kind_; }
  // The separator of the MovieLens rating layouts (':' for "::"), 0 for other formats.
  char movielens_separator() const { return rating_separator_; }
  // Whether the first line (a possible header) was parsed yet.
  bool seen_first_line() const { return seen_first_line_; }

 private:
  bool parse_record(std::string_view line, ParsedLine& out);
  bool parse_movielens_rating(std::string_view line, ParsedLine& out);
  bool parse_movielens_dat_movie(std::string_view line, ParsedLine& out);
  bool parse_movielens_100k_item(std::string_view line, ParsedLine& out);
  bool parse_movielens_csv_movie(std::string_view line, ParsedLine& out);
  bool parse_lastfm_plays(std::string_view line, ParsedLine& out);
  bool parse_generic_rating(std::string_view line, ParsedLine& out);
  bool parse_generic_title(std::string_view line, ParsedLine& out);
  bool looks_like_header(std::string_view line);
  std::string_view to_utf8(std::string_view line, ParsedLine& out);

  FileKind kind_;
  char rating_separator_;  // of the MovieLens rating layouts, 0 for the others
  bool seen_first_line_ = false;
  std::string header_;     // the header line, to spot it again mid-file
  std::string utf8_;       // a latin-1 line, converted
  std::string unescaped_;  // quoted CSV fields with "" escapes
  std::string key_;        // Last.fm "name:<artist>" keys
  std::string genres_;     // u.item genres built from flags
  std::string number_;     // a decimal comma turned into a point
};

}  // namespace als
