// What the tuner searches and what it reports, kept apart from the search
// itself: the metric it maximises on the validation split, the settings of
// one trial, the budget (seconds, or iterations for a reproducible run) and
// the result of each trial.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "als/als_config.h"
#include "eval/ranking_metrics.h"

namespace als {

enum class TuningMetric { kPrecision, kMap, kNdcg };

const char* metric_name(TuningMetric metric);  // "precision", "map", "ndcg"
// "p@10", "precision@10", "map@5", "ndcg@20" (case-insensitive; K defaults to
// 10 when "@K" is left out). Throws std::invalid_argument saying what is accepted.
TuningMetric parse_metric(const std::string& text, int* k);
double metric_value(const RankingMetrics& metrics, TuningMetric metric);

// The searched settings of one trial; everything else comes from the base
// configuration (solver, CG steps, confidence convention, seed, threads).
struct TrialSettings {
  int factors = 100;
  float regularization = 0.01f;
  float alpha = 1.0f;
  ConfidenceScaling scaling = ConfidenceScaling::kNone;
  int iterations = 15;

  AlsConfig config(const AlsConfig& base) const;
  bool operator==(const TrialSettings& o) const;
};

// The tutorial's settings (100 factors, λ 0.01, α 1, 15 iterations): the
// defaults of AlsConfig, and the reference every tuned result is shown against.
TrialSettings tutorial_settings();

struct TuningBudget {
  double seconds = 30;  // wall-clock time of the search (the comparison after it is extra)
  int iterations = 0;   // > 0: at most this many ALS iterations over all trials instead,
                        // so that the same seed gives the same trials on any machine
  bool in_iterations() const { return iterations > 0; }
};

struct TuningOptions {
  AlsConfig base;  // base.seed also seeds the search
  TuningBudget budget;
  TuningMetric metric = TuningMetric::kPrecision;
  int k = 10;
  double validation_fraction = 0.2;  // of the training part, held out to score the trials
  bool search_scaling = false;       // also try log and BM25 scaling (play counts)
  int max_validation_users = 10000;  // scored per trial (a seeded sample when there are more)
  int max_factors = 256;             // the most factors a trial may have (the tutorial's 100 aside)
  uint64_t memory_budget_bytes = 0;  // for the trials' trainers alive at once; 0: no limit
  // Successive halving: every candidate trains to the first rung and is
  // scored; the best third goes on to the next rung, warm-started (the same
  // trainer continues). The rungs are also the iteration counts tried.
  std::vector<int> rungs = {2, 5, 15};
};

// Checks options; throws std::invalid_argument saying which one is wrong.
void validate_tuning_options(const TuningOptions& options);

struct TrialResult {
  int index = 0;           // in order of completion, from 0
  int candidate = 0;       // which settings: one candidate is scored at each rung it reaches
  int bracket = 0;         // the successive-halving round it belongs to
  TrialSettings settings;  // settings.iterations: the rung it was scored at
  RankingMetrics validation;
  double score = 0;       // the tuned metric on the validation split
  double seconds = 0;     // training (from the previous rung) + scoring
  bool tutorial = false;  // the tutorial's settings, tried first as the reference point
  std::string error;      // not empty: the trial failed (e.g. diverged) and has no score

  bool ok() const { return error.empty(); }
};

// "--factors 32 --regularization 30 --alpha 1 --iterations 15" (+ "--scaling
// log", "--one-plus", "--seed S", solver flags when they are not the
// defaults): pasteable into `als train` and `als evaluate`.
std::string settings_flags(const TrialSettings& settings, const AlsConfig& base);

}  // namespace als
