// Preparation on several threads, and its shortcut for sorted rows, give the
// same data set as the plain sequential path: the parallel transpose against
// the sequential one, and prepare_dataset with and without a pool, with each
// user's items in id order (MovieLens files) and shuffled.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "core/csr_matrix.h"
#include "core/parallel.h"
#include "data/dataset.h"

namespace als {
namespace {

void expect_same_matrix(const CsrMatrix& a, const CsrMatrix& b) {
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.cols, b.cols);
  EXPECT_TRUE(a.indptr == b.indptr);
  EXPECT_TRUE(a.indices == b.indices);
  EXPECT_TRUE(a.values == b.values);
}

// users x items with about `per_user` ratings each, items in id order or shuffled.
RawInteractions ratings(int32_t users, int32_t items, int per_user, bool shuffled, uint64_t seed) {
  std::mt19937_64 rng(seed);
  RawInteractions raw;
  for (int32_t i = 0; i < items; ++i) raw.items.intern(std::to_string(i + 1));
  for (int32_t u = 0; u < users; ++u) {
    raw.users.intern(std::to_string(u + 1));
    std::vector<int32_t> row;
    for (int k = 0; k < per_user; ++k) row.push_back(static_cast<int32_t>(rng() % items));
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    if (shuffled) std::shuffle(row.begin(), row.end(), rng);
    for (int32_t i : row) raw.ratings.push_back({u, i, 0.5f * static_cast<float>(1 + rng() % 10)});
  }
  raw.ratings_format = FileFormat::kMovieLensCsvRatings;
  raw.sync_item_columns();
  return raw;
}

TEST(PrepareParallel, TheParallelTransposeIsTheSequentialOne) {
  const RawInteractions raw = ratings(20000, 5000, 150, true, 3);  // 3M entries: parts of 1M and more
  const CsrMatrix m = csr_from_triplets(raw.users.size(), raw.items.size(), raw.ratings, DuplicateRule::kLast);
  ASSERT_GT(m.nnz(), 2'500'000);
  const CsrMatrix expected = transpose(m);
  for (int threads : {1, 2, 3, 4}) {
    ThreadPool pool(threads);
    SCOPED_TRACE(threads);
    expect_same_matrix(transpose(m, pool), expected);
  }
  CsrMatrix small = csr_from_triplets(3, 4, {{0, 1, 1}, {2, 3, 2}, {2, 0, 3}}, DuplicateRule::kLast);
  ThreadPool pool(2);
  expect_same_matrix(transpose(small, pool), transpose(small));  // too small to split: the sequential path
}

// transpose_in_order against its definition: the plain transpose of the rows
// taken in the visiting order, each entry's column mapped back to its row.
TEST(PrepareParallel, TheTransposeInOrderListsEachColumnsRowsInTheVisitingOrder) {
  const RawInteractions raw = ratings(20000, 5000, 150, true, 5);
  const CsrMatrix m = csr_from_triplets(raw.users.size(), raw.items.size(), raw.ratings, DuplicateRule::kLast);
  std::vector<int32_t> visit(static_cast<size_t>(m.rows));
  for (int32_t r = 0; r < m.rows; ++r) visit[r] = r;
  std::shuffle(visit.begin(), visit.end(), std::mt19937_64(9));
  CsrMatrix expected = transpose(select_rows(m, visit));
  for (int32_t& position : expected.indices) position = visit[position];
  for (int threads : {1, 2, 3, 4}) {
    ThreadPool pool(threads);
    SCOPED_TRACE(threads);
    expect_same_matrix(transpose_in_order(m, &visit, pool), expected);
    expect_same_matrix(transpose_in_order(m, nullptr, pool), transpose(m));
  }
  // A visiting order that is not the identity changes the order within rows.
  ThreadPool pool(2);
  EXPECT_FALSE(transpose_in_order(m, &visit, pool).indices == transpose(m).indices);
}

// The parts cover every position once, in order, and none holds much more
// than its share (a position's entries cannot be split).
TEST(PrepareParallel, SplitByEntriesGivesConsecutivePartsOfAboutEqualEntries) {
  const std::vector<int64_t> sizes = {5, 0, 3, 9, 1, 1, 0, 7, 2, 4, 6, 0};
  std::vector<int64_t> before(sizes.size() + 1, 0);
  for (size_t p = 0; p < sizes.size(); ++p) before[p + 1] = before[p] + sizes[p];
  for (int64_t parts : {1, 2, 3, 5}) {
    SCOPED_TRACE(parts);
    const std::vector<int32_t> first = split_by_entries(before, parts);
    ASSERT_EQ(first.size(), static_cast<size_t>(parts) + 1);
    EXPECT_EQ(first.front(), 0);
    EXPECT_EQ(first.back(), static_cast<int32_t>(sizes.size()));
    for (int64_t t = 0; t < parts; ++t) {
      EXPECT_LE(first[t], first[t + 1]);
      const int64_t entries = before[first[t + 1]] - before[first[t]];
      EXPECT_LE(entries, before.back() / parts + 9) << "part " << t;  // 9: the largest position
    }
  }
  // An empty range: every part empty.
  EXPECT_EQ(split_by_entries({0}, 3), (std::vector<int32_t>{0, 0, 0, 0}));
}

TEST(PrepareParallel, PreparedDataAreTheSameWithOrWithoutThreadsSortedOrNot) {
  for (bool shuffled : {false, true}) {
    const RawInteractions raw = ratings(15000, 4000, 160, shuffled, 5);
    PrepareOptions options = default_prepare_options(raw.ratings_format);
    const Dataset plain = prepare_dataset(raw, options);
    for (int threads : {2, 3}) {
      ThreadPool pool(threads);
      const Dataset threaded = prepare_dataset(raw, options, &pool);
      SCOPED_TRACE(std::to_string(threads) + (shuffled ? " threads, shuffled rows" : " threads, sorted rows"));
      expect_same_matrix(threaded.user_items, plain.user_items);
      expect_same_matrix(threaded.item_users, plain.item_users);
      EXPECT_EQ(threaded.stats.kept_ratings, plain.stats.kept_ratings);
      EXPECT_EQ(threaded.users.external_ids(), plain.users.external_ids());
    }
    EXPECT_TRUE(rows_sorted(plain.user_items));
    EXPECT_TRUE(rows_sorted(plain.item_users));
    // The sorted-rows shortcut gives what transposing twice gives.
    expect_same_matrix(plain.user_items, transpose(plain.item_users));
  }
}

// The kept entries move within the merged matrix where the users came in id
// order, and are copied where they did not: the two give the same data set
// (the same ratings, the users listed in reverse in the second file).
TEST(PrepareParallel, UsersInFileOrderOrNotGiveTheSameMatrix) {
  const RawInteractions forward = ratings(3000, 800, 60, true, 9);
  RawInteractions backward;
  backward.ratings_format = forward.ratings_format;
  for (int32_t i = 0; i < forward.items.size(); ++i) backward.items.intern(forward.items.external_id(i));
  for (int32_t u = forward.users.size() - 1; u >= 0; --u) backward.users.intern(forward.users.external_id(u));
  for (auto t = forward.ratings.rbegin(); t != forward.ratings.rend(); ++t)
    backward.ratings.push_back({forward.users.size() - 1 - t->row, t->col, t->value});
  backward.sync_item_columns();
  for (bool binary : {false, true}) {
    PrepareOptions options = default_prepare_options(forward.ratings_format);
    options.value_mode = binary ? ValueMode::kBinary : ValueMode::kRaw;
    const Dataset a = prepare_dataset(forward, options), b = prepare_dataset(backward, options);
    SCOPED_TRACE(binary ? "binary" : "raw values");
    ASSERT_LT(a.stats.kept_ratings, a.stats.raw_ratings);  // the threshold dropped some: entries moved
    expect_same_matrix(a.user_items, b.user_items);
    expect_same_matrix(a.item_users, b.item_users);
    EXPECT_EQ(a.users.external_ids(), b.users.external_ids());
  }
}

// The benchmark prints where preparation spends its time: every step is
// listed once, in the order it ran, and together they fit in the whole call.
TEST(PrepareParallel, ReportsEachStepOnceInOrderAndTheyAddUpToTheWhole) {
  const RawInteractions raw = ratings(2000, 500, 40, false, 5);
  const auto start = std::chrono::steady_clock::now();
  const Dataset data = prepare_dataset(raw, default_prepare_options(raw.ratings_format));
  const double whole = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::string> names;
  double sum = 0;
  for (const PreparePhase& p : data.prepare_phases) {
    names.emplace_back(p.name);
    EXPECT_GE(p.seconds, 0) << p.name;
    sum += p.seconds;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"value statistics", "merge", "threshold", "renumber", "transpose",
                                             "first seen", "titles and counts"}));
  EXPECT_LE(sum, whole);
}

}  // namespace
}  // namespace als
