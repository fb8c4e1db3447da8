// The honest end of a tuning run: the tuned settings, the tutorial's
// settings and the popularity baseline side by side on the test split,
// which the search never saw. Both models train on the whole training part
// (the search's fit and validation parts together) with the same seed, so
// `als evaluate` with the same settings and split reproduces the numbers.
// Stepped like the trainer.
#pragma once

#include <memory>

#include "als/als_trainer.h"
#include "eval/split.h"
#include "eval/stepped_ranking.h"
#include "tuning/tuning_settings.h"

namespace als {

struct ComparisonResult {
  TrialSettings tuned_settings, tutorial_settings;
  RankingMetrics tuned, tutorial, popularity;      // on the test split
  double tuned_seconds = 0, tutorial_seconds = 0;  // training on the training part
  int64_t train_interactions = 0, test_interactions = 0;
};

class TestComparison {
 public:
  // split must outlive this object.
  TestComparison(const TrainTestSplit& split, const AlsConfig& base, const TrialSettings& tuned, int k);
  ~TestComparison();

  bool done() const { return stage_ == Stage::kDone; }
  void advance(double budget_seconds);
  double fraction() const;
  const ComparisonResult& result() const { return result_; }

 private:
  enum class Stage { kTrainTuned, kScoreTuned, kTrainTutorial, kScoreTutorial, kScorePopularity, kDone };
  // Each stage works until done or out of time; true when done.
  bool train(const TrialSettings& settings, double budget_seconds, double* seconds);
  bool score(bool popularity, double budget_seconds, RankingMetrics* out);

  const TrainTestSplit* split_;
  AlsConfig base_;
  int k_;
  std::shared_ptr<ThreadPool> pool_;
  Stage stage_ = Stage::kTrainTuned;
  std::unique_ptr<AlsTrainer> trainer_;
  std::unique_ptr<AlsModel> model_;
  std::unique_ptr<Recommender> recommender_;
  std::unique_ptr<SteppedRanking> scorer_;
  ComparisonResult result_;
};

}  // namespace als
