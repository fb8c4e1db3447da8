// numpy's .npy format (numpy.lib.format, NEP 1), read and written by hand so
// that no pickle is ever involved:
//
//   "\x93NUMPY" | u8 major | u8 minor | header length (u16 for 1.0, u32 for
//   2.0 and 3.0) | header | values
//
// where the header is a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (59047, 128), }
// padded with spaces to a multiple of 64 bytes and ended by '\n' (3.0: UTF-8).
// Values follow in C (row-major) order, or column-major when fortran_order.
//
// Read: little- and big-endian floats ('<f4', '<f8', '>f4' ...), integers,
// bools and '<U' strings (UTF-32, numpy's str scalars such as dtype='float32').
// Refused with a message naming the array: object arrays ('|O', which numpy
// can only store as a pickle), structured or complex dtypes, a header that is
// not a dict, and a value block shorter or longer than the shape says.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace als {

// A .npy member that is not what it should be. The page words it as
// fault.import.npy with the English detail (the array's name and what is wrong).
class NpyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class NpyKind { kFloat, kSignedInt, kUnsignedInt, kBool, kUnicode };

struct NpyArray {
  std::string name;   // for messages, e.g. "user_factors.npy"
  std::string descr;  // as written: "<f4"
  NpyKind kind = NpyKind::kFloat;
  int item_bytes = 0;  // 4 for '<f4', 28 for '<U7'
  bool big_endian = false;
  bool fortran_order = false;
  std::vector<int64_t> shape;  // () for a scalar
  std::string_view values;     // a view into the bytes given to read_npy

  int64_t count() const;  // product of the shape (1 for a scalar)
  bool is_scalar() const { return shape.empty(); }
  // Element k (in C order) of a numeric or bool array, as a double.
  double number_at(int64_t k) const;
  // A numeric or bool scalar (also a one-element array).
  double number() const;
  // A '<U' scalar, converted to UTF-8.
  std::string text() const;
  // Element (row, col) of a 2-D array, whatever its memory order.
  double matrix_at(int64_t row, int64_t col) const;
};

// Parses a .npy file. The result views `bytes`, which must outlive it.
NpyArray read_npy(std::string_view bytes, const std::string& name);

// Writers, version 1.0 headers, little-endian, C order (what numpy.save writes).
std::string npy_float32_matrix(const float* values, int64_t rows, int64_t cols, int64_t row_stride);
std::string npy_float64_scalar(double value);
std::string npy_int64_scalar(int64_t value);
std::string npy_bool_scalar(bool value);
std::string npy_unicode_scalar(std::string_view ascii_text);

}  // namespace als
