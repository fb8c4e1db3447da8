#include "eval/evaluate.h"

#include <algorithm>

#include "queries/recommender.h"

namespace als {

namespace {
std::vector<int32_t> row_items(const CsrMatrix& m, int32_t u) {
  return std::vector<int32_t>(m.indices.begin() + m.indptr[u], m.indices.begin() + m.indptr[u + 1]);
}
}  // namespace

std::vector<int64_t> item_user_counts(const CsrMatrix& user_items) {
  std::vector<int64_t> counts(user_items.cols, 0);
  for (int32_t i : user_items.indices) ++counts[i];
  return counts;
}

RankingMetrics evaluate_model(const AlsModel& model, const TrainTestSplit& split, int k, ThreadPool& pool) {
  const Recommender recommender(model);
  auto recommend = [&](int32_t user, int count, std::vector<int32_t>& ids) {
    RecommendOptions options;
    options.count = count;
    options.exclude = row_items(split.train, user);
    for (const ScoredItem& s : recommender.recommend(recommender.user_vector(user), options)) ids.push_back(s.id);
  };
  return ranking_metrics_at_k(recommend, split.train, split.test, k, pool);
}

RankingMetrics evaluate_popularity(const TrainTestSplit& split, int k, ThreadPool& pool) {
  // Rank all items once (Recommender::popular's order), then per user walk the
  // ranking, skipping the user's training items (rows are sorted: binary search).
  RecommendOptions all;
  all.count = split.train.cols;
  const std::vector<ScoredItem> ranking = Recommender::popular(item_user_counts(split.train), all);
  auto recommend = [&](int32_t user, int count, std::vector<int32_t>& ids) {
    const auto begin = split.train.indices.begin() + split.train.indptr[user];
    const auto end = split.train.indices.begin() + split.train.indptr[user + 1];
    for (const ScoredItem& s : ranking) {
      if (static_cast<int>(ids.size()) >= count) break;
      if (!std::binary_search(begin, end, s.id)) ids.push_back(s.id);
    }
  };
  return ranking_metrics_at_k(recommend, split.train, split.test, k, pool);
}

}  // namespace als
