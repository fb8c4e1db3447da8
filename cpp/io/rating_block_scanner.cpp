#include "io/rating_block_scanner.h"

#include <cmath>
#include <cstring>

#include "core/id_map.h"
#include "io/field_scanner.h"

namespace als {
namespace {

static_assert(kScannedIdLimit == IdMap::kDirectLimit, "scanned ids are the ones IdMap indexes directly");

constexpr double kMinStars = 0.5, kMaxStars = 5.0;  // as RecordParser

inline unsigned digit_at(const char* p) { return static_cast<unsigned>(*p - '0'); }

// A canonical id below kScannedIdLimit ("0", "17", not "017" or "+5"). The
// block ends in '\n', which is no digit, so the loops need no bounds checks.
inline bool read_id(const char*& p, uint32_t& id) {
  unsigned d = digit_at(p);
  if (d >= 10) return false;
  ++p;
  if (d == 0) {
    id = 0;
    return digit_at(p) >= 10;  // "0" alone; "07" is text to IdMap
  }
  uint32_t value = d;
  const char* start = p - 1;
  while ((d = digit_at(p)) < 10) {
    value = value * 10 + d;
    if (++p - start > 7) return false;  // IdMap reads at most 7 digits as a number
  }
  id = value;
  return value < kScannedIdLimit;
}

// ---- eight bytes at a time (SWAR: plain 64-bit integer arithmetic, as fast
// in WebAssembly as natively) ----
//
// Bytes are little-endian in the word: the first character is the lowest
// byte. Used only where the 64 bytes from the line's start lie in the block.

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kSwar = true;
#else
constexpr bool kSwar = false;
#endif
constexpr size_t kSwarReach = 64;  // bytes a line's word reads may touch, from its start

inline uint64_t load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

constexpr uint64_t kOnes = 0x0101010101010101ull;

// How many of the word's bytes, from the first, are ASCII digits (8: all).
inline int leading_digits(uint64_t word) {
  // Per byte, without carries between bytes: low7 + 0x50 >= 0x80 iff the byte is
  // >= '0', low7 + 0x46 >= 0x80 iff it is > '9'; bytes >= 0x80 are never digits.
  const uint64_t low7 = word & (0x7F * kOnes);
  const uint64_t digit = ~word & (low7 + 0x50 * kOnes) & ~(low7 + 0x46 * kOnes) & (0x80 * kOnes);
  const uint64_t other = ~digit & (0x80 * kOnes);
  return other == 0 ? 8 : __builtin_ctzll(other) / 8;
}

// The number written by the first n (1..8) bytes of the word, all digits:
// shifted so they end the word (zero bytes before them read as leading
// zeros), then combined pairwise (Lemire's eight-digit parse).
inline uint32_t digits_value(uint64_t word, int n) {
  const int shift = 8 * (8 - n);
  uint64_t v = (word << shift) - ((0x30 * kOnes) << shift);
  v = v * 10 + (v >> 8);  // byte k: 10 d_k + d_k+1
  v = (((v & 0x000000FF000000FFull) * 0x000F424000000064ull) +
       (((v >> 16) & 0x000000FF000000FFull) * 0x0000271000000001ull)) >>
      32;
  return static_cast<uint32_t>(v);
}

// A canonical small id read from one word; false for anything else (the
// scalar path then reads the line).
inline bool swar_id(const char*& p, uint32_t& id) {
  const uint64_t word = load8(p);
  const int n = leading_digits(word);
  if (n == 0 || n == 8) return false;
  if (n > 1 && (word & 0xFF) == '0') return false;  // "07" is text to IdMap
  id = digits_value(word, n);
  p += n;
  return id < kScannedIdLimit;
}

// tenths / 10 as the scalar scan computes it (double division, then float):
// IEEE division rounds the same at compile time as at run time.
constexpr float tenth(unsigned tenths) { return static_cast<float>(static_cast<double>(tenths) / 10.0); }
constexpr float kTenths[51] = {tenth(0),  tenth(1),  tenth(2),  tenth(3),  tenth(4),  tenth(5),  tenth(6),  tenth(7),
                               tenth(8),  tenth(9),  tenth(10), tenth(11), tenth(12), tenth(13), tenth(14), tenth(15),
                               tenth(16), tenth(17), tenth(18), tenth(19), tenth(20), tenth(21), tenth(22), tenth(23),
                               tenth(24), tenth(25), tenth(26), tenth(27), tenth(28), tenth(29), tenth(30), tenth(31),
                               tenth(32), tenth(33), tenth(34), tenth(35), tenth(36), tenth(37), tenth(38), tenth(39),
                               tenth(40), tenth(41), tenth(42), tenth(43), tenth(44), tenth(45), tenth(46), tenth(47),
                               tenth(48), tenth(49), tenth(50)};

struct SwarRating {
  uint32_t user, item;
  float value;
  bool integer, half_star;
};

// The common line in one go: small ids, a rating "4" or "4.5", a timestamp of
// at most 15 digits. Reads only bytes before line + kSwarReach. Returns the
// start of the next line, or nullptr to leave the line to the scalar scan
// (which reads every valid line, this one too, to the same values).
inline const char* swar_line(const char* p, char separator, SwarRating& out) {
  const size_t separator_bytes = separator == ':' ? 2 : 1;
  auto skip = [&](const char*& q) {
    if (q[0] != separator || (separator_bytes == 2 && q[1] != ':')) return false;
    q += separator_bytes;
    return true;
  };
  if (!swar_id(p, out.user) || !skip(p) || !swar_id(p, out.item) || !skip(p)) return nullptr;
  // The rating "a" or "a.b", checked to lie in 0.5..5 on its digits.
  const unsigned a = digit_at(p);
  if (a >= 10) return nullptr;
  if (p[1] == '.') {
    const unsigned b = digit_at(p + 2);
    const unsigned tenths = a * 10 + b;
    if (b >= 10 || tenths < 5 || tenths > 50) return nullptr;
    out.value = kTenths[tenths];
    out.integer = b == 0;
    out.half_star = b == 0 || b == 5;
    p += 3;
  } else {
    if (a < 1 || a > 5) return nullptr;
    out.value = static_cast<float>(a);
    out.integer = out.half_star = true;
    p += 1;
  }
  if (!skip(p)) return nullptr;
  int n = leading_digits(load8(p));  // the timestamp
  if (n == 0) return nullptr;
  if (n == 8) {
    const int more = leading_digits(load8(p + 8));
    if (more == 8) return nullptr;
    n += more;
  }
  p += n;
  if (*p == '\r') ++p;
  if (*p != '\n') return nullptr;
  return p + 1;
}

inline bool skip_separator(const char*& p, char separator) {
  if (*p != separator) return false;
  ++p;
  if (separator != ':') return true;
  if (*p != ':') return false;
  ++p;
  return true;
}

}  // namespace

void scan_rating_block(std::string_view block, const BlockScanOptions& options, ScannedBlock& out) {
  const char* p = block.data();
  const char* const end = p + block.size();
  const char separator = options.separator;
  bool integer_values = out.integer_values, half_star_values = out.half_star_values;
  bool first_is_other = options.first_line_is_other;
  out.lines.reserve(out.lines.size() + block.size() / 16 + 1);  // MovieLens lines are 20-30 bytes
  // Lines of the common shape are at most ~40 bytes: far below any real limit.
  // Eight-byte reads only for lines that start kSwarReach bytes or more before the end.
  const bool swar = kSwar && options.max_line_bytes >= kSwarReach && block.size() >= kSwarReach;
  const char* const swar_end = swar ? end - kSwarReach : block.data();
  while (p < end) {
    const char* const line = p;
    if (swar && !first_is_other && p <= swar_end) {
      SwarRating r;
      if (const char* next = swar_line(p, separator, r)) {
        integer_values &= r.integer;
        half_star_values &= r.half_star;
        out.lines.push_back(ScannedRating{r.user, r.item, r.value});
        p = next;
        continue;
      }
    }
    uint32_t user, item;
    if (!first_is_other && read_id(p, user) && skip_separator(p, separator) && read_id(p, item) &&
        skip_separator(p, separator)) {
      // The rating as RecordParser's scan reads it: digits[.digits], at most 9 characters.
      const char* const rating = p;
      uint32_t mantissa = 0;
      int fraction_digits = 0;
      unsigned d;
      while ((d = digit_at(p)) < 10) mantissa = mantissa * 10 + d, ++p;
      if (*p == '.')
        for (++p; (d = digit_at(p)) < 10; ++p, ++fraction_digits) mantissa = mantissa * 10 + d;
      const ptrdiff_t rating_length = p - rating;
      if (rating_length > 0 && rating_length <= 9 && skip_separator(p, separator) && digit_at(p) < 10) {
        while (digit_at(p) < 10) ++p;  // the timestamp
        const char* line_end = p;
        if (*p == '\r') ++p;
        const double value = static_cast<double>(mantissa) / detail::kPowersOfTen[fraction_digits];
        if (*p == '\n' && static_cast<size_t>(line_end - line) <= options.max_line_bytes && value >= kMinStars &&
            value <= kMaxStars) {
          const float v = static_cast<float>(value);
          if (half_star_values && v * 2 != std::floor(v * 2)) half_star_values = false;
          if (integer_values && v != std::floor(v)) integer_values = false;
          out.lines.push_back(ScannedRating{user, item, v});
          ++p;
          continue;
        }
      }
    }
    // Anything else, whole, for the reference path.
    const char* newline = static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
    if (newline == nullptr) newline = end;  // not a whole line: still the reference's
    std::string_view text(line, static_cast<size_t>(newline - line));
    out.lines.push_back(ScannedRating{ScannedRating::kOtherLine, static_cast<uint32_t>(out.other_lines.size()), 0});
    out.other_lines.push_back(text);
    if (first_is_other) {
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (text.size() <= options.max_line_bytes && !is_blank(text)) first_is_other = false;
    }
    p = newline + 1;
  }
  out.integer_values = integer_values;
  out.half_star_values = half_star_values;
  out.first_line_pending = first_is_other;
}

void resolve_known_ids(ScannedBlock& block, const IdMap& users, const IdMap& items) {
  uint32_t last_user = ScannedRating::kOtherLine, last_index = 0;
  auto as_index = [](int32_t index) { return static_cast<uint32_t>(index) | ScannedRating::kIndexBit; };
  for (ScannedRating& r : block.lines) {
    if (r.user == ScannedRating::kOtherLine) continue;
    if (r.user != last_user) {
      // Runs of one user: one lookup per run. An id not in the map stays a number.
      const int32_t index = users.find_number(r.user);
      last_user = r.user;
      last_index = index == IdMap::kMissing ? r.user : as_index(index);
    }
    r.user = last_index;
    const int32_t item = items.find_number(r.item);
    if (item != IdMap::kMissing) r.item = as_index(item);
  }
}

}  // namespace als
