// A kind's settings by name, for the page's forms and the CLI's flags:
// "factors", "regularization", "iterations", "alpha" (ALS), "learning_rate",
// "neg_prop" (LMF), "neighbours", "bm25_k1", "bm25_b" (item-item), "seed".
// One table, so both offer the same settings with the same defaults.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/model_settings.h"

namespace als {

// The settings `settings.kind` has, with their values (a fresh ModelSettings: the defaults).
std::vector<std::pair<std::string, double>> model_options(const ModelSettings& settings);

// "factors 100, learning_rate 0.01, ..." ("" for a kind without settings).
std::string model_options_text(const ModelSettings& settings);

// Sets one; throws std::invalid_argument naming the kind's settings when it has no `name`.
void set_model_option(ModelSettings& settings, const std::string& name, double value);

}  // namespace als
