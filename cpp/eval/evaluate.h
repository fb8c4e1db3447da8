// Scores a trained model and the popularity baseline with the same ranking
// code, on a hold-out split (train the model on split.train first).
#pragma once

#include <memory>
#include <vector>

#include "als/als_model.h"
#include "eval/ranking_metrics.h"
#include "eval/split.h"
#include "queries/recommender.h"

namespace als {

RankingMetrics evaluate_model(const AlsModel& model, const TrainTestSplit& split, int k, ThreadPool& pool);

// Recommends the items most users had in training, minus the user's own.
RankingMetrics evaluate_popularity(const TrainTestSplit& split, int k, ThreadPool& pool);

// Number of users of each item (the column counts of a user x item matrix).
std::vector<int64_t> item_user_counts(const CsrMatrix& user_items);

// Both of the above in steps (see RankingEvaluation): the model's users
// first, then the baseline's. `model` and `split` must outlive it.
class ModelEvaluation {
 public:
  ModelEvaluation(const AlsModel& model, const TrainTestSplit& split, int k);
  bool done() const { return popularity_.done(); }
  void advance(double budget_seconds, ThreadPool& pool);
  int64_t users_done() const { return model_.users_done() + popularity_.users_done(); }
  int64_t users() const { return model_.users() + popularity_.users(); }
  RankingMetrics model_metrics() const { return model_.result(); }
  RankingMetrics popularity_metrics() const { return popularity_.result(); }

 private:
  std::unique_ptr<Recommender> recommender_;
  std::vector<ScoredItem> ranking_;  // every item by popularity in training
  RankingEvaluation model_, popularity_;
};

}  // namespace als
