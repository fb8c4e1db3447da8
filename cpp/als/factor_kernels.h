// The vector kernels every solver is built from. n is a row stride: a multiple
// of kFactorLanes (16). Loads are unaligned (free on aligned data), so the
// Gram matrix and scratch vectors need no special allocation.
//
// Summation order is fixed: element k accumulates into lane k mod 16, then the
// lanes are folded pairwise (l + 8, l + 4, l + 2, l + 1). No fused multiply-add
// is used. The AVX (2 x 8 lanes), wasm SIMD128 (4 x 4 lanes) and portable
// (16 scalars) versions therefore give bit-identical results, so the native
// and the WebAssembly engines train the very same model for the same seed.
#pragma once

#include <cstdint>

#include "core/factor_matrix.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define ALS_KERNELS_WASM 1
#elif defined(__AVX__)
#include <immintrin.h>
#define ALS_KERNELS_AVX 1
#endif

namespace als::kernels {

const char* simd_name();

#if defined(ALS_KERNELS_AVX)

// sum_k a[k] * b[k]
inline float dot(const float* a, const float* b, int n) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  for (int k = 0; k < n; k += 16) {
    s0 = _mm256_add_ps(s0, _mm256_mul_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k)));
    s1 = _mm256_add_ps(s1, _mm256_mul_ps(_mm256_loadu_ps(a + k + 8), _mm256_loadu_ps(b + k + 8)));
  }
  __m256 t = _mm256_add_ps(s0, s1);                                          // l + 8
  __m128 u = _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1));  // l + 4
  __m128 w = _mm_add_ps(u, _mm_movehl_ps(u, u));                              // l + 2
  __m128 z = _mm_add_ss(w, _mm_shuffle_ps(w, w, 1));                          // l + 1
  return _mm_cvtss_f32(z);
}

// y += alpha * x
inline void axpy(float alpha, const float* x, float* y, int n) {
  const __m256 a = _mm256_set1_ps(alpha);
  for (int k = 0; k < n; k += 8)
    _mm256_storeu_ps(y + k, _mm256_add_ps(_mm256_loadu_ps(y + k), _mm256_mul_ps(a, _mm256_loadu_ps(x + k))));
}

// p = r + beta * p
inline void scale_add(float beta, float* p, const float* r, int n) {
  const __m256 b = _mm256_set1_ps(beta);
  for (int k = 0; k < n; k += 8)
    _mm256_storeu_ps(p + k, _mm256_add_ps(_mm256_loadu_ps(r + k), _mm256_mul_ps(b, _mm256_loadu_ps(p + k))));
}

#elif defined(ALS_KERNELS_WASM)

inline float dot(const float* a, const float* b, int n) {
  v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0;
  for (int k = 0; k < n; k += 16) {
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a + k), wasm_v128_load(b + k)));
    s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(a + k + 4), wasm_v128_load(b + k + 4)));
    s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(wasm_v128_load(a + k + 8), wasm_v128_load(b + k + 8)));
    s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(wasm_v128_load(a + k + 12), wasm_v128_load(b + k + 12)));
  }
  v128_t u = wasm_f32x4_add(wasm_f32x4_add(s0, s2), wasm_f32x4_add(s1, s3));  // l + 8, then l + 4
  v128_t w = wasm_f32x4_add(u, wasm_i32x4_shuffle(u, u, 2, 3, 2, 3));          // l + 2
  return wasm_f32x4_extract_lane(w, 0) + wasm_f32x4_extract_lane(w, 1);       // l + 1
}

inline void axpy(float alpha, const float* x, float* y, int n) {
  const v128_t a = wasm_f32x4_splat(alpha);
  for (int k = 0; k < n; k += 4)
    wasm_v128_store(y + k, wasm_f32x4_add(wasm_v128_load(y + k), wasm_f32x4_mul(a, wasm_v128_load(x + k))));
}

inline void scale_add(float beta, float* p, const float* r, int n) {
  const v128_t b = wasm_f32x4_splat(beta);
  for (int k = 0; k < n; k += 4)
    wasm_v128_store(p + k, wasm_f32x4_add(wasm_v128_load(r + k), wasm_f32x4_mul(b, wasm_v128_load(p + k))));
}

#else

inline float dot(const float* a, const float* b, int n) {
  float s[16] = {};
  for (int k = 0; k < n; k += 16)
    for (int l = 0; l < 16; ++l) s[l] = s[l] + a[k + l] * b[k + l];
  for (int width = 8; width >= 1; width /= 2)
    for (int l = 0; l < width; ++l) s[l] = s[l] + s[l + width];
  return s[0];
}

inline void axpy(float alpha, const float* x, float* y, int n) {
  for (int k = 0; k < n; ++k) y[k] = y[k] + alpha * x[k];
}

inline void scale_add(float beta, float* p, const float* r, int n) {
  for (int k = 0; k < n; ++k) p[k] = r[k] + beta * p[k];
}

#endif

// y = A x for a dense n x n row-major matrix (YtY), one dot per row.
inline void gemv(const float* A, const float* x, float* y, int n) {
  for (int a = 0; a < n; ++a) y[a] = dot(A + static_cast<int64_t>(a) * n, x, n);
}

}  // namespace als::kernels
