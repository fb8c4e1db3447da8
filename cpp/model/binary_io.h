// Little-endian binary writer and a bounds-checked reader for the model file.
// The reader never reads past the end: a short file raises ModelFileError
// naming what was being read.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/factor_matrix.h"
#include "model/model_file.h"

namespace als::binary {

class Writer {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void put_bytes(const void* data, size_t size) { out_.append(static_cast<const char*>(data), size); }
  void put_string(std::string_view s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    put_bytes(s.data(), s.size());
  }
  template <class T>
  void put_vector(const std::vector<T>& v) {
    put<uint64_t>(v.size());
    if (!v.empty()) put_bytes(v.data(), v.size() * sizeof(T));
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}

  template <class T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  std::string_view get_bytes(size_t size) { return std::string_view(take(size), size); }
  std::string get_string() {
    const uint32_t size = get<uint32_t>();
    return std::string(get_bytes(size));
  }
  template <class T>
  std::vector<T> get_vector(uint64_t max_count) {
    const uint64_t count = get<uint64_t>();
    if (count > max_count || count > remaining() / sizeof(T))
      throw corrupt_model_file(what_ + " claims " + std::to_string(count) + " values");
    std::vector<T> v(count);
    if (count) std::memcpy(v.data(), take(count * sizeof(T)), count * sizeof(T));
    return v;
  }
  size_t remaining() const { return bytes_.size() - pos_; }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  const char* take(size_t size) {
    if (size > remaining())
      throw ModelFileError("model file is truncated: " + what_ + " needs " + std::to_string(size) + " more bytes, " +
                               std::to_string(remaining()) + " left",
                           FaultCode{"model.truncated"});
    const char* p = bytes_.data() + pos_;
    pos_ += size;
    return p;
  }
  std::string_view bytes_;
  std::string what_;
  size_t pos_ = 0;
};

uint32_t crc32(std::string_view bytes);

// A factor matrix: u64 rows | u32 factors | rows x factors float32 (no padding).
class Writer;
void put_factors(Writer& w, const FactorMatrix& m);
// Checked: the sizes fit the bytes, every value finite, no column whose squares overflow.
FactorMatrix get_factors(Reader& r);

}  // namespace als::binary
