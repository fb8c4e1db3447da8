// A held-out check of similar items (issue: "neighbours a student believes").
// Each user's ratings are split (eval/split.h); a model is trained on the
// training part; for an item i, its listed neighbours j are scored by how many
// of the users who kept i in the test part also kept j there:
//
//   quality(i, j) = |T_i ∩ T_j| / |T_i|,   T_i = the users of i in the test part,
//
// averaged over the listed pairs (items with no test user left out). A list
// led by items a handful of users kept scores low: those few users are rarely
// among i's. Beside it, how many listed neighbours fewer than 10 and 20 users
// kept, the figure a student sees.
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"
#include "queries/top_k.h"

namespace als {

struct NeighbourQuality {
  int64_t listed = 0;    // neighbours listed (an item itself is not its neighbour)
  int64_t under_10 = 0;  // of them, kept by fewer than 10 users
  int64_t under_20 = 0;  // ... fewer than 20
  double held_out = 0;   // the mean of quality(i, j) over the pairs whose T_i is not empty
  int64_t scored = 0;    // those pairs
};

// lists[k]: the neighbours of items[k] (items[k] itself, if listed, is skipped);
// support: users per item (for the < 10 and < 20 counts); test_item_users:
// item x user of the test part, rows sorted.
NeighbourQuality neighbour_quality(const std::vector<int32_t>& items, const std::vector<std::vector<ScoredItem>>& lists,
                                   const std::vector<int32_t>& support, const CsrMatrix& test_item_users);

// The n items most users kept, most first (ties: the lower index).
std::vector<int32_t> most_supported_items(const std::vector<int32_t>& support, int n);

}  // namespace als
