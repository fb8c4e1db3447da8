// What every command reads from its arguments about the data: the files (or
// folders) loaded and prepared with the data options, items named by id, the
// liked items of a new user, and the minimum-support rule of the queries.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "data/dataset.h"
#include "queries/recommender.h"

namespace als::cli {

double seconds_since(std::chrono::steady_clock::time_point start);

// The files read and prepared (threshold, duplicates, matrix), trainable or not.
Dataset read_dataset(const Arguments& args);
// Fewer than 2 users or 2 items after the threshold: refused, saying what to change.
void require_trainable(const Dataset& data);
Dataset load_dataset(const Arguments& args);  // read and required trainable

// The row of item `id` (UsageError when the data do not have it).
int32_t item_index(const Dataset& data, const std::string& id);
// --liked 2571:5,1196,260:4  -> items with ratings (default 5)
UserItems liked_items(const Arguments& args, const Dataset& data);
// --min-support N, --include-rare (0), else the default rule for these data.
int32_t min_support(const Arguments& args, const Dataset& data);
// "(items with at least 5 users: 1,234 of 9,724 items left out; --include-rare lists them)"
std::string support_note(const Dataset& data, int32_t minimum);
// The line under a similar-items list: the shrinkage that goes with the minimum (queries/item_support.h).
std::string shrinkage_note(int32_t minimum);

}  // namespace als::cli
