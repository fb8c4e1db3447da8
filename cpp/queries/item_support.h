// Item support: how many users kept each item (its kept ratings, or the
// listeners of an artist) — the evidence its factor vector was fitted to.
//
// Why a minimum: the factor vector of an item that a handful of users kept is
// fitted to those few rows only; it stays close to its random start, pulled
// towards 0 by the regularization, so its cosine to any other item is noise
// and its dot product with a user can come out high by chance. A list of
// "similar movies" led by films two people rated looks broken to a student,
// and recommender sites hide such items. Similar items and recommendations
// therefore leave out items below a minimum support by default; a minimum of
// 0 gives the raw output of the model (the tutorial's, and implicit's).
//
// The default rule: at least kDefaultMinSupport kept ratings. A data set so
// small that fewer than kMinItemsForSupportRule items reach that minimum (a
// test file, a toy set) gets no minimum, so its lists are not emptied.
//
// A minimum alone still lets an item 5 users kept lead a list ("similar to
// Star Wars": Gabbeh, 5 users, at #8). Where a minimum is in force, similar
// items also rank by a shrunk similarity, s · n / (n + β), n the users of the
// neighbour (the evidence behind its vector; the listed item's own n is the
// same for every neighbour, so it would not change the order): a neighbour of
// 5 users keeps half its cosine at β = 5, one of 200 users 98 %. β was chosen
// by `als neighbours` (held-out neighbour quality, cpp/eval/neighbour_quality.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"

namespace als {

constexpr int32_t kDefaultMinSupport = 5;
constexpr int32_t kMinItemsForSupportRule = 50;
// Where a minimum support is asked for: apply the default rule.
constexpr int32_t kUseDefaultMinSupport = -1;
// β of the shrinkage above.
constexpr double kDefaultSupportShrinkage = 5.0;

// The shrinkage that goes with a minimum support: β when one is in force, else 0 (the raw similarity).
inline double support_shrinkage_for(int32_t min_support) { return min_support > 0 ? kDefaultSupportShrinkage : 0.0; }

// n / (n + β) per item; empty when β <= 0 (no shrinkage).
std::vector<float> support_weights(const std::vector<int32_t>& support, double beta);

// support[i] = the number of users of item i (the row sizes of item x user).
std::vector<int32_t> item_support(const CsrMatrix& item_users);

// kDefaultMinSupport, or 0 when fewer than kMinItemsForSupportRule items reach it.
int32_t default_min_support(const std::vector<int32_t>& support);

// How many items a minimum support leaves out.
int32_t items_below_support(const std::vector<int32_t>& support, int32_t min_support);

}  // namespace als
