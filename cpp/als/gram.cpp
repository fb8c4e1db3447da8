#include "als/gram.h"

#include <algorithm>

#include "als/factor_kernels.h"

namespace als {

namespace {
constexpr int64_t kRowsPerBlock = 512;
}

GramMatrix gram_matrix(const FactorMatrix& Y, float regularization, ThreadPool& pool) {
  const int n = Y.stride();
  const int64_t blocks = (Y.rows() + kRowsPerBlock - 1) / kRowsPerBlock;
  std::vector<float> partial(static_cast<size_t>(std::max<int64_t>(blocks, 1)) * n * n, 0.0f);

  // Each block: G_b[a] += Y[i][a] * Y[i] for its rows — an axpy per (row, a),
  // only for a up to the factors in use (padding columns are zero).
  pool.parallel_for(blocks, [&](int64_t b) {
    float* g = partial.data() + static_cast<size_t>(b) * n * n;
    const int64_t end = std::min(Y.rows(), (b + 1) * kRowsPerBlock);
    for (int64_t i = b * kRowsPerBlock; i < end; ++i) {
      const float* y = Y.row(i);
      for (int a = 0; a < Y.factors(); ++a)
        if (y[a] != 0.0f) kernels::axpy(y[a], y, g + static_cast<size_t>(a) * n, n);
    }
  });

  GramMatrix G;
  G.stride = n;
  G.values.assign(static_cast<size_t>(n) * n, 0.0f);
  for (int64_t b = 0; b < blocks; ++b) {
    const float* g = partial.data() + static_cast<size_t>(b) * n * n;
    for (size_t k = 0; k < G.values.size(); ++k) G.values[k] += g[k];
  }
  for (int a = 0; a < Y.factors(); ++a) G.row(a)[a] += regularization;
  return G;
}

}  // namespace als
