#include "eval/split.h"

#include <numeric>
#include <stdexcept>
#include <vector>

#include "core/random.h"

namespace als {

namespace {

// Builds the two matrices from a per-entry choice (true = test).
TrainTestSplit split_by(const CsrMatrix& m, const std::vector<bool>& to_test) {
  TrainTestSplit s;
  for (CsrMatrix* out : {&s.train, &s.test}) {
    out->rows = m.rows;
    out->cols = m.cols;
    out->indptr.assign(static_cast<size_t>(m.rows) + 1, 0);
  }
  for (int32_t u = 0; u < m.rows; ++u) {
    for (int64_t k = m.indptr[u]; k < m.indptr[u + 1]; ++k) {
      if (!to_test[k]) {
        s.train.indices.push_back(m.indices[k]);
        s.train.values.push_back(m.values[k]);
      } else if (m.values[k] > 0) {  // a dislike is no hit to find
        s.test.indices.push_back(m.indices[k]);
        s.test.values.push_back(m.values[k]);
      }
    }
    s.train.indptr[u + 1] = s.train.nnz();
    s.test.indptr[u + 1] = s.test.nnz();
  }
  return s;
}

}  // namespace

TrainTestSplit train_test_split(const CsrMatrix& ratings, double train_fraction, uint64_t seed) {
  if (!(train_fraction > 0 && train_fraction < 1))
    throw std::invalid_argument("train fraction must be between 0 and 1");
  SplitMix64 rng(seed);
  std::vector<bool> to_test(ratings.nnz());
  for (int64_t k = 0; k < ratings.nnz(); ++k) to_test[k] = rng.uniform() >= train_fraction;
  return split_by(ratings, to_test);
}

TrainTestSplit leave_k_out_split(const CsrMatrix& ratings, int k, uint64_t seed) {
  if (k < 1) throw std::invalid_argument("leave-k-out needs k >= 1");
  SplitMix64 rng(seed);
  std::vector<bool> to_test(ratings.nnz(), false);
  std::vector<int64_t> positions;
  for (int32_t u = 0; u < ratings.rows; ++u) {
    const int64_t n = ratings.row_size(u);
    if (n <= k + 1) continue;
    // k distinct positions of the row: a partial Fisher–Yates shuffle.
    positions.resize(n);
    std::iota(positions.begin(), positions.end(), ratings.indptr[u]);
    for (int j = 0; j < k; ++j) {
      const int64_t pick = j + static_cast<int64_t>(rng.below(static_cast<uint64_t>(n - j)));
      std::swap(positions[j], positions[pick]);
      to_test[positions[j]] = true;
    }
  }
  return split_by(ratings, to_test);
}

}  // namespace als
