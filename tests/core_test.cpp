// The small core pieces: CSR building, id maps, the thread pool, the RNG.
#include <gtest/gtest.h>

#include <atomic>

#include "core/csr_matrix.h"
#include "core/id_map.h"
#include "core/parallel.h"
#include "core/random.h"

namespace als {
namespace {

TEST(CsrMatrix, BuildsSortedRowsAndMergesDuplicatesByRule) {
  const std::vector<Triplet> t = {{1, 2, 3}, {0, 1, 1}, {1, 0, 4}, {1, 2, 5}, {2, 3, 2}};
  const CsrMatrix last = csr_from_triplets(3, 4, t, DuplicateRule::kLast);
  EXPECT_EQ(last.indptr, (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(last.indices, (std::vector<int32_t>{1, 0, 2, 3}));
  EXPECT_EQ(last.at(1, 2), 5.0f);
  EXPECT_EQ(csr_from_triplets(3, 4, t, DuplicateRule::kSum).at(1, 2), 8.0f);
  EXPECT_EQ(csr_from_triplets(3, 4, {{0, 0, 5}, {0, 0, 2}}, DuplicateRule::kMax).at(0, 0), 5.0f);
  EXPECT_EQ(last.at(0, 0), 0.0f);
  EXPECT_THROW(csr_from_triplets(1, 1, {{0, 1, 1}}, DuplicateRule::kLast), std::out_of_range);
}

TEST(CsrMatrix, UnsortedBuildKeepsInputOrderAndMergesDuplicatesByRule) {
  const std::vector<Triplet> t = {{1, 2, 3}, {0, 1, 1}, {1, 0, 4}, {1, 2, 5}, {2, 3, 2}};
  const CsrMatrix last = csr_from_triplets_unsorted(3, 4, t, DuplicateRule::kLast);
  EXPECT_EQ(last.indptr, (std::vector<int64_t>{0, 1, 3, 4}));
  EXPECT_EQ(last.indices, (std::vector<int32_t>{1, 2, 0, 3})) << "row 1 in input order: 2 then 0";
  EXPECT_EQ(last.values, (std::vector<float>{1, 5, 4, 2}));
  EXPECT_EQ(csr_from_triplets_unsorted(3, 4, t, DuplicateRule::kSum).values[1], 8.0f);
  EXPECT_EQ(csr_from_triplets_unsorted(1, 1, {{0, 0, 5}, {0, 0, 2}}, DuplicateRule::kMax).values[0], 5.0f);
  EXPECT_THROW(csr_from_triplets_unsorted(1, 1, {{0, 1, 1}}, DuplicateRule::kLast), std::out_of_range);
}

TEST(CsrMatrix, TransposeTwiceIsTheIdentity) {
  const CsrMatrix m = csr_from_triplets(3, 4, {{0, 3, 1}, {2, 0, 2}, {2, 3, 3}, {1, 1, 4}}, DuplicateRule::kLast);
  const CsrMatrix t = transpose(m);
  EXPECT_EQ(t.rows, 4);
  EXPECT_EQ(t.at(3, 2), 3.0f);
  const CsrMatrix back = transpose(t);
  EXPECT_EQ(back.indptr, m.indptr);
  EXPECT_EQ(back.indices, m.indices);
  EXPECT_EQ(back.values, m.values);
}

TEST(IdMap, NumbersAndTextBothMapDensely) {
  IdMap ids;
  EXPECT_EQ(ids.intern("10"), 0);
  EXPECT_EQ(ids.intern("abc"), 1);
  EXPECT_EQ(ids.intern("10"), 0);
  EXPECT_EQ(ids.intern("010"), 2) << "a different spelling is a different id";
  EXPECT_EQ(ids.intern("99999999999"), 3);
  EXPECT_EQ(ids.intern("2097152"), 4) << "past the direct table: hashed, no 8 MB+ table";
  EXPECT_EQ(ids.find("abc"), 1);
  EXPECT_EQ(ids.find("11"), IdMap::kMissing);
  EXPECT_EQ(ids.external_id(2), "010");
  const IdMap copy = ids;
  EXPECT_EQ(copy.find("abc"), 1) << "a copy's text keys view its own strings";
  const IdMap sub = ids.subset({3, 0});
  EXPECT_EQ(sub.find("99999999999"), 0);
  EXPECT_EQ(sub.find("10"), 1);
  EXPECT_EQ(sub.find("abc"), IdMap::kMissing);
}

TEST(ThreadPool, RunsEveryTaskOnceForManyThreadCounts) {
  for (int threads : {1, 2, 3, 7}) {
    ThreadPool pool(threads);
    std::vector<std::atomic<int>> hits(1000);
    pool.parallel_for(1000, [&](int64_t t) { hits[t]++; });
    for (auto& h : hits) EXPECT_EQ(h.load(), 1);
    pool.parallel_for(0, [&](int64_t) { FAIL(); });
  }
}

TEST(ThreadPool, RethrowsTheFirstErrorAndStaysUsable) {
  ThreadPool pool(3);
  EXPECT_THROW(pool.parallel_for(100,
                                 [](int64_t t) {
                                   if (t == 50) throw std::runtime_error("boom");
                                 }),
               std::runtime_error);
  std::atomic<int> n{0};
  pool.parallel_for(10, [&](int64_t) { n++; });
  EXPECT_EQ(n.load(), 10);
}

TEST(SplitMix64, IsTheSpecifiedSequence) {
  SplitMix64 rng(1234567);
  // Reference values of SplitMix64 for seed 1234567.
  EXPECT_EQ(rng.next(), 6457827717110365317ull);
  EXPECT_EQ(rng.next(), 3203168211198807973ull);
  SplitMix64 r2(1);
  for (int k = 0; k < 1000; ++k) {
    const float f = r2.uniform_float();
    ASSERT_GE(f, 0.0f);
    ASSERT_LT(f, 1.0f);
    ASSERT_LT(r2.below(7), 7u);
  }
}

// The wasm build's multiply (32-bit halves) against the 128-bit product, so
// below() draws the same numbers in every build.
TEST(SplitMix64, TheHighHalfOfAProductFromHalvesIsThe128BitOne) {
  const auto exact = [](uint64_t a, uint64_t b) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64);
  };
  const uint64_t edges[] = {0, 1, 2, 0xFFFFFFFFull, 0x100000000ull, 0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull};
  for (uint64_t a : edges)
    for (uint64_t b : edges) EXPECT_EQ(multiply_high_by_halves(a, b), exact(a, b)) << a << " x " << b;
  SplitMix64 rng(99);
  for (int k = 0; k < 100000; ++k) {
    const uint64_t a = rng.next(), b = k % 2 ? rng.next() : rng.next() >> (k % 64);
    ASSERT_EQ(multiply_high_by_halves(a, b), exact(a, b)) << a << " x " << b;
  }
  static_assert(multiply_high_by_halves(0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull) == 0xFFFFFFFFFFFFFFFEull);
}

}  // namespace
}  // namespace als
