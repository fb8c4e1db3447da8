// `als neighbours DATA [--most-popular 50] [--count 10] [--test-fraction 0.2] [--shrinkage 2,5,10,20]`:
// the held-out check of similar items (eval/neighbour_quality.h). ALS (the
// model options) is trained on the training part once; the neighbours of the
// most popular items are listed under each rule — every item (the raw cosine),
// the minimum support alone, and the minimum with each shrinkage β — and
// scored: how many few users kept, and how often the test users of the item
// kept them too. The page's rule is the last row but one's β (queries/item_support.h).
#pragma once

#include "als/als_config.h"
#include "cli/arguments.h"
#include "data/dataset.h"

namespace als::cli {

int run_neighbours(const Arguments& args, const Dataset& data, const AlsConfig& als);

}  // namespace als::cli
