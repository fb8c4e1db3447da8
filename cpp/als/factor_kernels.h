// The vector kernels every solver is built from. n is a row stride: a multiple
// of kFactorLanes (16). Loads are unaligned (free on aligned data).
//
// Everything works on blocks of 16 floats (Vec16), and sums in one fixed
// order: element k accumulates into lane k mod 16, block after block, then
// the lanes are folded pairwise (l + 8, l + 4, l + 2, l + 1). No fused
// multiply-add is used. The AVX-512 (1 x 16 lanes), AVX (2 x 8), wasm
// SIMD128 (4 x 4) and portable (16 scalars) versions therefore give
// bit-identical results: the native and the WebAssembly engines train the
// very same model for the same seed.
#pragma once

#include <algorithm>
#include <cstdint>

#include "core/factor_matrix.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define ALS_KERNELS_WASM 1
#elif defined(__AVX512F__)
#include <immintrin.h>
#define ALS_KERNELS_AVX512 1
#elif defined(__AVX__)
#include <immintrin.h>
#define ALS_KERNELS_AVX 1
#endif

namespace als::kernels {

const char* simd_name();

// ---- Vec16: 16 float lanes, whatever the instruction set ----
#if defined(ALS_KERNELS_AVX512)

struct Vec16 {
  __m512 v;
};
inline Vec16 zero16() { return {_mm512_setzero_ps()}; }
inline Vec16 splat16(float a) { return {_mm512_set1_ps(a)}; }
inline Vec16 load16(const float* p) { return {_mm512_loadu_ps(p)}; }
inline void store16(float* p, Vec16 a) { _mm512_storeu_ps(p, a.v); }
inline Vec16 add16(Vec16 a, Vec16 b) { return {_mm512_add_ps(a.v, b.v)}; }
inline Vec16 mul16(Vec16 a, Vec16 b) { return {_mm512_mul_ps(a.v, b.v)}; }
inline Vec16 sub16(Vec16 a, Vec16 b) { return {_mm512_sub_ps(a.v, b.v)}; }
inline float reduce16(Vec16 a) {
  __m256 t = _mm256_add_ps(_mm512_castps512_ps256(a.v), _mm512_extractf32x8_ps(a.v, 1));  // l + 8
  __m128 u = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));          // l + 4
  __m128 w = _mm_add_ps(u, _mm_movehl_ps(u, u));                                          // l + 2
  return _mm_cvtss_f32(_mm_add_ss(w, _mm_shuffle_ps(w, w, 1)));                           // l + 1
}

#elif defined(ALS_KERNELS_AVX)

struct Vec16 {
  __m256 lo, hi;
};
inline Vec16 zero16() { return {_mm256_setzero_ps(), _mm256_setzero_ps()}; }
inline Vec16 splat16(float a) { return {_mm256_set1_ps(a), _mm256_set1_ps(a)}; }
inline Vec16 load16(const float* p) { return {_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8)}; }
inline void store16(float* p, Vec16 a) {
  _mm256_storeu_ps(p, a.lo);
  _mm256_storeu_ps(p + 8, a.hi);
}
inline Vec16 add16(Vec16 a, Vec16 b) { return {_mm256_add_ps(a.lo, b.lo), _mm256_add_ps(a.hi, b.hi)}; }
inline Vec16 mul16(Vec16 a, Vec16 b) { return {_mm256_mul_ps(a.lo, b.lo), _mm256_mul_ps(a.hi, b.hi)}; }
inline Vec16 sub16(Vec16 a, Vec16 b) { return {_mm256_sub_ps(a.lo, b.lo), _mm256_sub_ps(a.hi, b.hi)}; }
inline float reduce16(Vec16 a) {
  __m256 t = _mm256_add_ps(a.lo, a.hi);                                           // l + 8
  __m128 u = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));  // l + 4
  __m128 w = _mm_add_ps(u, _mm_movehl_ps(u, u));                                  // l + 2
  return _mm_cvtss_f32(_mm_add_ss(w, _mm_shuffle_ps(w, w, 1)));                   // l + 1
}

#elif defined(ALS_KERNELS_WASM)

struct Vec16 {
  v128_t a, b, c, d;
};  // lanes 0-3, 4-7, 8-11, 12-15
inline Vec16 zero16() { return {wasm_f32x4_splat(0), wasm_f32x4_splat(0), wasm_f32x4_splat(0), wasm_f32x4_splat(0)}; }
inline Vec16 splat16(float x) {
  v128_t s = wasm_f32x4_splat(x);
  return {s, s, s, s};
}
inline Vec16 load16(const float* p) {
  return {wasm_v128_load(p), wasm_v128_load(p + 4), wasm_v128_load(p + 8), wasm_v128_load(p + 12)};
}
inline void store16(float* p, Vec16 x) {
  wasm_v128_store(p, x.a);
  wasm_v128_store(p + 4, x.b);
  wasm_v128_store(p + 8, x.c);
  wasm_v128_store(p + 12, x.d);
}
inline Vec16 add16(Vec16 x, Vec16 y) {
  return {wasm_f32x4_add(x.a, y.a), wasm_f32x4_add(x.b, y.b), wasm_f32x4_add(x.c, y.c), wasm_f32x4_add(x.d, y.d)};
}
inline Vec16 mul16(Vec16 x, Vec16 y) {
  return {wasm_f32x4_mul(x.a, y.a), wasm_f32x4_mul(x.b, y.b), wasm_f32x4_mul(x.c, y.c), wasm_f32x4_mul(x.d, y.d)};
}
inline Vec16 sub16(Vec16 x, Vec16 y) {
  return {wasm_f32x4_sub(x.a, y.a), wasm_f32x4_sub(x.b, y.b), wasm_f32x4_sub(x.c, y.c), wasm_f32x4_sub(x.d, y.d)};
}
inline float reduce16(Vec16 x) {
  v128_t u = wasm_f32x4_add(wasm_f32x4_add(x.a, x.c), wasm_f32x4_add(x.b, x.d));  // l + 8, then l + 4
  v128_t w = wasm_f32x4_add(u, wasm_i32x4_shuffle(u, u, 2, 3, 2, 3));             // l + 2
  return wasm_f32x4_extract_lane(w, 0) + wasm_f32x4_extract_lane(w, 1);           // l + 1
}

#else

struct Vec16 {
  float f[16];
};
inline Vec16 zero16() { return Vec16{}; }
inline Vec16 splat16(float a) {
  Vec16 r;
  for (float& x : r.f) x = a;
  return r;
}
inline Vec16 load16(const float* p) {
  Vec16 r;
  for (int l = 0; l < 16; ++l) r.f[l] = p[l];
  return r;
}
inline void store16(float* p, Vec16 a) {
  for (int l = 0; l < 16; ++l) p[l] = a.f[l];
}
inline Vec16 add16(Vec16 a, Vec16 b) {
  for (int l = 0; l < 16; ++l) a.f[l] = a.f[l] + b.f[l];
  return a;
}
inline Vec16 mul16(Vec16 a, Vec16 b) {
  for (int l = 0; l < 16; ++l) a.f[l] = a.f[l] * b.f[l];
  return a;
}
inline Vec16 sub16(Vec16 a, Vec16 b) {
  for (int l = 0; l < 16; ++l) a.f[l] = a.f[l] - b.f[l];
  return a;
}
inline float reduce16(Vec16 a) {
  for (int width = 8; width >= 1; width /= 2)
    for (int l = 0; l < width; ++l) a.f[l] = a.f[l] + a.f[l + width];
  return a.f[0];
}

#endif

// Asks for the cache lines of a row needed soon (natively; WebAssembly has no
// prefetch, and reading ahead instead measured no faster there).
#ifndef ALS_PREFETCH_DISTANCE
#define ALS_PREFETCH_DISTANCE 8
#endif
template <int Blocks>
inline void prefetch_row([[maybe_unused]] const float* p) {
#if !defined(ALS_KERNELS_WASM)
  for (int b = 0; b < Blocks; ++b) __builtin_prefetch(p + 16 * b);
#endif
}

// ---- kernels on rows ----

// Σ_k a[k]·b[k]
inline float dot(const float* a, const float* b, int n) {
  Vec16 s = zero16();
  for (int k = 0; k < n; k += 16) s = add16(s, mul16(load16(a + k), load16(b + k)));
  return reduce16(s);
}

// y += alpha·x
inline void axpy(float alpha, const float* x, float* y, int n) {
  const Vec16 a = splat16(alpha);
  for (int k = 0; k < n; k += 16) store16(y + k, add16(load16(y + k), mul16(a, load16(x + k))));
}

// p = r + beta·p
inline void scale_add(float beta, float* p, const float* r, int n) {
  const Vec16 b = splat16(beta);
  for (int k = 0; k < n; k += 16) store16(p + k, add16(load16(r + k), mul16(b, load16(p + k))));
}

// y = A x for a symmetric n x n row-major A (YᵀY + λI), as Σ_a x[a]·A[a,:]
// (a ascending, zero x[a] skipped): no horizontal sums, A streams once, and
// y stays in registers for strides known at compile time.
template <int Blocks>
inline void symmetric_gemv_fixed(const float* A, const float* x, float* y) {
  constexpr int n = 16 * Blocks;
  // Two output blocks at a time: their accumulators fit in registers even
  // with 16 vector registers (wasm on x86), and each output element still
  // sums over a in the same order.
  for (int b0 = 0; b0 < Blocks; b0 += 2) {
    const int width = b0 + 1 < Blocks ? 2 : 1;
    Vec16 acc[2] = {zero16(), zero16()};
    for (int a = 0; a < n; ++a) {
      if (x[a] == 0.0f) continue;
      const Vec16 xa = splat16(x[a]);
      const float* row = A + static_cast<int64_t>(a) * n + 16 * b0;
      for (int b = 0; b < width; ++b) acc[b] = add16(acc[b], mul16(xa, load16(row + 16 * b)));
    }
    for (int b = 0; b < width; ++b) store16(y + 16 * (b0 + b), acc[b]);
  }
}

inline void symmetric_gemv(const float* A, const float* x, float* y, int n) {
  switch (n / 16) {
    case 1:
      return symmetric_gemv_fixed<1>(A, x, y);
    case 2:
      return symmetric_gemv_fixed<2>(A, x, y);
    case 3:
      return symmetric_gemv_fixed<3>(A, x, y);
    case 4:
      return symmetric_gemv_fixed<4>(A, x, y);
    case 5:
      return symmetric_gemv_fixed<5>(A, x, y);
    case 6:
      return symmetric_gemv_fixed<6>(A, x, y);
    case 7:
      return symmetric_gemv_fixed<7>(A, x, y);
    case 8:
      return symmetric_gemv_fixed<8>(A, x, y);
    default:
      for (int k = 0; k < n; k += 16) store16(y + k, zero16());
      for (int a = 0; a < n; ++a)
        if (x[a] != 0.0f) axpy(x[a], A + static_cast<int64_t>(a) * n, y, n);
  }
}

// out += Σ_k coefficient(k, y_k·v) · y_k: the pass over a row's entries that
// dominates CG and the loss. The 16-lane blocks of `out` stay in registers for
// strides known at compile time; `v` is read from cache each time, which
// leaves registers to spare on targets with 16 of them (wasm on x86: ~15%
// faster than holding v too, and no slower natively). The rows y_k come from
//   kScattered: Y[items[k]] (prefetched ahead natively);
//   kGathered:  a block the rows were copied to by gather_rows.
enum class RowSource { kScattered, kGathered };

template <int Blocks, RowSource Source, class Coefficient>
inline void accumulate_projections_fixed(const FactorMatrix* Y, const int32_t* items, const float* gathered,
                                         int64_t count, const float* v, float* out, Coefficient&& coefficient) {
  constexpr int stride = 16 * Blocks;
  Vec16 acc[Blocks];
  for (int b = 0; b < Blocks; ++b) acc[b] = load16(out + 16 * b);
  for (int64_t k = 0; k < count; ++k) {
    const float* y;
    if constexpr (Source == RowSource::kGathered) {
      y = gathered + k * stride;
    } else {
      // Rows are scattered over a factor matrix that may not fit in cache (the
      // user factors of a large data set): ask for rows some entries ahead.
      if (ALS_PREFETCH_DISTANCE > 0 && k + ALS_PREFETCH_DISTANCE < count)
        prefetch_row<Blocks>(Y->row(items[k + ALS_PREFETCH_DISTANCE]));
      y = Y->row(items[k]);
    }
    Vec16 s = zero16();
    for (int b = 0; b < Blocks; ++b) {
      s = add16(s, mul16(load16(y + 16 * b), load16(v + 16 * b)));
    }
    const Vec16 c = splat16(coefficient(k, reduce16(s)));
    for (int b = 0; b < Blocks; ++b) acc[b] = add16(acc[b], mul16(c, load16(y + 16 * b)));
  }
  for (int b = 0; b < Blocks; ++b) store16(out + 16 * b, acc[b]);
}

template <RowSource Source, class Coefficient>
inline void accumulate_projections_any(int stride, const FactorMatrix* Y, const int32_t* items, const float* gathered,
                                       int64_t count, const float* v, float* out, Coefficient&& coefficient) {
#define ALS_PROJECTIONS_CASE(B) \
  case B:                       \
    return accumulate_projections_fixed<B, Source>(Y, items, gathered, count, v, out, coefficient);
  switch (stride / 16) {
    ALS_PROJECTIONS_CASE(1)
    ALS_PROJECTIONS_CASE(2)
    ALS_PROJECTIONS_CASE(3)
    ALS_PROJECTIONS_CASE(4)
    ALS_PROJECTIONS_CASE(5)
    ALS_PROJECTIONS_CASE(6)
    ALS_PROJECTIONS_CASE(7)
    ALS_PROJECTIONS_CASE(8)
    default:
      // Wide rows: the same arithmetic through memory.
      for (int64_t k = 0; k < count; ++k) {
        const float* y = Source == RowSource::kGathered ? gathered + k * stride : Y->row(items[k]);
        axpy(coefficient(k, dot(y, v, stride)), y, out, stride);
      }
  }
#undef ALS_PROJECTIONS_CASE
}

// Over Y[items[k]].
template <class Coefficient>
inline void accumulate_projections(const FactorMatrix& Y, const int32_t* items, int64_t count, const float* v,
                                   float* out, Coefficient&& coefficient) {
  accumulate_projections_any<RowSource::kScattered>(Y.stride(), &Y, items, nullptr, count, v, out, coefficient);
}

// Over rows gathered by gather_rows: row k at rows + k · stride.
template <class Coefficient>
inline void accumulate_projections_gathered(const float* rows, int stride, int64_t count, const float* v, float* out,
                                            Coefficient&& coefficient) {
  accumulate_projections_any<RowSource::kGathered>(stride, nullptr, nullptr, rows, count, v, out, coefficient);
}

// dest + k · stride = Y[items[k]], so that the passes of CG over a row read one
// contiguous block instead of rows scattered over Y. A loop of its own: it
// keeps many rows' cache misses in flight at once, where a copy fused into the
// first projection pass gets one or two (each entry's dot → coefficient → axpy
// fills the out-of-order window). In wasm on a 41 MB factor matrix that first
// pass took ~3x as long as copying first and then reading the block.
inline void gather_rows(const FactorMatrix& Y, const int32_t* items, int64_t count, float* dest) {
  const int stride = Y.stride();
  for (int64_t k = 0; k < count; ++k) {
    const float* y = Y.row(items[k]);
    float* d = dest + k * stride;
    for (int b = 0; b < stride; b += 16) store16(d + b, load16(y + b));
  }
}

}  // namespace als::kernels
