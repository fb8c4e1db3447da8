#include "data/dataset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace als {
namespace {

// Builds raw interactions as the loader would: ids interned in file order.
RawInteractions raw_from(const std::vector<std::tuple<std::string, std::string, float>>& ratings) {
  RawInteractions raw;
  for (const auto& [u, i, v] : ratings) {
    raw.ratings.push_back({raw.users.intern(u), raw.items.intern(i), v});
    raw.integer_values = raw.integer_values && v == std::floor(v);
    raw.half_star_values = raw.half_star_values && 2 * v == std::floor(2 * v);
  }
  raw.sync_item_columns();
  raw.ratings_format = FileFormat::kMovieLensDatRatings;
  return raw;
}

TEST(PrepareDataset, ThresholdKeepsRatingsOfThreeOrMoreAndShapesExactly) {
  RawInteractions raw = raw_from({{"1", "10", 5}, {"1", "20", 2}, {"2", "20", 1}, {"3", "30", 3}, {"3", "10", 4}});
  raw.item_titles[raw.items.find("10")] = "Ten";
  const Dataset d = prepare_dataset(raw, default_prepare_options(raw.ratings_format));
  EXPECT_EQ(d.user_count(), 2);  // user 2 kept nothing
  EXPECT_EQ(d.item_count(), 2);  // item 20 kept nothing
  EXPECT_EQ(d.stats.kept_ratings, 3);
  EXPECT_EQ(d.stats.below_threshold, 2);
  EXPECT_EQ(d.stats.raw_users, 3);
  EXPECT_EQ(d.stats.raw_items, 3);
  EXPECT_NEAR(d.stats.kept_share, 3.0 / 5, 1e-12);
  EXPECT_NEAR(d.stats.density, 3.0 / 4, 1e-12);
  EXPECT_EQ(d.users.external_id(0), "1");
  EXPECT_EQ(d.items.external_id(1), "30");
  EXPECT_EQ(d.title(0), "Ten");
  EXPECT_EQ(d.title(1), "Item 30");
  EXPECT_EQ(d.stats.items_without_titles, 1);
  EXPECT_EQ(d.user_items.at(1, 0), 4.0f);
  EXPECT_EQ(d.item_users.at(0, 1), 4.0f);
}

TEST(PrepareDataset, NaturalIdOrderWhateverTheFileOrder) {
  const Dataset a = prepare_dataset(raw_from({{"10", "b", 5}, {"9", "a", 4}, {"100", "b", 3}}), PrepareOptions{});
  EXPECT_EQ(a.users.external_ids(), (std::deque<std::string>{"9", "10", "100"}));
  EXPECT_EQ(a.items.external_ids(), (std::deque<std::string>{"a", "b"}));
}

TEST(PrepareDataset, DuplicatesFollowTheRule) {
  const RawInteractions raw = raw_from({{"1", "1", 4}, {"1", "1", 2}, {"1", "2", 5}});
  PrepareOptions last;
  const Dataset a = prepare_dataset(raw, last);
  EXPECT_EQ(a.stats.duplicates_merged, 1);
  EXPECT_EQ(a.stats.kept_ratings, 1) << "the later 2 replaced 4 and fell below 3";
  PrepareOptions sum;
  sum.duplicates = DuplicateRule::kSum;
  EXPECT_EQ(prepare_dataset(raw, sum).user_items.at(0, 0), 6.0f);
  PrepareOptions binary;
  binary.value_mode = ValueMode::kBinary;
  EXPECT_EQ(prepare_dataset(raw, binary).user_items.at(0, 0), 1.0f) << "only item 2 kept: index 0";
}

TEST(PrepareDataset, EverythingFilteredLeavesAnEmptyShape) {
  const Dataset d = prepare_dataset(raw_from({{"1", "1", 1}, {"2", "1", 2}}), PrepareOptions{});
  EXPECT_EQ(d.user_count(), 0);
  EXPECT_EQ(d.item_count(), 0);
  EXPECT_EQ(d.stats.kept_share, 0);
}

TEST(PrepareDataset, HistogramHasOneBinPerHalfStar) {
  RawInteractions raw = raw_from({{"1", "1", 0.5f}, {"1", "2", 5}, {"2", "1", 3.5f}, {"3", "1", 3.5f}});
  const Dataset d = prepare_dataset(raw, PrepareOptions{});
  ASSERT_EQ(d.stats.histogram.size(), 10u);
  EXPECT_EQ(d.stats.histogram[0].label, "0.5");
  EXPECT_EQ(d.stats.histogram[6].label, "3.5");
  EXPECT_EQ(d.stats.histogram[6].count, 2);
  EXPECT_EQ(d.stats.histogram[9].count, 1);
}

TEST(PrepareDataset, PlayCountsGetPowerOfTwoBins) {
  std::vector<Triplet> plays = {{0, 0, 1}, {0, 1, 3}, {0, 2, 900}};
  const auto bins = value_histogram(plays, true, true);
  EXPECT_EQ(bins.front().label, "1");
  EXPECT_EQ(bins[1].label, "2-3");
  EXPECT_EQ(bins[1].count, 1);
  EXPECT_EQ(bins.back().count, 1);
}

TEST(WithAddedUser, AppendsOneRow) {
  const Dataset d = prepare_dataset(raw_from({{"1", "1", 4}, {"2", "2", 5}, {"2", "3", 5}}), PrepareOptions{});
  const Dataset me = with_added_user(d, "me", {2, 0, 2}, {5, 4, 3});
  EXPECT_EQ(me.user_count(), 3);
  EXPECT_EQ(me.users.external_id(2), "me");
  EXPECT_EQ(me.user_items.row_size(2), 2);
  EXPECT_EQ(me.user_items.at(2, 2), 3.0f);
  EXPECT_EQ(me.item_users.row_size(0), 2);
  EXPECT_THROW(with_added_user(me, "me", {0}, {1}), std::invalid_argument);
}

TEST(MostPopular, CountsUsersPerItem) {
  const Dataset d =
      prepare_dataset(raw_from({{"1", "a", 4}, {"2", "b", 5}, {"3", "b", 5}, {"3", "c", 5}}), PrepareOptions{});
  EXPECT_EQ(most_popular_items(d, 2), (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(most_popular_items(d, 10).size(), 3u);
}

// The median of the kept values (a favorite artist's default play count):
// counted by half steps for ratings and plays, sorted otherwise; the same
// answer both ways as a plain sort.
TEST(MedianValue, CountsHalfStepsOrSortsAndAgreesWithASort) {
  EXPECT_EQ(median_value({}), 0.0);
  EXPECT_EQ(median_value({7}), 7.0);
  EXPECT_EQ(median_value({5, 1, 3}), 3.0);
  EXPECT_EQ(median_value({4, 1, 3, 2}), 2.0) << "the lower middle one";
  EXPECT_EQ(median_value({0.5f, 4.5f, 4.5f}), 4.5);
  EXPECT_EQ(median_value({1e6f, 2e6f, 3, 1}), 3.0) << "large play counts: sorted, not counted";
  EXPECT_EQ(median_value({0.25f, 0.75f, -1}), 0.25) << "not half steps";
  std::vector<float> plays;
  for (int k = 0; k < 1001; ++k) plays.push_back(static_cast<float>((k * 7919) % 5000));
  std::vector<float> sorted = plays;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(median_value(plays), sorted[500]);
  const Dataset d =
      prepare_dataset(raw_from({{"1", "a", 4}, {"2", "b", 5}, {"3", "b", 3}, {"3", "c", 1}}), PrepareOptions{});
  EXPECT_EQ(d.stats.median_kept_value, 4.0) << "of the kept values 4, 5, 3";
}

}  // namespace
}  // namespace als
