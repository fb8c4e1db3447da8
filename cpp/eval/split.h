// Hold-out splits of an interaction matrix, seeded so the same seed gives the
// same split. Semantics of implicit.evaluation (0.7.3); its random numbers are
// numpy's, so the exact cells chosen differ, the proportions do not.
#pragma once

#include <cstdint>

#include "core/csr_matrix.h"

namespace als {

struct TrainTestSplit {
  CsrMatrix train;
  CsrMatrix test;  // same shape; only entries with a positive value
};

// Each interaction goes to train with probability train_fraction.
TrainTestSplit train_test_split(const CsrMatrix& ratings, double train_fraction, uint64_t seed);

// For every user with more than k + 1 interactions, k random ones go to test.
TrainTestSplit leave_k_out_split(const CsrMatrix& ratings, int k, uint64_t seed);

}  // namespace als
