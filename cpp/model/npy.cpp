#include "model/npy.h"

#include <cstring>
#include <limits>

namespace als {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicBytes = 6;

[[noreturn]] void fail(const std::string& name, const std::string& what) { throw NpyError(name + ": " + what); }

// A cursor over the header's Python literal: {'key': value, ...} with values
// that are strings, True/False, integers or tuples of integers.
class Literal {
 public:
  Literal(std::string_view text, const std::string& name) : s_(text), name_(name) {}

  void skip_space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r')) ++p_;
  }
  bool accept(char c) {
    skip_space();
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void expect(char c, const char* what) {
    if (!accept(c)) bad(std::string("expected ") + what);
  }
  std::string string_literal() {
    skip_space();
    if (p_ >= s_.size() || (s_[p_] != '\'' && s_[p_] != '"')) bad("expected a quoted string");
    const char quote = s_[p_++];
    std::string out;
    while (p_ < s_.size() && s_[p_] != quote) {
      if (s_[p_] == '\\') bad("escapes are not expected in a .npy header");
      out += s_[p_++];
    }
    if (p_ >= s_.size()) bad("unterminated string");
    ++p_;
    return out;
  }
  bool starts_with(std::string_view word) {
    skip_space();
    return s_.substr(p_, word.size()) == word;
  }
  bool boolean() {
    if (starts_with("True")) return p_ += 4, true;
    if (starts_with("False")) return p_ += 5, false;
    bad("expected True or False");
  }
  int64_t integer() {
    skip_space();
    const size_t begin = p_;
    int64_t v = 0;
    while (p_ < s_.size() && s_[p_] >= '0' && s_[p_] <= '9') {
      if (v > (std::numeric_limits<int64_t>::max() - 9) / 10) bad("a dimension is too large");
      v = v * 10 + (s_[p_++] - '0');
    }
    if (p_ < s_.size() && s_[p_] == 'L') ++p_;  // Python 2 longs
    if (p_ == begin) bad("expected a non-negative integer");
    return v;
  }
  std::vector<int64_t> shape() {
    expect('(', "a shape tuple");
    std::vector<int64_t> dims;
    while (!accept(')')) {
      dims.push_back(integer());
      if (!accept(',')) {
        expect(')', "')' after the shape");
        break;
      }
    }
    return dims;
  }
  [[noreturn]] void bad(const std::string& what) const {
    fail(name_, "the .npy header is not a dictionary numpy writes (" + what + " at character " + std::to_string(p_) +
                    " of \"" + std::string(s_.substr(0, 120)) + "\")");
  }

 private:
  std::string_view s_;
  const std::string& name_;
  size_t p_ = 0;
};

uint32_t little_u32(const unsigned char* p) { return p[0] | p[1] << 8 | p[2] << 16 | uint32_t(p[3]) << 24; }

// Loads an element of item_bytes from p, respecting the byte order.
template <class T>
T load(const char* p, bool big_endian) {
  unsigned char b[sizeof(T)];
  std::memcpy(b, p, sizeof(T));
  if (big_endian)
    for (size_t k = 0; k < sizeof(T) / 2; ++k) std::swap(b[k], b[sizeof(T) - 1 - k]);
  T v;
  std::memcpy(&v, b, sizeof(T));
  return v;
}

// numpy's dtype strings: byte order ('<', '>', '|', '=') then kind and size.
void parse_descr(NpyArray& a) {
  const std::string& d = a.descr;
  if (d.find('O') != std::string::npos)
    fail(a.name, "holds Python objects (dtype '" + d +
                     "'): numpy stores those as a pickle, which this app never runs; save plain numbers instead");
  if (d.size() < 3) fail(a.name, "has the dtype '" + d + "', which this app does not read");
  const char order = d[0];
  const char kind = d[1];
  int size = 0;
  for (size_t k = 2; k < d.size(); ++k) {
    if (d[k] < '0' || d[k] > '9' || size > 100000)
      fail(a.name, "has the dtype '" + d + "', which this app does not read");
    size = size * 10 + (d[k] - '0');
  }
  if (order != '<' && order != '>' && order != '|' && order != '=')
    fail(a.name, "has the dtype '" + d + "', which this app does not read");
  a.big_endian = order == '>';
  switch (kind) {
    case 'f':
      if (size != 4 && size != 8)
        fail(a.name,
             "has float" + std::to_string(size * 8) + " values ('" + d + "'): only float32 and float64 are read");
      a.kind = NpyKind::kFloat;
      a.item_bytes = size;
      break;
    case 'i':
    case 'u':
      if (size != 1 && size != 2 && size != 4 && size != 8)
        fail(a.name, "has the dtype '" + d + "', which this app does not read");
      a.kind = kind == 'i' ? NpyKind::kSignedInt : NpyKind::kUnsignedInt;
      a.item_bytes = size;
      break;
    case 'b':
      if (size != 1) fail(a.name, "has the dtype '" + d + "', which this app does not read");
      a.kind = NpyKind::kBool;
      a.item_bytes = 1;
      break;
    case 'U':
      a.kind = NpyKind::kUnicode;
      a.item_bytes = 4 * size;
      break;
    default:
      fail(a.name, "has the dtype '" + d + "' (complex, bytes, dates or another kind this app does not read)");
  }
}

std::string header_dict(std::string_view dict) {
  std::string header(dict);
  // Pad so that magic + version + length + header is a multiple of 64, ending in '\n'.
  const size_t unpadded = kMagicBytes + 2 + 2 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, kMagicBytes);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>((header.size() >> 8) & 0xFF);
  return out + header;
}

std::string scalar(const std::string& descr, const void* value, size_t bytes) {
  std::string out = header_dict("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (), }");
  out.append(static_cast<const char*>(value), bytes);
  return out;
}

}  // namespace

int64_t NpyArray::count() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

double NpyArray::number_at(int64_t k) const {
  const char* p = values.data() + static_cast<size_t>(k) * item_bytes;
  switch (kind) {
    case NpyKind::kFloat:
      return item_bytes == 4 ? load<float>(p, big_endian) : load<double>(p, big_endian);
    case NpyKind::kSignedInt:
      switch (item_bytes) {
        case 1:
          return load<int8_t>(p, big_endian);
        case 2:
          return static_cast<double>(load<int16_t>(p, big_endian));
        case 4:
          return static_cast<double>(load<int32_t>(p, big_endian));
        default:
          return static_cast<double>(load<int64_t>(p, big_endian));
      }
    case NpyKind::kUnsignedInt:
      switch (item_bytes) {
        case 1:
          return load<uint8_t>(p, big_endian);
        case 2:
          return static_cast<double>(load<uint16_t>(p, big_endian));
        case 4:
          return static_cast<double>(load<uint32_t>(p, big_endian));
        default:
          return static_cast<double>(load<uint64_t>(p, big_endian));
      }
    case NpyKind::kBool:
      return *p != 0 ? 1.0 : 0.0;
    default:
      throw NpyError(name + ": holds text, not a number");
  }
}

double NpyArray::number() const {
  if (count() != 1) throw NpyError(name + ": expected a single value, found an array of " + std::to_string(count()));
  return number_at(0);
}

std::string NpyArray::text() const {
  if (kind != NpyKind::kUnicode) throw NpyError(name + ": expected text (a numpy str), found dtype '" + descr + "'");
  if (count() != 1) throw NpyError(name + ": expected a single string, found an array of " + std::to_string(count()));
  std::string out;
  for (int64_t k = 0; k < item_bytes / 4; ++k) {
    const uint32_t c = load<uint32_t>(values.data() + 4 * k, big_endian);
    if (c == 0) break;  // numpy pads shorter strings with NULs
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | ((c >> 18) & 0x07));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

double NpyArray::matrix_at(int64_t row, int64_t col) const {
  const int64_t k = fortran_order ? col * shape[0] + row : row * shape[1] + col;
  return number_at(k);
}

NpyArray read_npy(std::string_view bytes, const std::string& name) {
  NpyArray a;
  a.name = name;
  if (bytes.size() < kMagicBytes + 4 || std::memcmp(bytes.data(), kMagic, kMagicBytes) != 0) {
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x80)
      fail(name, "is a Python pickle, not a numpy array: this app never runs pickles");
    fail(name, "is not a numpy .npy array (it does not start with \\x93NUMPY)");
  }
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  const int major = u[6];
  size_t header_length, header_start;
  if (major == 1) {
    header_length = u[8] | u[9] << 8;
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(name, "is truncated inside its header");
    header_length = little_u32(u + 8);
    header_start = 12;
  } else {
    fail(name, "uses .npy format version " + std::to_string(major) + "." + std::to_string(u[7]) +
                   ", newer than the 1.0 – 3.0 this app reads");
  }
  if (header_start + header_length > bytes.size()) fail(name, "is truncated inside its header");
  Literal header(bytes.substr(header_start, header_length), name);
  bool has_descr = false, has_order = false, has_shape = false;
  header.expect('{', "'{'");
  while (!header.accept('}')) {
    const std::string key = header.string_literal();
    header.expect(':', "':'");
    if (key == "descr") {
      if (header.starts_with("["))
        fail(name, "has a structured dtype (named fields): save a plain float array instead");
      a.descr = header.string_literal();
      has_descr = true;
    } else if (key == "fortran_order") {
      a.fortran_order = header.boolean();
      has_order = true;
    } else if (key == "shape") {
      a.shape = header.shape();
      has_shape = true;
    } else {
      header.bad("unknown key '" + key + "'");
    }
    if (!header.accept(',')) {
      header.expect('}', "'}'");
      break;
    }
  }
  if (!has_descr || !has_order || !has_shape) fail(name, "has a .npy header without descr, fortran_order or shape");
  parse_descr(a);
  if (a.fortran_order && a.shape.size() > 2) fail(name, "is a Fortran-ordered array of more than 2 dimensions");
  // The value block must be exactly as long as the shape says.
  const size_t data_start = header_start + header_length;
  const uint64_t available = bytes.size() - data_start;
  uint64_t count = 1;
  for (int64_t d : a.shape) {
    if (d != 0 && count > available / static_cast<uint64_t>(d)) {
      count = available + 1;  // cannot fit: reported below
      break;
    }
    count *= static_cast<uint64_t>(d);
  }
  const uint64_t needed = count * static_cast<uint64_t>(a.item_bytes);
  std::string shape_text = "(";
  for (size_t k = 0; k < a.shape.size(); ++k) shape_text += (k ? ", " : "") + std::to_string(a.shape[k]);
  shape_text += ")";
  if (count > available || needed > available)
    fail(name, "is truncated: its header says shape " + shape_text + " of '" + a.descr + "', but only " +
                   std::to_string(available) + " bytes of values follow");
  if (needed < available)
    fail(name, "has " + std::to_string(available - needed) + " bytes more than its shape " + shape_text + " of '" +
                   a.descr + "' holds");
  a.values = bytes.substr(data_start, needed);
  return a;
}

std::string npy_float32_matrix(const float* values, int64_t rows, int64_t cols, int64_t row_stride) {
  std::string out = header_dict("{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                                std::to_string(cols) + "), }");
  const size_t header = out.size();
  out.resize(header + static_cast<size_t>(rows * cols) * sizeof(float));
  for (int64_t r = 0; r < rows; ++r)
    std::memcpy(&out[header + static_cast<size_t>(r * cols) * sizeof(float)], values + r * row_stride,
                cols * sizeof(float));
  return out;
}

std::string npy_float64_scalar(double value) { return scalar("<f8", &value, sizeof value); }
std::string npy_int64_scalar(int64_t value) { return scalar("<i8", &value, sizeof value); }
std::string npy_bool_scalar(bool value) {
  const uint8_t b = value ? 1 : 0;
  return scalar("|b1", &b, 1);
}
std::string npy_unicode_scalar(std::string_view ascii_text) {
  std::string utf32;
  for (char c : ascii_text) {
    const uint32_t code = static_cast<unsigned char>(c);
    utf32.append(reinterpret_cast<const char*>(&code), 4);
  }
  return scalar("<U" + std::to_string(ascii_text.size()), utf32.data(), utf32.size());
}

}  // namespace als
