// Looks at the first bytes of a file to tell what it holds: binary data (and
// which kind, for a helpful message), the first few text lines, the column
// separator, and whether a field reads like a column title.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace als {

// The first non-blank lines of `head` (byte order mark and "\r" removed).
// Unless the head is the whole file, its last line may be cut, so it is used
// only when it is the only line.
std::vector<std::string_view> sample_lines(std::string_view head, bool head_is_whole_file, size_t max_lines = 20);

// "PNG image", "ZIP archive", ... from the magic bytes; nullptr when none matches.
const char* binary_signature(std::string_view head);
// True when the bytes are not text: many control bytes, or (when asked) any
// NUL byte. A file known by name may hold a stray NUL and still be text.
bool looks_binary(std::string_view head, bool any_nul_is_binary);
// True for text that starts with a UTF-16 byte order mark.
bool is_utf16(std::string_view head);

// The separator among tab, ',' and ';' that splits the first line into >= 2
// fields (quotes respected) and most lines into as many. Tab wins, then the
// one more lines agree on, then the one with more fields. 0 when none fits.
char detect_separator(const std::vector<std::string_view>& lines);

// Quote-aware fields of one line (at most max_fields kept); returns the count.
// Views of escaped fields point into `scratch`.
size_t sample_fields(std::string_view line, char separator, std::string_view* fields, size_t max_fields,
                     std::string& scratch);

// A column title such as "userId", "movie_id", "rating", "Title".
bool looks_like_column_name(std::string_view field);
// True when the text is a finite decimal number.
bool is_number(std::string_view text);

}  // namespace als
