// Several model kinds side by side on one hold-out split: each is trained on
// the same training part, one after the other, then its top K for every test
// user is scored with the same ranking code (precision, MAP, NDCG, AUC at K),
// and a model of ratings is also scored on the held-out ratings themselves
// (RMSE, MAE). Popularity is always among them: the baseline every model
// must beat.
//
// Stepped like training: advance() works for a time budget and returns, so
// the web worker reports each model's progress and its results as soon as
// they are in, and the visitor can skip one model or stop them all. A model
// whose settings are refused or whose training fails (a diverging BPR) is
// marked failed with the message, and the others go on.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/fault_code.h"
#include "core/parallel.h"
#include "eval/ranking_metrics.h"
#include "eval/rating_metrics.h"
#include "eval/split.h"
#include "models/model_trainer.h"

namespace als {

enum class ComparedState { kWaiting, kTraining, kScoring, kDone, kFailed, kSkipped };
const char* compared_state_name(ComparedState state);

struct ComparedModel {
  ModelSettings settings;
  ComparedState state = ComparedState::kWaiting;
  double fraction = 0;  // of this model's work (training, then scoring)
  TrainingProgress training;
  double training_seconds = 0;
  double scoring_seconds = 0;
  RankingMetrics ranking;
  std::optional<RatingMetrics> rating_errors;  // the models of ratings
  std::string message;                         // why it failed
  FaultCode fault;
  std::unique_ptr<RecommenderModel> model;  // trained on the training part, once scored
};

class ModelComparison {
 public:
  // Trains and scores `models` (popularity added first when missing) on
  // train_test_split(user_items, 1 − test_fraction, seed): the Evaluate
  // step's split for the same fraction and seed. user_items must outlive it.
  // threads: each model's (0: every hardware thread). not_ratings: why the
  // values are not star ratings (play counts, binary), "" when they are: a
  // model of ratings is then refused with it.
  ModelComparison(const CsrMatrix& user_items, std::vector<ModelSettings> models, double test_fraction, int k,
                  uint64_t seed, int threads, std::string not_ratings = "");

  bool done() const { return next_ >= models_.size(); }
  // Works for about budget_seconds (at least one slice), or until done.
  void advance(double budget_seconds);
  // Skips model `index` (the one running, or one still waiting).
  void skip(size_t index);

  const std::vector<ComparedModel>& models() const { return models_; }
  // The model being trained or scored; models().size() when done.
  size_t current() const { return next_; }
  double fraction() const;
  const TrainTestSplit& split() const { return split_; }
  int k() const { return k_; }

 private:
  void start_model();
  void finish_model();
  void fail_model(const std::string& message, FaultCode fault);

  std::string not_ratings_;
  TrainTestSplit split_;
  std::vector<int32_t> item_support_;
  int k_;
  std::vector<ComparedModel> models_;
  size_t next_ = 0;
  std::shared_ptr<ThreadPool> pool_;
  std::unique_ptr<ModelTrainer> trainer_;
  std::unique_ptr<RecommenderModel> scored_;  // trained, being scored
  std::unique_ptr<RankingEvaluation> scoring_;
};

}  // namespace als
