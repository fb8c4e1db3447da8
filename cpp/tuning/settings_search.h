// The search for settings that fit the data, on a validation split carved
// from the training part (the test split is never given to it).
//
// Successive halving in rounds ("brackets", Jamieson & Talwalkar 2016; Li et
// al. 2017, Hyperband): a bracket's candidates all train to the first rung
// (2 iterations) and are scored on the validation split; the best third
// continue to the next rung (5), the same trainer carrying on where it
// stopped, and the best third of those to the last (15). The first bracket
// spreads its candidates over the whole space (and holds the tutorial's
// settings, the reference point, which go all the way); later brackets draw two thirds
// of theirs near the best settings so far and one third anywhere. Each
// bracket is sized to its share of what is left of the budget (half, then
// 60 %), so the search refines in ever smaller rounds until the budget is spent.
//
// The budget is wall-clock seconds, or ALS iterations (summed over all
// trials) for a reproducible search: same seed and iteration budget -> the
// same trials, scores and best settings with any number of threads, because
// training and scoring give the same bits for any thread count and nothing
// else decides. Stepped like the trainer: advance() works for a time slice
// and returns, so a worker can report trials and answer cancel in between.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "als/als_trainer.h"
#include "core/random.h"
#include "eval/split.h"
#include "eval/stepped_ranking.h"
#include "tuning/search_space.h"
#include "tuning/tuning_settings.h"

namespace als {

struct SearchProgress {
  double seconds = 0;       // wall time since the search started
  int iterations_used = 0;  // ALS iterations trained, over all trials
  double fraction = 0;      // of the budget spent
  int trials = 0;           // results so far
  int brackets = 0;         // rounds started
  bool done = false;
};

class SettingsSearch {
 public:
  // training_part: the only data the search sees; it holds out
  // options.validation_fraction of it (seeded by options.base.seed) to score
  // the trials, which train on the rest.
  SettingsSearch(const CsrMatrix& training_part, const TuningOptions& options);
  ~SettingsSearch();

  bool done() const { return done_; }
  // Works for about budget_seconds (at least one slice of training or
  // scoring), or until the search is over.
  void advance(double budget_seconds);
  SearchProgress progress() const;

  const std::vector<TrialResult>& trials() const { return trials_; }
  // The trial with the highest validation score (the earliest on a tie);
  // nullptr while none has succeeded.
  const TrialResult* best() const;
  const TuningOptions& options() const { return options_; }
  const TrainTestSplit& validation_split() const { return split_; }  // train: what trials fit, test: validation
  int64_t validation_users() const { return static_cast<int64_t>(validation_users_.size()); }

 private:
  struct Candidate;
  struct Bracket;
  struct Step;
  using Clock = std::chrono::steady_clock;

  bool begin_next_step();
  bool start_bracket();
  std::vector<TrialSettings> draw_candidates(int bracket, int count);
  int planned_count(double remaining) const;
  double estimated_cost(const Candidate& c, int iterations) const;
  double bracket_cost(int count) const;
  double first_rung_cost(int count) const;
  void run_step(double budget_seconds);
  void finish_step(double score, const RankingMetrics& metrics, const std::string& error);
  void end_rung();
  int keep_at_rung(const Bracket& b, int count) const;
  void end_bracket();
  double elapsed() const;
  double remaining_budget() const;

  TuningOptions options_;
  SearchSpace space_;
  TrainTestSplit split_;
  std::vector<int32_t> validation_users_;
  std::shared_ptr<ThreadPool> pool_;  // for scoring (each trainer has its own)
  SplitMix64 rng_;
  int max_bracket_size_ = 27;

  std::vector<Candidate> candidates_;
  std::unique_ptr<Bracket> bracket_;
  std::unique_ptr<Step> step_;
  std::vector<TrialResult> trials_;
  int brackets_ = 0;
  int iterations_used_ = 0;
  bool started_ = false, done_ = false;
  Clock::time_point start_;
  double finished_seconds_ = 0;
  // Seconds per unit of work, learnt from the trials so far (time budgets only).
  double train_seconds_ = 0, train_work_ = 0, score_seconds_ = 0, score_work_ = 0;
};

}  // namespace als
