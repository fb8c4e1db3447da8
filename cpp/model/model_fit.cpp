#include "model/model_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/random.h"

namespace als {

namespace {

constexpr int64_t kPairs = 4000;
constexpr double kPlausibleAuc = 0.6;

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * share);
  return text;
}

// Whether item i is among user u's rated items (rows are sorted by item).
bool rated(const CsrMatrix& m, int32_t u, int32_t i) {
  const auto begin = m.indices.begin() + m.indptr[u], end = m.indices.begin() + m.indptr[u + 1];
  return std::binary_search(begin, end, i);
}

}  // namespace

ModelFit judge_model_fit(const Dataset& data, int64_t model_users, int64_t model_items, int32_t users_matched,
                         int32_t items_matched, const std::function<double(int32_t, int32_t)>& score) {
  ModelFit fit;
  fit.model_users = model_users;
  fit.model_items = model_items;
  fit.data_users = data.user_count();
  fit.data_items = data.item_count();
  fit.users_matched = users_matched;
  fit.items_matched = items_matched;
  // Fewer than half of the data's items in the model: another data set (or
  // another threshold) than the one it was trained on.
  fit.fits = items_matched > 0 && 2 * static_cast<int64_t>(items_matched) >= data.item_count();
  if (!fit.fits) {
    fit.message = "only " + std::to_string(items_matched) + " of the " + std::to_string(data.item_count()) +
                  " items of these data have a row in the model: it was trained on other data";
    return fit;
  }

  // Sampled AUC of rated vs unrated items, with a fixed seed (same answer every time).
  const CsrMatrix& m = data.user_items;
  SplitMix64 rng(0x5eed12);
  double wins = 0;
  int64_t pairs = 0;
  for (int64_t attempt = 0; attempt < 4 * kPairs && pairs < kPairs && m.nnz() > 0; ++attempt) {
    const int64_t k = static_cast<int64_t>(rng.below(static_cast<uint64_t>(m.nnz())));
    const int32_t u =
        static_cast<int32_t>(std::upper_bound(m.indptr.begin(), m.indptr.end(), k) - m.indptr.begin() - 1);
    const int32_t i = m.indices[k];
    const int32_t j = static_cast<int32_t>(rng.below(static_cast<uint64_t>(m.cols)));
    if (j == i || rated(m, u, j)) continue;
    const double si = score(u, i), sj = score(u, j);
    if (!std::isfinite(si) || !std::isfinite(sj)) continue;
    wins += si > sj ? 1.0 : si == sj ? 0.5 : 0.0;
    ++pairs;
  }
  fit.pairs_checked = pairs;
  fit.rated_pair_auc = pairs > 0 ? wins / static_cast<double>(pairs) : 0.5;
  fit.plausible = pairs == 0 || fit.rated_pair_auc >= kPlausibleAuc;
  if (!fit.plausible)
    fit.message = "the model scores a rated item above a random one only " + percent(fit.rated_pair_auc) +
                  " of the time (chance is 50%): its rows probably belong to other ids or other data";
  return fit;
}

}  // namespace als
