#include "models/bpr_update.h"

#include <algorithm>
#include <cmath>

#include "als/factor_kernels.h"

namespace als::bpr {

using kernels::add16;
using kernels::load16;
using kernels::mul16;
using kernels::splat16;
using kernels::store16;
using kernels::sub16;
using kernels::Vec16;

namespace {

// z = 1 / (1 + exp(x·(y_l − y_d))), summed in the kernels' fixed lane order.
template <int Blocks>
inline float gradient_weight(const float* x, const float* yl, const float* yd, int stride) {
  const int n = Blocks > 0 ? 16 * Blocks : stride;
  Vec16 s = kernels::zero16();
  for (int k = 0; k < n; k += 16) s = add16(s, mul16(load16(x + k), sub16(load16(yl + k), load16(yd + k))));
  return 1.0f / (1.0f + std::exp(kernels::reduce16(s)));
}

// Blocks > 0: the stride is 16·Blocks, known at compile time (unrolled);
// Blocks == 0: any stride.
// ItemRow: float* when the items move, const float* when they do not.
// The update x += lr·(z·(y_l − y_d) − reg·x) is written as x·b + a·(y_l − y_d)
// with a = lr·z and b = 1 − lr·reg (the same for the items), two products and
// a sum per row instead of five operations: in WebAssembly (4 lanes, no fused
// multiply-add) the step is bound by its instruction count.
template <int Blocks, bool UpdateItems, class ItemRow>
inline bool step_fixed(float* x, ItemRow yl, ItemRow yd, int bias_column, int stride, const StepSettings& step) {
  const int n = Blocks > 0 ? 16 * Blocks : stride;
  const float z = gradient_weight<Blocks>(x, yl, yd, stride);
  const Vec16 a = splat16(step.learning_rate * z), b = splat16(1.0f - step.learning_rate * step.regularization);
  for (int k = 0; k < n; k += 16) {
    const Vec16 x0 = load16(x + k), l = load16(yl + k), d = load16(yd + k);
    store16(x + k, add16(mul16(b, x0), mul16(a, sub16(l, d))));
    if constexpr (UpdateItems) {
      // y_l += lr·(z·x − reg·y_l),  y_d += lr·(−z·x − reg·y_d), with the old x
      const Vec16 ax = mul16(a, x0);
      store16(yl + k, add16(mul16(b, l), ax));
      store16(yd + k, sub16(mul16(b, d), ax));
    }
  }
  // The user's bias column is 1 again (the padding stays 0 by itself). A
  // constant, not the value read before: under Hogwild another thread may
  // have read this row between the store above and this one.
  x[bias_column] = 1.0f;
  return z < 0.5f;
}

template <bool UpdateItems, class ItemRow>
inline bool step_any(float* x, ItemRow yl, ItemRow yd, int bias_column, int stride, const StepSettings& step) {
#define ALS_BPR_CASE(B) \
  case B:               \
    return step_fixed<B, UpdateItems>(x, yl, yd, bias_column, stride, step);
  switch (stride / 16) {
    ALS_BPR_CASE(1)
    ALS_BPR_CASE(2)
    ALS_BPR_CASE(3)
    ALS_BPR_CASE(4)
    ALS_BPR_CASE(5)
    ALS_BPR_CASE(6)
    ALS_BPR_CASE(7)
    ALS_BPR_CASE(8)
    default:
      return step_fixed<0, UpdateItems>(x, yl, yd, bias_column, stride, step);
  }
#undef ALS_BPR_CASE
}

}  // namespace

bool sgd_step(float* user, float* liked, float* disliked, int bias_column, int stride, const StepSettings& step) {
  return step_any<true>(user, liked, disliked, bias_column, stride, step);
}

bool sgd_user_step(float* user, const float* liked, const float* disliked, int bias_column, int stride,
                   const StepSettings& step) {
  return step_any<false>(user, liked, disliked, bias_column, stride, step);
}

TrainingEntries::TrainingEntries(const CsrMatrix& m) : user_items(&m), user_of_entry(m.indices.size()) {
  for (int32_t u = 0; u < m.rows; ++u)
    std::fill(user_of_entry.begin() + m.indptr[u], user_of_entry.begin() + m.indptr[u + 1], u);
  const uint64_t bits = static_cast<uint64_t>(m.rows) * static_cast<uint64_t>(m.cols);
  if (bits > 0 && bits <= kMostLikedBits) {
    liked_bits.assign((bits + 63) / 64, 0);
    for (int32_t u = 0; u < m.rows; ++u)
      for (int64_t k = m.indptr[u]; k < m.indptr[u + 1]; ++k) {
        const uint64_t bit = static_cast<uint64_t>(u) * static_cast<uint64_t>(m.cols) + m.indices[k];
        liked_bits[bit >> 6] |= uint64_t(1) << (bit & 63);
      }
  }
}

bool TrainingEntries::user_liked_by_search(int32_t user, int32_t item) const {
  const int32_t* begin = user_items->indices.data() + user_items->indptr[user];
  const int32_t* end = user_items->indices.data() + user_items->indptr[user + 1];
  return std::binary_search(begin, end, item);
}

const void* TrainingEntries::liked_lookup_address(int32_t user, int32_t item) const {
  if (!liked_bits.empty())
    return liked_bits.data() + ((static_cast<uint64_t>(user) * static_cast<uint64_t>(user_items->cols) + item) >> 6);
  // The middle of the liked list, where the binary search starts.
  const int64_t begin = user_items->indptr[user], end = user_items->indptr[user + 1];
  return user_items->indices.data() + begin + (end - begin) / 2;
}

namespace {

// Asks for the cache lines of `bytes` at p (natively; wasm has no prefetch).
inline void prefetch_bytes([[maybe_unused]] const void* p, [[maybe_unused]] size_t bytes) {
#if !defined(ALS_KERNELS_WASM)
  const char* c = static_cast<const char*>(p);
  for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(c + offset);
#endif
}

struct DrawnSample {
  uint64_t liked_entry = 0, other_entry = 0;
  int32_t user = 0, liked = 0, disliked = 0;
};

// Samples are drawn ahead of their steps, in two stages, so that their
// cache misses overlap instead of coming one after another (the factors of
// a large data set do not fit in cache): kAhead samples ahead the entries are
// drawn and their (user, item) asked for; half as far ahead those are read
// and the three rows and the user's liked list asked for. The draws come from
// the stream in the same order as without, so the steps are the same.
constexpr int64_t kAhead = 32;  // a power of two: the ring's size

}  // namespace

SampleCounts run_samples(const TrainingEntries& entries, FactorMatrix& X, FactorMatrix& Y, int bias_column,
                         int64_t count, SplitMix64& rng, const StepSettings& step, bool verify_negative_samples) {
  SampleCounts counts;
  const CsrMatrix& m = *entries.user_items;
  const uint64_t nnz = static_cast<uint64_t>(m.nnz());
  if (nnz == 0) return counts;
  const int stride = X.stride();
  const size_t row_bytes = sizeof(float) * static_cast<size_t>(stride);
  DrawnSample ring[kAhead];
  auto draw = [&](int64_t k) {
    DrawnSample& d = ring[k & (kAhead - 1)];
    d.liked_entry = rng.below(nnz);
    d.other_entry = rng.below(nnz);
    prefetch_bytes(entries.user_of_entry.data() + d.liked_entry, 1);
    prefetch_bytes(m.indices.data() + d.liked_entry, 1);
    prefetch_bytes(m.indices.data() + d.other_entry, 1);
  };
  auto resolve = [&](int64_t k) {
    DrawnSample& d = ring[k & (kAhead - 1)];
    d.user = entries.user_of_entry[d.liked_entry];
    d.liked = m.indices[d.liked_entry];
    d.disliked = m.indices[d.other_entry];
    prefetch_bytes(X.row(d.user), row_bytes);
    prefetch_bytes(Y.row(d.liked), row_bytes);
    prefetch_bytes(Y.row(d.disliked), row_bytes);
    if (verify_negative_samples) prefetch_bytes(entries.liked_lookup_address(d.user, d.disliked), 1);
  };
  const int64_t half = kAhead / 2;
  for (int64_t k = 0; k < std::min(kAhead, count); ++k) draw(k);
  for (int64_t k = 0; k < std::min(half, count); ++k) resolve(k);
  for (int64_t s = 0; s < count; ++s) {
    if (s + half < count) resolve(s + half);
    const DrawnSample d = ring[s & (kAhead - 1)];
    if (s + kAhead < count) draw(s + kAhead);
    ++counts.samples;
    if (d.liked == d.disliked || (verify_negative_samples && entries.user_liked(d.user, d.disliked))) {
      ++counts.skipped;
      continue;
    }
    if (sgd_step(X.row(d.user), Y.row(d.liked), Y.row(d.disliked), bias_column, stride, step)) ++counts.correct;
  }
  return counts;
}

uint64_t task_seed(uint64_t seed, int epoch, int task) {
  // Three SplitMix64 outputs chained: streams of nearby (epoch, task) are unrelated.
  SplitMix64 mix(seed);
  SplitMix64 by_epoch(mix.next() ^ static_cast<uint64_t>(epoch));
  SplitMix64 by_task(by_epoch.next() ^ (static_cast<uint64_t>(task) << 32));
  return by_task.next();
}

}  // namespace als::bpr
