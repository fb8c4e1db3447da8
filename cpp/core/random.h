// A small, fully specified random generator (SplitMix64), so the same seed
// gives the same numbers on every compiler and in WebAssembly. The standard
// library's distributions are implementation-defined, so we do not use them.
#pragma once

#include <cstdint>

namespace als {

// The high 64 bits of the 128-bit product a·b from 32-bit halves: exact, and
// inline in WebAssembly, where a 128-bit multiply is a call into the runtime
// (__multi3) that returns through memory.
constexpr uint64_t multiply_high_by_halves(uint64_t a, uint64_t b) {
  const uint64_t a_lo = a & 0xFFFFFFFFull, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFull, b_hi = b >> 32;
  const uint64_t lo_lo = a_lo * b_lo, lo_hi = a_lo * b_hi, hi_lo = a_hi * b_lo, hi_hi = a_hi * b_hi;
  const uint64_t middle = (lo_lo >> 32) + (lo_hi & 0xFFFFFFFFull) + (hi_lo & 0xFFFFFFFFull);
  return hi_hi + (lo_hi >> 32) + (hi_lo >> 32) + (middle >> 32);
}

inline uint64_t multiply_high(uint64_t a, uint64_t b) {
#if defined(__SIZEOF_INT128__) && !defined(__wasm__)
  return static_cast<uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64);  // one instruction
#else
  return multiply_high_by_halves(a, b);
#endif
}

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), 24 random bits: exact in float.
  float uniform_float() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift, tiny bias is fine here).
  uint64_t below(uint64_t n) { return multiply_high(next(), n); }

 private:
  uint64_t state_;
};

}  // namespace als
