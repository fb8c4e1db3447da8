#include "support/ranking_fixture.h"

#include <vector>

#include "als/factor_kernels.h"
#include "core/random.h"

namespace als::testing {

PlantedSplit planted_groups(int32_t users, int32_t items, int groups, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<Triplet> train, held_out;
  for (int32_t u = 0; u < users; ++u)
    for (int32_t i = 0; i < items; ++i) {
      if (u % groups != i % groups || rng.uniform() >= 0.5) continue;
      (rng.uniform() < 0.2 ? held_out : train).push_back({u, i, 1.0f});
    }
  return {csr_from_triplets(users, items, train, DuplicateRule::kLast),
          csr_from_triplets(users, items, held_out, DuplicateRule::kLast)};
}

double held_out_auc(const FactorModel& model, const PlantedSplit& split) {
  const FactorMatrix& X = model.user_factors();
  const FactorMatrix& Y = model.item_factors();
  double sum = 0;
  int counted = 0;
  for (int32_t u = 0; u < split.train.rows; ++u) {
    if (split.held_out.row_size(u) == 0) continue;
    std::vector<float> scores(static_cast<size_t>(Y.rows()));
    for (int32_t i = 0; i < Y.rows(); ++i) scores[i] = kernels::dot(X.row(u), Y.row(i), Y.stride());
    int64_t ordered = 0, pairs = 0;
    for (int64_t k = split.held_out.row_begin(u); k < split.held_out.row_end(u); ++k)
      for (int32_t j = 0; j < Y.rows(); ++j) {
        if (split.train.at(u, j) != 0 || split.held_out.at(u, j) != 0) continue;
        ++pairs;
        if (scores[split.held_out.indices[k]] > scores[j]) ++ordered;
      }
    if (pairs == 0) continue;
    sum += static_cast<double>(ordered) / pairs;
    ++counted;
  }
  return counted ? sum / counted : 0.0;
}

}  // namespace als::testing
