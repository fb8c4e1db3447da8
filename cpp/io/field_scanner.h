// Hand-rolled field splitting and number parsing for the hot loop: no locale,
// no allocation, no exceptions. Simple decimals ("3.5", "1147880044") are
// parsed exactly in place; rarer forms ("1e3") go to a checked strtod fallback.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace als {

enum class NumberStatus { kOk, kEmpty, kNotNumber, kNotFinite };

namespace detail {
NumberStatus parse_number_slow(std::string_view text, double& out);
inline constexpr double kPowersOfTen[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
}  // namespace detail

// A decimal number: [+-]digits[.digits] or with an exponent. NaN and infinity
// (and overflow to infinity) are kNotFinite; anything else (spaces, hex, "1,5") kNotNumber.
inline NumberStatus parse_number(std::string_view text, double& out) {
  const char* p = text.data();
  const char* end = p + text.size();
  if (p == end) return NumberStatus::kEmpty;
  bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  uint64_t mantissa = 0;
  int digits = 0, fraction_digits = 0;
  for (; p < end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits)
    mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
  if (p < end && *p == '.') {
    for (++p; p < end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits, ++fraction_digits)
      mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
  }
  // Up to 15 digits the mantissa and the power of ten are exact doubles, so one
  // division gives the correctly rounded value.
  if (p == end && digits > 0 && digits <= 15) {
    double value = static_cast<double>(mantissa) / detail::kPowersOfTen[fraction_digits];
    out = negative ? -value : value;
    return NumberStatus::kOk;
  }
  return detail::parse_number_slow(text, out);
}

// Digits only (no sign, no spaces): MovieLens ids and timestamps.
inline bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (static_cast<unsigned>(c - '0') >= 10) return false;
  return true;
}

// A whole number in digits only, at most 18 of them (so it cannot overflow).
inline bool parse_digits(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  int64_t value = 0;
  for (char c : text) {
    unsigned digit = static_cast<unsigned>(c - '0');
    if (digit >= 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

inline std::string_view trim_spaces(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return text.substr(begin, end - begin);
}

inline bool is_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

// Splits on a one-byte separator. Stores at most max_fields views and returns
// how many fields the line has in all (so "found 5" can be reported).
inline size_t split_on_char(std::string_view line, char separator, std::string_view* fields, size_t max_fields) {
  size_t count = 0;
  size_t start = 0;
  const char* p = line.data();
  for (size_t i = 0; i < line.size(); ++i) {
    if (p[i] == separator) {
      if (count < max_fields) fields[count] = line.substr(start, i - start);
      ++count;
      start = i + 1;
    }
  }
  if (count < max_fields) fields[count] = line.substr(start);
  return count + 1;
}

// Splits on the two-byte "::" of MovieLens .dat files, left to right.
inline size_t split_on_double_colon(std::string_view line, std::string_view* fields, size_t max_fields) {
  size_t count = 0;
  size_t start = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    if (line[i] == ':' && line[i + 1] == ':') {
      if (count < max_fields) fields[count] = line.substr(start, i - start);
      ++count;
      start = i + 2;
      ++i;
    }
  }
  if (count < max_fields) fields[count] = line.substr(start);
  return count + 1;
}

// RFC 4180 fields: a field that starts with '"' runs to the closing quote, may
// hold separators, and writes a quote as "". Quotes inside an unquoted field
// are kept as they are. Escaped fields are unescaped into `scratch`, so views
// stay valid until `scratch` is next used.
struct QuotedSplit {
  size_t count = 0;             // fields in the line
  const char* error = nullptr;  // "unterminated quoted field", ...; nullptr when fine
  size_t error_field = 0;       // 1-based field the error is in
};
QuotedSplit split_quoted(std::string_view line, char separator, std::string_view* fields, size_t max_fields,
                         std::string& scratch);

// How a separator is named in messages: "','", "tab", "'::'".
const char* separator_name(char separator);

}  // namespace als
