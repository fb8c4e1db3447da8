// The top K items of many users at once, their training items left out:
// what evaluate_model ranks, but 3-5x faster, for the tuner, which scores
// every trial on a validation split (per-user dot products made scoring cost
// more than training a trial).
//
//   score(u, i) = Σ_k x_u[k] · y_i[k]
//
// computed for 64 items of one user at a time from a copy of the item
// factors transposed in blocks of 64 items (factor k of the block's items
// side by side), so the multiply-adds run across items and need no
// horizontal sum; a block serves every user of a task while it is in cache.
// The sum runs over k in order, not in kernels::dot's lane order, so a score
// can differ from Recommender's in the last bits and a near-tie may rank the
// other way; the final test comparison uses the Recommender.
#pragma once

#include <cstdint>
#include <vector>

#include "als/als_model.h"
#include "core/csr_matrix.h"

namespace als {

class BlockTopK {
 public:
  static constexpr int kBlockItems = 64;

  // Copies the item factors; refers to the user factors (the model must outlive it).
  explicit BlockTopK(const AlsModel& model);

  // ids[j] = the top k items of users[j] (best first; ties: lower index),
  // without the items of their row in `exclude` (rows sorted ascending).
  void recommend(const CsrMatrix& exclude, const int32_t* users, int n, int k,
                 std::vector<std::vector<int32_t>>& ids) const;

 private:
  const FactorMatrix* users_;
  int factors_ = 0;
  int64_t items_ = 0, blocks_ = 0;
  std::vector<float> blocked_;  // block b, factor k, item j: [(b · factors + k) · 64 + j]
};

}  // namespace als
