// Everything a load produced (ratings with their external ids, items with
// titles and genres, value flags, every file report with its malformed-line
// examples, the warnings) as text: two loads are the same when their
// summaries are, and a difference reads as a diff.
#pragma once

#include <string>

#include "io/raw_interactions.h"

namespace als::testing {

std::string raw_summary(const RawInteractions& raw);

}  // namespace als::testing
