// implicit 0.7's weightings of the item x user matrix X (nearest_neighbours.py),
// applied before the item-item dot products:
//   cosine:  x_iu / ‖x_i‖                                  (normalize)
//   TF-IDF:  normalize(√x_iu · idf_u), idf_u = log(N / (1 + n_u))
//   BM25:    x_iu (K1 + 1) / (K1 · L_i + x_iu) · idf_u,  L_i = (1 − B) + B · |x_i|₁ / mean |x|₁
// N: the rows of X (items), n_u: the items user u has in X.
#pragma once

#include "core/csr_matrix.h"

namespace als {

CsrMatrix normalize_rows(CsrMatrix x);
CsrMatrix tfidf_weight(CsrMatrix x);
CsrMatrix bm25_weight(CsrMatrix x, float k1, float b);

}  // namespace als
