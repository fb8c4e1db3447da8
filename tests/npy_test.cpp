// The .npy reader and writer on hand-built files: every header version, byte
// order and memory order numpy writes, and each kind of file it must refuse
// with a message that names the array.
#include "model/npy.h"

#include <gtest/gtest.h>

#include <cstring>

namespace als {
namespace {

// A .npy file from a header dict and raw value bytes (version 1, 2 or 3).
std::string npy(const std::string& dict, const std::string& values, int version = 1) {
  std::string header = dict;
  const size_t prefix = version == 1 ? 10 : 12;
  header.append((64 - (prefix + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(version);
  out += '\0';
  const uint32_t n = static_cast<uint32_t>(header.size());
  out += static_cast<char>(n & 0xFF);
  out += static_cast<char>((n >> 8) & 0xFF);
  if (version != 1) {
    out += static_cast<char>((n >> 16) & 0xFF);
    out += static_cast<char>((n >> 24) & 0xFF);
  }
  return out + header + values;
}

template <class T>
std::string raw(std::initializer_list<T> values, bool big_endian = false) {
  std::string out;
  for (T v : values) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if (big_endian)
      for (size_t k = 0; k < sizeof(T) / 2; ++k) std::swap(b[k], b[sizeof(T) - 1 - k]);
    out.append(b, sizeof(T));
  }
  return out;
}

std::string refusal(const std::string& bytes) {
  try {
    read_npy(bytes, "x.npy");
  } catch (const NpyError& e) {
    return e.what();
  }
  return "";
}

TEST(Npy, ReadsAFloat32MatrixInCOrder) {
  const std::string file =
      npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", raw<float>({1, 2, 3, 4, 5, 6}));
  const NpyArray a = read_npy(file, "m.npy");
  EXPECT_EQ(a.kind, NpyKind::kFloat);
  EXPECT_EQ(a.item_bytes, 4);
  ASSERT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a.matrix_at(0, 2), 3.0);
  EXPECT_EQ(a.matrix_at(1, 0), 4.0);
}

TEST(Npy, ReadsFortranOrderBigEndianAndVersions2And3) {
  // Column-major: the values 1..6 of [[1, 3, 5], [2, 4, 6]].
  const std::string fortran =
      npy("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", raw<double>({1, 2, 3, 4, 5, 6}, true), 2);
  const NpyArray a = read_npy(fortran, "f.npy");
  EXPECT_TRUE(a.big_endian);
  EXPECT_EQ(a.matrix_at(0, 1), 3.0);
  EXPECT_EQ(a.matrix_at(1, 2), 6.0);
  // (An NpyArray views the bytes it was read from: they must outlive it.)
  const std::string v3 = npy("{'shape': (1,), 'descr': '<i4', 'fortran_order': False}", raw<int32_t>({-7}), 3);
  const NpyArray b = read_npy(v3, "v3.npy");
  EXPECT_EQ(b.number(), -7.0);
}

TEST(Npy, ReadsTheScalarsImplicitSaves) {
  EXPECT_EQ(read_npy(npy_int64_scalar(64), "factors.npy").number(), 64.0);
  EXPECT_DOUBLE_EQ(read_npy(npy_float64_scalar(0.01), "regularization.npy").number(), 0.01);
  EXPECT_EQ(read_npy(npy_bool_scalar(true), "use_cg.npy").number(), 1.0);
  const std::string dtype_file = npy_unicode_scalar("float32");
  const NpyArray dtype = read_npy(dtype_file, "dtype.npy");
  EXPECT_EQ(dtype.descr, "<U7");
  EXPECT_EQ(dtype.text(), "float32");
}

TEST(Npy, TheWriterWritesWhatTheReaderReads) {
  // Rows with padding (stride 4) written as a 2 x 3 matrix.
  const float padded[] = {1, 2, 3, 0, 4, 5, 6, 0};
  const std::string file = npy_float32_matrix(padded, 2, 3, 4);
  EXPECT_EQ((file.size() - 6 * sizeof(float)) % 64, 0u) << "header padded to a multiple of 64 bytes";
  const NpyArray a = read_npy(file, "w.npy");
  EXPECT_EQ(a.descr, "<f4");
  EXPECT_EQ(a.matrix_at(1, 2), 6.0);
  EXPECT_EQ(a.values.size(), 6 * sizeof(float));
}

TEST(Npy, RefusesPicklesAndObjectArraysByName) {
  EXPECT_NE(
      refusal(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "\x80\x04K\x01.")).find("Python objects"),
      std::string::npos);
  EXPECT_NE(refusal(std::string("\x80\x04\x95\x10", 4) + "rest of a pickle").find("pickle"), std::string::npos);
  EXPECT_NE(refusal(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", raw<float>({1})))
                .find("structured"),
            std::string::npos);
  EXPECT_NE(refusal(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", raw<float>({1, 2}))).find("'<c8'"),
            std::string::npos);
}

TEST(Npy, RefusesTruncatedOversizedAndForeignFiles) {
  const std::string whole =
      npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", raw<float>({1, 2, 3, 4, 5, 6}));
  const std::string cut = refusal(whole.substr(0, whole.size() - 5));
  EXPECT_NE(cut.find("x.npy: is truncated"), std::string::npos) << cut;
  EXPECT_NE(cut.find("(2, 3)"), std::string::npos) << cut;
  EXPECT_NE(refusal(whole + "xx").find("2 bytes more"), std::string::npos);
  EXPECT_NE(refusal(whole.substr(0, 30)).find("header"), std::string::npos);
  EXPECT_NE(refusal("PK\x03\x04 a zip").find("not a numpy .npy array"), std::string::npos);
  std::string v9 = whole;
  v9[6] = 9;
  EXPECT_NE(refusal(v9).find("version 9"), std::string::npos);
  EXPECT_NE(refusal(npy("{'descr': '<f4', 'shape': (1,), }", raw<float>({1}))).find("fortran_order"),
            std::string::npos);
  EXPECT_NE(refusal(npy("not a dict", "")).find("not a dictionary"), std::string::npos);
  // A shape whose product overflows is "truncated", not a huge allocation.
  EXPECT_NE(refusal(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", ""))
                .find("truncated"),
            std::string::npos);
}

}  // namespace
}  // namespace als
