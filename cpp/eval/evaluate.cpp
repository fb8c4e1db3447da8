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

namespace {

// The model's top K for a user, its training items filtered out.
RecommendFunction model_recommendations(const Recommender& recommender, const TrainTestSplit& split) {
  return [&recommender, &split](int32_t user, int count, std::vector<int32_t>& ids) {
    RecommendOptions options;
    options.count = count;
    options.exclude = row_items(split.train, user);
    for (const ScoredItem& s : recommender.recommend(recommender.user_vector(user), options)) ids.push_back(s.id);
  };
}

// Rank all items once (Recommender::popular's order), then per user walk the
// ranking, skipping the user's training items (rows are sorted: binary search).
std::vector<ScoredItem> popularity_ranking(const TrainTestSplit& split) {
  RecommendOptions all;
  all.count = split.train.cols;
  return Recommender::popular(item_user_counts(split.train), all);
}

RecommendFunction popular_recommendations(const std::vector<ScoredItem>& ranking, const TrainTestSplit& split) {
  return [&ranking, &split](int32_t user, int count, std::vector<int32_t>& ids) {
    const auto begin = split.train.indices.begin() + split.train.indptr[user];
    const auto end = split.train.indices.begin() + split.train.indptr[user + 1];
    for (const ScoredItem& s : ranking) {
      if (static_cast<int>(ids.size()) >= count) break;
      if (!std::binary_search(begin, end, s.id)) ids.push_back(s.id);
    }
  };
}

}  // namespace

RankingMetrics evaluate_model(const AlsModel& model, const TrainTestSplit& split, int k, ThreadPool& pool) {
  const Recommender recommender(model);
  return ranking_metrics_at_k(model_recommendations(recommender, split), split.train, split.test, k, pool);
}

RankingMetrics evaluate_popularity(const TrainTestSplit& split, int k, ThreadPool& pool) {
  const std::vector<ScoredItem> ranking = popularity_ranking(split);
  return ranking_metrics_at_k(popular_recommendations(ranking, split), split.train, split.test, k, pool);
}

ModelEvaluation::ModelEvaluation(const AlsModel& model, const TrainTestSplit& split, int k)
    : recommender_(std::make_unique<Recommender>(model)),
      ranking_(popularity_ranking(split)),
      model_(model_recommendations(*recommender_, split), split.test, k),
      popularity_(popular_recommendations(ranking_, split), split.test, k) {}

void ModelEvaluation::advance(double budget_seconds, ThreadPool& pool) {
  if (!model_.done())
    model_.advance(budget_seconds, pool);
  else
    popularity_.advance(budget_seconds, pool);
}

}  // namespace als
