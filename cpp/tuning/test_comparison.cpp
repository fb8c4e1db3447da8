#include "tuning/test_comparison.h"

#include <chrono>

#include "queries/recommender.h"

namespace als {

TestComparison::TestComparison(const TrainTestSplit& split, const AlsConfig& base, const TrialSettings& tuned, int k)
    : split_(&split), base_(base), k_(k), pool_(ThreadPool::for_job(base.threads)) {
  base_.compute_loss = false;
  result_.tuned_settings = tuned;
  result_.tutorial_settings = tutorial_settings();
  result_.train_interactions = split.train.nnz();
  result_.test_interactions = split.test.nnz();
}

TestComparison::~TestComparison() = default;

double TestComparison::fraction() const {
  // Training dominates: each model counts 45 %, scoring the rest.
  const double within = trainer_ ? trainer_->progress().fraction : scorer_ ? scorer_->fraction() : 0.0;
  switch (stage_) {
    case Stage::kTrainTuned:
      return 0.40 * within;
    case Stage::kScoreTuned:
      return 0.40 + 0.05 * within;
    case Stage::kTrainTutorial:
      return 0.45 + 0.40 * within;
    case Stage::kScoreTutorial:
      return 0.85 + 0.05 * within;
    case Stage::kScorePopularity:
      return 0.90 + 0.10 * within;
    default:
      return 1.0;
  }
}

bool TestComparison::train(const TrialSettings& settings, double budget_seconds, double* seconds) {
  if (!trainer_) trainer_ = std::make_unique<AlsTrainer>(split_->train, settings.config(base_));
  trainer_->advance(budget_seconds);
  if (!trainer_->done()) return false;
  model_ = std::make_unique<AlsModel>(trainer_->take_model());
  *seconds = model_->training_seconds;
  trainer_.reset();
  return true;
}

bool TestComparison::score(bool popularity, double budget_seconds, RankingMetrics* out) {
  if (!scorer_) {
    if (popularity) {
      scorer_ = std::make_unique<SteppedRanking>(popularity_ranking(split_->train), split_->test, k_);
    } else {
      recommender_ = std::make_unique<Recommender>(*model_);
      scorer_ = std::make_unique<SteppedRanking>(model_ranking(*recommender_, split_->train), split_->test, k_);
    }
  }
  scorer_->advance(budget_seconds, *pool_);
  if (!scorer_->done()) return false;
  *out = scorer_->result();
  scorer_.reset();
  recommender_.reset();
  model_.reset();
  return true;
}

void TestComparison::advance(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto left = [&] { return budget_seconds - std::chrono::duration<double>(Clock::now() - start).count(); };
  while (!done()) {
    bool finished = false;
    switch (stage_) {
      case Stage::kTrainTuned:
        finished = train(result_.tuned_settings, left(), &result_.tuned_seconds);
        break;
      case Stage::kScoreTuned:
        finished = score(false, left(), &result_.tuned);
        break;
      case Stage::kTrainTutorial:
        if (result_.tutorial_settings == result_.tuned_settings) {  // the same model: no need to train it twice
          result_.tutorial = result_.tuned;
          result_.tutorial_seconds = result_.tuned_seconds;
          stage_ = Stage::kScoreTutorial;
          finished = true;
          break;
        }
        finished = train(result_.tutorial_settings, left(), &result_.tutorial_seconds);
        break;
      case Stage::kScoreTutorial:
        finished = result_.tutorial_settings == result_.tuned_settings || score(false, left(), &result_.tutorial);
        break;
      case Stage::kScorePopularity:
        finished = score(true, left(), &result_.popularity);
        break;
      default:
        break;
    }
    if (finished) stage_ = static_cast<Stage>(static_cast<int>(stage_) + 1);
    if (left() <= 0) break;
  }
}

}  // namespace als
