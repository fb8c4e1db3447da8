#include "io/text_encoding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace als {
namespace {

bool all_ascii(const unsigned char* p, size_t n) {
  uint64_t bits = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    bits |= word;
  }
  for (; i < n; ++i) bits |= p[i];
  return (bits & 0x8080808080808080ULL) == 0;
}

// Length of the valid UTF-8 sequence starting at p[0] (a non-ASCII byte), or 0.
size_t utf8_sequence_length(const unsigned char* p, size_t available) {
  unsigned char c = p[0];
  size_t length;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) min_second = 0xA0;  // overlong
    if (c == 0xED) max_second = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) min_second = 0x90;  // overlong
    if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length) return 0;
  if (p[1] < min_second || p[1] > max_second) return 0;
  for (size_t k = 2; k < length; ++k)
    if ((p[k] & 0xC0) != 0x80) return 0;
  return length;
}

// windows-1252 code points of bytes 0x80-0x9F; the five undefined bytes keep
// their latin-1 (C1 control) value, as the WHATWG encoding standard says.
constexpr uint16_t kWindows1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                           0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                           0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                           0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_code_point(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII a word at a time: most lines are pure ASCII.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t length = utf8_sequence_length(p + i, n - i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void append_latin1_as_utf8(std::string_view text, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  if (all_ascii(p, text.size())) {
    out.append(text);
    return;
  }
  out.reserve(out.size() + text.size() * 2);
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = p[i];
    if (c >= 0x80 && c <= 0x9F) {
      append_code_point(kWindows1252High[c - 0x80], out);
    } else {
      append_code_point(c, out);
    }
  }
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  append_latin1_as_utf8(text, out);
  return out;
}

std::string_view as_utf8(std::string_view text, std::string& scratch, bool& was_latin1) {
  was_latin1 = !is_valid_utf8(text);
  if (!was_latin1) return text;
  scratch.clear();
  append_latin1_as_utf8(text, scratch);
  return scratch;
}

std::string printable_excerpt(std::string_view text, size_t max_bytes) {
  // Decode at most a bounded prefix, cut at a character boundary, so excerpts
  // of megabyte lines stay cheap and a cut character does not look like latin-1.
  size_t cut = std::min(text.size(), max_bytes + 8);
  for (int back = 0; back < 3 && cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80;
       ++back)
    --cut;
  std::string_view head = text.substr(0, cut);
  std::string scratch;
  bool was_latin1 = false;
  std::string_view utf8 = as_utf8(head, scratch, was_latin1);
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  size_t i = 0;
  bool truncated = false;
  while (i < utf8.size()) {
    size_t length = p[i] < 0x80 ? 1 : utf8_sequence_length(p + i, utf8.size() - i);
    if (length == 0) length = 1;  // cannot happen: `utf8` is valid; stay safe anyway
    std::string_view piece = utf8.substr(i, length);
    if (p[i] == '\t')
      piece = "\\t";
    else if (p[i] < 0x20 || p[i] == 0x7F || (length == 1 && p[i] >= 0x80))
      piece = "?";
    else if (length == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)
      piece = "?";  // C1 controls
    if (out.size() + piece.size() > max_bytes) {
      truncated = true;
      break;
    }
    out.append(piece);
    i += length;
  }
  if (truncated || i < utf8.size() || head.size() < text.size()) out.append("\xE2\x80\xA6");
  return out;
}

}  // namespace als
