// A 2-D map of the item embedding for the picture in the app: the item
// factors projected on their first two principal components (PCA of the
// centred factors), so items the model finds alike land close together.
#pragma once

#include <vector>

#include "core/factor_matrix.h"

namespace als {

// x0, y0, x1, y1, ... for every item (rows of item_factors).
std::vector<float> principal_plane(const FactorMatrix& item_factors);

}  // namespace als
