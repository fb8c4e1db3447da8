// Scores a trained model and the popularity baseline with the same ranking
// code, on a hold-out split (train the model on split.train first).
#pragma once

#include "als/als_model.h"
#include "eval/ranking_metrics.h"
#include "eval/split.h"

namespace als {

RankingMetrics evaluate_model(const AlsModel& model, const TrainTestSplit& split, int k, ThreadPool& pool);

// Recommends the items most users had in training, minus the user's own.
RankingMetrics evaluate_popularity(const TrainTestSplit& split, int k, ThreadPool& pool);

// Number of users of each item (the column counts of a user x item matrix).
std::vector<int64_t> item_user_counts(const CsrMatrix& user_items);

}  // namespace als
