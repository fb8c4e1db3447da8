#include "als/factor_kernels.h"

namespace als::kernels {

const char* simd_name() {
#if defined(ALS_KERNELS_AVX512)
  return "avx512";
#elif defined(ALS_KERNELS_AVX)
  return "avx";
#elif defined(ALS_KERNELS_WASM)
  return "wasm-simd128";
#else
  return "scalar";
#endif
}

}  // namespace als::kernels
