// A small planted fixture for the ranking models (BPR, LMF): users in groups,
// each liking about half of its group's items, some of those likes held out;
// and the AUC of a model on the held-out likes.
#pragma once

#include <cstdint>

#include "core/csr_matrix.h"
#include "models/recommender_model.h"

namespace als::testing {

struct PlantedSplit {
  CsrMatrix train;
  CsrMatrix held_out;  // same shape, disjoint from train
};

// users x items in `groups` blocks; a user likes each item of their group
// with probability 0.5, and a fifth of those likes are held out.
PlantedSplit planted_groups(int32_t users, int32_t items, int groups, uint64_t seed);

// Over users with held-out likes: the fraction of (held-out item, item the
// user never liked) pairs the model's scores of the training user order
// correctly, averaged over the users.
double held_out_auc(const FactorModel& model, const PlantedSplit& split);

}  // namespace als::testing
