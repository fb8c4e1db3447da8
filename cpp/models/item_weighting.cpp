#include "models/item_weighting.h"

#include <cmath>

namespace als {

namespace {
// idf_u = log(N / (1 + n_u)) per column of x.
std::vector<double> idf_of(const CsrMatrix& x) {
  std::vector<double> counts(x.cols, 0);
  for (int32_t c : x.indices) counts[c] += 1;
  std::vector<double> idf(x.cols);
  for (int32_t c = 0; c < x.cols; ++c) idf[c] = std::log(static_cast<double>(x.rows) / (1 + counts[c]));
  return idf;
}
}  // namespace

CsrMatrix normalize_rows(CsrMatrix x) {
  for (int32_t r = 0; r < x.rows; ++r) {
    double sq = 0;
    for (int64_t k = x.row_begin(r); k < x.row_end(r); ++k) sq += static_cast<double>(x.values[k]) * x.values[k];
    const double norm = std::sqrt(sq);
    // numpy gives 0/0 = NaN for an all-zero row; such a row has no neighbours, so 0 here.
    for (int64_t k = x.row_begin(r); k < x.row_end(r); ++k)
      x.values[k] = norm > 0 ? static_cast<float>(x.values[k] / norm) : 0.0f;
  }
  return x;
}

CsrMatrix tfidf_weight(CsrMatrix x) {
  const std::vector<double> idf = idf_of(x);
  for (int64_t k = 0; k < x.nnz(); ++k)
    x.values[k] = static_cast<float>(std::sqrt(static_cast<double>(x.values[k])) * idf[x.indices[k]]);
  return normalize_rows(std::move(x));
}

CsrMatrix bm25_weight(CsrMatrix x, float k1, float b) {
  const std::vector<double> idf = idf_of(x);
  std::vector<double> row_sums(x.rows, 0);
  double total = 0;
  for (int32_t r = 0; r < x.rows; ++r) {
    for (int64_t k = x.row_begin(r); k < x.row_end(r); ++k) row_sums[r] += x.values[k];
    total += row_sums[r];
  }
  const double average_length = x.rows > 0 ? total / x.rows : 0;
  for (int32_t r = 0; r < x.rows; ++r) {
    const double length_norm = (1.0 - b) + (average_length > 0 ? b * row_sums[r] / average_length : 0.0);
    for (int64_t k = x.row_begin(r); k < x.row_end(r); ++k) {
      const double v = x.values[k];
      x.values[k] = static_cast<float>(v * (k1 + 1.0) / (k1 * length_norm + v) * idf[x.indices[k]]);
    }
  }
  return x;
}

}  // namespace als
