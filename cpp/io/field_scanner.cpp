#include "io/field_scanner.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace als {
namespace detail {
namespace {

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool names_non_finite(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  return equals_ignoring_case(text, "nan") || equals_ignoring_case(text, "inf") ||
         equals_ignoring_case(text, "infinity");
}

// [+-] digits [. digits] [eE [+-] digits], with at least one mantissa digit.
bool is_decimal_syntax(std::string_view text) {
  size_t i = 0, n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  size_t mantissa_digits = 0;
  while (i < n && static_cast<unsigned>(text[i] - '0') < 10) ++i, ++mantissa_digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && static_cast<unsigned>(text[i] - '0') < 10) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent_digits = 0;
    while (i < n && static_cast<unsigned>(text[i] - '0') < 10) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == n;
}

}  // namespace

NumberStatus parse_number_slow(std::string_view text, double& out) {
  if (text.empty()) return NumberStatus::kEmpty;
  if (names_non_finite(text)) return NumberStatus::kNotFinite;
  // The syntax check keeps strtod away from hex, "nan(...)", spaces and locale forms.
  if (!is_decimal_syntax(text)) return NumberStatus::kNotNumber;
  std::string copy(text);  // strtod needs a terminating NUL; this path is rare
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return NumberStatus::kNotNumber;
  if (!std::isfinite(value)) return NumberStatus::kNotFinite;
  out = value;
  return NumberStatus::kOk;
}

}  // namespace detail

QuotedSplit split_quoted(std::string_view line, char separator, std::string_view* fields, size_t max_fields,
                         std::string& scratch) {
  QuotedSplit result;
  if (std::memchr(line.data(), '"', line.size()) == nullptr) {
    result.count = split_on_char(line, separator, fields, max_fields);
    return result;
  }
  // Unescaped text is never longer than the line: reserving now keeps the
  // views into `scratch` valid while it grows.
  scratch.clear();
  scratch.reserve(line.size());
  size_t i = 0, n = line.size();
  while (true) {
    std::string_view field;
    if (i < n && line[i] == '"') {
      size_t start = ++i;
      bool escaped = false;
      size_t scratch_start = scratch.size();
      while (true) {
        if (i >= n) {
          result.error = "unterminated quoted field";
          result.error_field = result.count + 1;
          field = line.substr(start);
          break;
        }
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') {
            if (!escaped) scratch.append(line.data() + start, i - start);
            escaped = true;
            scratch.push_back('"');
            i += 2;
            continue;
          }
          field = line.substr(start, i - start);
          ++i;
          break;
        }
        if (escaped) scratch.push_back(line[i]);
        ++i;
      }
      if (escaped) field = std::string_view(scratch).substr(scratch_start);
      if (result.error == nullptr && i < n && line[i] != separator) {
        result.error = "unexpected text after a closing quote";
        result.error_field = result.count + 1;
        while (i < n && line[i] != separator) ++i;
      }
    } else {
      size_t start = i;
      while (i < n && line[i] != separator) ++i;
      field = line.substr(start, i - start);
    }
    if (result.count < max_fields) fields[result.count] = field;
    ++result.count;
    if (i >= n) break;
    ++i;           // the separator
    if (i == n) {  // a trailing separator ends with an empty field
      if (result.count < max_fields) fields[result.count] = std::string_view();
      ++result.count;
      break;
    }
  }
  return result;
}

const char* separator_name(char separator) {
  switch (separator) {
    case '\t':
      return "tab";
    case ',':
      return "','";
    case ';':
      return "';'";
    case '|':
      return "'|'";
    case ':':
      return "'::'";
    default:
      return "the separator";
  }
}

}  // namespace als
