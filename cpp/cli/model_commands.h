// `als train|similar|recommend|explain|predict --algorithm KIND`: the model
// commands for every kind behind the one interface (models/recommender_model.h)
// — BPR, LMF, explicit ALS, the item-item kNN models, popularity — and for a
// model file of such a kind (--model F.als says its kind). The tutorial's ALS
// keeps its own path in als_cli.cpp (fold-in by name, --retrain, .npz import).
//
// A kind's settings: its library's defaults, or --set setting=value,...
// (e.g. --algorithm bpr --set learning_rate=0.05,iterations=50).
#pragma once

#include <string>

#include "cli/arguments.h"

namespace als::cli {

// Whether `command` with these arguments goes through the generic path: an
// --algorithm other than als, or a --model file of another kind.
bool uses_other_kind(const Arguments& args);

int run_model_command(const std::string& command, const Arguments& args);

}  // namespace als::cli
