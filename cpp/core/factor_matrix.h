// Dense row-major float matrix of latent factors (one row per user or item).
// Rows are padded to a multiple of kFactorLanes floats and 32-byte aligned, so
// SIMD kernels never need a tail loop; the padding is always zero, which keeps
// dot products and norms exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace als {

// 16 lanes: every kernel sums in the same lane order (element k goes to lane k mod 16)
// whether it runs as AVX (2 x 8), wasm SIMD (4 x 4) or plain C++, so results are
// bit-identical across builds.
constexpr int kFactorLanes = 16;

inline int padded_factors(int factors) { return (factors + kFactorLanes - 1) / kFactorLanes * kFactorLanes; }

class FactorMatrix {
 public:
  FactorMatrix() = default;
  FactorMatrix(int64_t rows, int factors) : rows_(rows), factors_(factors), stride_(padded_factors(factors)) {
    size_t n = static_cast<size_t>(rows_) * stride_;
    if (n > 0) {
      size_t bytes = (n * sizeof(float) + 31) / 32 * 32;
      void* p = std::aligned_alloc(32, bytes);
      if (!p) throw std::bad_alloc();
      std::memset(p, 0, bytes);
      data_.reset(static_cast<float*>(p));
    }
  }
  FactorMatrix(const FactorMatrix& other) : FactorMatrix(other.rows_, other.factors_) {
    if (size() > 0) std::memcpy(data_.get(), other.data_.get(), size() * sizeof(float));
  }
  FactorMatrix& operator=(const FactorMatrix& other) {
    if (this != &other) *this = FactorMatrix(other);
    return *this;
  }
  FactorMatrix(FactorMatrix&&) noexcept = default;
  FactorMatrix& operator=(FactorMatrix&&) noexcept = default;

  int64_t rows() const { return rows_; }
  int factors() const { return factors_; }
  int stride() const { return stride_; }
  size_t size() const { return static_cast<size_t>(rows_) * stride_; }
  bool empty() const { return rows_ == 0; }

  float* row(int64_t r) { return data_.get() + static_cast<size_t>(r) * stride_; }
  const float* row(int64_t r) const { return data_.get() + static_cast<size_t>(r) * stride_; }
  float& operator()(int64_t r, int c) { return row(r)[c]; }
  float operator()(int64_t r, int c) const { return row(r)[c]; }
  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }

 private:
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  int64_t rows_ = 0;
  int factors_ = 0;
  int stride_ = 0;
  std::unique_ptr<float[], Free> data_;
};

}  // namespace als
