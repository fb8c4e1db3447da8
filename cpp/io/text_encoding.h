// Text arrives in whatever encoding its data set used: MovieLens 1M and 100K
// titles are latin-1, newer files UTF-8. Everything the engine keeps is UTF-8,
// so a line that is not valid UTF-8 is read as latin-1 instead (every byte is
// one character, so that reading never fails).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace als {

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Appends `text`, read as latin-1, to `out` as UTF-8. Bytes 0x80-0x9F are read
// as windows-1252 (curly quotes, euro sign), as browsers do for "latin-1".
void append_latin1_as_utf8(std::string_view text, std::string& out);
std::string latin1_to_utf8(std::string_view text);

// The text itself when it is valid UTF-8; otherwise its latin-1 reading, built
// in `scratch`. `was_latin1` says which.
std::string_view as_utf8(std::string_view text, std::string& scratch, bool& was_latin1);

// A short excerpt for error reports: valid UTF-8, at most `max_bytes` bytes of
// the text (then "…"), tabs shown as "\t" and other control bytes as '?'.
std::string printable_excerpt(std::string_view text, size_t max_bytes = 80);

}  // namespace als
