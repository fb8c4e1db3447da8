// `als tune DATA --budget SECONDS [--metric ndcg@10] [--seed S]`: searches
// factors, regularization, alpha (and the scaling, for play counts) and
// iterations on a validation split, prints each trial as it finishes, the
// tuned and the tutorial's settings next to popularity on the test split,
// and last the best settings as flags for `als train` / `als evaluate`.
#pragma once

#include "als/als_config.h"
#include "cli/arguments.h"
#include "data/dataset.h"

namespace als::cli {

// base: the settings the search keeps (solver, CG steps, convention, seed, threads).
int run_tune(const Arguments& args, const Dataset& data, const AlsConfig& base);

// Settings `als tune` searches, so it refuses them as options.
extern const char* const kTunedOptions[5];

}  // namespace als::cli
