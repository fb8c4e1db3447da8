// One tuning run as the page and `als tune` drive it: the settings search on
// the training part of a train/test split (the search holds out its own
// validation part), then the comparison on the test split. The search is
// handed split.train only: nothing it does can depend on split.test.
//
//   TuningRun run(train_test_split(data.user_items, 0.8, seed), options);
//   while (!run.done()) { run.advance(0.05); /* report run.search().trials() */ }
//   run.comparison()->result();  // tuned vs tutorial vs popularity on the test split
#pragma once

#include <memory>

#include "tuning/settings_search.h"
#include "tuning/test_comparison.h"

namespace als {

class TuningRun {
 public:
  enum class Phase { kSearching, kComparing, kDone };

  TuningRun(TrainTestSplit split, const TuningOptions& options);
  ~TuningRun();

  Phase phase() const { return phase_; }
  bool done() const { return phase_ == Phase::kDone; }
  // Works for about budget_seconds. Throws std::runtime_error when the
  // search ends without one successful trial (the budget was too small).
  void advance(double budget_seconds);

  const SettingsSearch& search() const { return *search_; }
  const TestComparison* comparison() const { return comparison_.get(); }
  const TrainTestSplit& split() const { return split_; }
  double comparison_seconds() const { return comparison_seconds_; }

 private:
  TrainTestSplit split_;
  std::unique_ptr<SettingsSearch> search_;
  std::unique_ptr<TestComparison> comparison_;
  Phase phase_ = Phase::kSearching;
  double comparison_seconds_ = 0;
};

// Whether a data set's values look like play counts rather than star
// ratings (then the confidence scaling is searched too): whole numbers above 10.
bool values_look_like_counts(const CsrMatrix& user_items);

}  // namespace als
