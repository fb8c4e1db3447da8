// The held-out check of similar items (eval/neighbour_quality.h) by hand.
#include "eval/neighbour_quality.h"

#include <gtest/gtest.h>

namespace als {
namespace {

TEST(NeighbourQuality, SharesOfTheItemsTestUsersWhoKeptEachNeighbour) {
  // Test part, items x users: item 0 by users 0,1,2,3; item 1 by 0,1; item 2 by 4; item 3 by nobody.
  const CsrMatrix test = csr_from_triplets(
      4, 5, {{0, 0, 1}, {0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {1, 0, 1}, {1, 1, 1}, {2, 4, 1}}, DuplicateRule::kLast);
  const std::vector<int32_t> support = {40, 15, 5, 30};
  // Item 0 lists itself (skipped), 1 (2 of its 4 test users) and 2 (none of them);
  // item 3 has no test user: its neighbours count as listed, not as scored.
  const NeighbourQuality q = neighbour_quality({0, 3}, {{{0, 1.0f}, {1, 0.9f}, {2, 0.8f}}, {{0, 0.5f}}}, support, test);
  EXPECT_EQ(q.listed, 3);
  EXPECT_EQ(q.under_10, 1) << "item 2: 5 users";
  EXPECT_EQ(q.under_20, 2) << "and item 1: 15";
  EXPECT_EQ(q.scored, 2);
  EXPECT_DOUBLE_EQ(q.held_out, (2.0 / 4 + 0.0 / 4) / 2);
  EXPECT_THROW(neighbour_quality({0}, {}, support, test), std::invalid_argument);
}

TEST(NeighbourQuality, MostSupportedItemsMostFirstTiesByIndex) {
  EXPECT_EQ(most_supported_items({3, 9, 9, 1, 20}, 3), (std::vector<int32_t>{4, 1, 2}));
  EXPECT_EQ(most_supported_items({3, 9}, 5), (std::vector<int32_t>{1, 0})) << "no more than there are";
  EXPECT_TRUE(most_supported_items({3, 9}, 0).empty());
}

}  // namespace
}  // namespace als
