// Shared by the libFuzzer targets: reading the control bytes at the start of
// an input, and failing loudly (a trap libFuzzer reports as a crash) when a
// result breaks a rule the engine promises — finite numbers, consistent counts.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace als::fuzz {

// The input as control bytes followed by content: take() hands out control
// bytes (0 once the input is used up), rest() the remaining content.
class InputBytes {
 public:
  InputBytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t take() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::string_view take_bytes(size_t n) {
    n = n < size_ - pos_ ? n : size_ - pos_;
    std::string_view bytes(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return bytes;
  }
  std::string_view rest() { return take_bytes(size_ - pos_); }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

[[noreturn]] inline void broken_rule(const char* what) {
  std::fprintf(stderr, "fuzz: broken rule: %s\n", what);
  std::abort();
}

inline void require(bool ok, const char* what) {
  if (!ok) broken_rule(what);
}

inline void require_finite(double value, const char* what) {
  if (!std::isfinite(value)) {
    std::fprintf(stderr, "fuzz: %s is %g\n", what, value);
    broken_rule("a result is not finite");
  }
}

}  // namespace als::fuzz
