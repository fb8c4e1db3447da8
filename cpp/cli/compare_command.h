// `als compare DATA [--models als,explicit-als,bpr,...] [--k 10] [--test-fraction 0.2]`:
// the page's Compare step on the command line — every model trained on the
// same split and scored with the same code, one table, popularity first.
// ALS takes the usual model options; the others their library's defaults, or
// `--set kind.setting=value,...` (e.g. --set bpr.learning_rate=0.05,knn-bm25.neighbours=50).
#pragma once

#include "als/als_config.h"
#include "cli/arguments.h"
#include "data/dataset.h"

namespace als::cli {

int run_compare(const Arguments& args, const Dataset& data, const AlsConfig& als);

}  // namespace als::cli
