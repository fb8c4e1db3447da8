// What loading a file found: how many lines, how many records were kept, and
// the first few malformed lines with their line numbers, so a user can fix them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/file_format.h"

namespace als {

struct ParseIssue {
  int64_t line = 0;     // 1-based line number in the file
  std::string reason;   // "expected 4 fields separated by '::', found 3"
  std::string excerpt;  // the start of the offending line, valid UTF-8
};

// Two spellings of one artist name that were read as one artist.
struct MergedName {
  std::string name;  // the spelling in this line
  std::string as;    // the spelling the artist was first seen under (its title)
};

struct FileReport {
  std::string file;  // the name the file was given under
  FileKind kind;     // detected format and role
  int64_t bytes = 0;
  int64_t lines = 0;                 // lines read, header included
  int64_t records = 0;               // lines that became a rating or a title
  int64_t skipped = 0;               // header, blank lines
  int64_t malformed = 0;             // lines rejected
  int64_t latin1_lines = 0;          // lines that were not UTF-8 and were read as latin-1
  std::vector<ParseIssue> examples;  // the first kMaxExamples malformed lines
  static constexpr size_t kMaxExamples = 5;
  // Last.fm artists without an MBID are keyed by their name folded (case,
  // spacing: io/title_key.h fold_name); spellings that differ only so are one
  // artist. How many other spellings were merged, and the first few.
  int64_t merged_names = 0;
  std::vector<MergedName> merged_examples;

  // Counts a malformed line and keeps it as an example while there are fewer
  // than kMaxExamples; `text` is the line, shortened to a UTF-8 excerpt.
  void add_issue(int64_t line, std::string reason, std::string_view text);
};

struct LoadReport {
  std::vector<FileReport> files;
  std::vector<std::string> warnings;  // data-set level: "no ratings file", "412 titles have no ratings"
  int64_t malformed() const;
};

// Thrown in strict mode at the first malformed line, and for unusable input.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::string file, int64_t line, std::string reason);
  const std::string& file() const { return file_; }
  int64_t line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  int64_t line_;
  std::string reason_;
};

}  // namespace als
