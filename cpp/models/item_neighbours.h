// implicit's all_pairs_knn: for each item i (a row of the weighted item x user
// matrix X), the K largest s_ij = x_i · x_j over all items j, i itself included,
// as the sparse rows of S (columns ascending). A zero s_ij is no neighbour.
// Ties: the lower item index first. Rows [begin, end) only, so training runs
// in slices; each pool task writes only its own rows: the result does not
// depend on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "core/parallel.h"
#include "queries/top_k.h"

namespace als {

// rows_out[i - begin] = the K neighbours of item i, for i in [begin, end).
// x: item x user, xt: its transpose (user x item).
void item_neighbour_rows(const CsrMatrix& x, const CsrMatrix& xt, int k, int32_t begin, int32_t end, ThreadPool& pool,
                         std::vector<std::vector<ScoredItem>>& rows_out);

// The rows as an item x item CSR matrix.
CsrMatrix csr_of_rows(int32_t items, const std::vector<std::vector<ScoredItem>>& rows);

}  // namespace als
