// G = YᵀY, the f x f Gram matrix of a factor matrix, computed once per half
// step (HKV 2008, section 4: the trick that makes each row's solve cheap).
#pragma once

#include <vector>

#include "core/factor_matrix.h"
#include "core/parallel.h"

namespace als {

// A dense symmetric stride x stride matrix, row-major (padding rows/cols zero).
struct GramMatrix {
  int stride = 0;
  std::vector<float> values;  // stride * stride
  const float* row(int a) const { return values.data() + static_cast<size_t>(a) * stride; }
  float* row(int a) { return values.data() + static_cast<size_t>(a) * stride; }
};

// YᵀY + regularization·I. Rows are summed in fixed blocks whose partial sums
// are added in block order, so the result does not depend on the thread count.
GramMatrix gram_matrix(const FactorMatrix& Y, float regularization, ThreadPool& pool);

}  // namespace als
