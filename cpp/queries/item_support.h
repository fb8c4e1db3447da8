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
#pragma once

#include <cstdint>
#include <vector>

#include "core/csr_matrix.h"

namespace als {

constexpr int32_t kDefaultMinSupport = 5;
constexpr int32_t kMinItemsForSupportRule = 50;
// Where a minimum support is asked for: apply the default rule.
constexpr int32_t kUseDefaultMinSupport = -1;

// support[i] = the number of users of item i (the row sizes of item x user).
std::vector<int32_t> item_support(const CsrMatrix& item_users);

// kDefaultMinSupport, or 0 when fewer than kMinItemsForSupportRule items reach it.
int32_t default_min_support(const std::vector<int32_t>& support);

// How many items a minimum support leaves out.
int32_t items_below_support(const std::vector<int32_t>& support, int32_t min_support);

}  // namespace als
