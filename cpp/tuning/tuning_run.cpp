#include "tuning/tuning_run.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace als {

TuningRun::TuningRun(TrainTestSplit split, const TuningOptions& options) : split_(std::move(split)) {
  if (split_.test.nnz() == 0)
    throw std::invalid_argument("the test split is empty: the data set is too small to tune on");
  search_ = std::make_unique<SettingsSearch>(split_.train, options);  // the training part only
}

TuningRun::~TuningRun() = default;

void TuningRun::advance(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto left = [&] { return budget_seconds - std::chrono::duration<double>(Clock::now() - start).count(); };
  if (phase_ == Phase::kSearching) {
    search_->advance(budget_seconds);
    if (!search_->done()) return;
    const TrialResult* best = search_->best();
    if (!best) {
      const TuningOptions& o = search_->options();
      const std::string budget = o.budget.in_iterations()
                                     ? std::to_string(o.budget.iterations) + " iterations"
                                     : std::to_string(static_cast<int>(std::ceil(o.budget.seconds))) + " s";
      throw std::runtime_error("no trial finished within the budget (" + budget + "): give the search more time");
    }
    comparison_ =
        std::make_unique<TestComparison>(split_, search_->options().base, best->settings, search_->options().k);
    phase_ = Phase::kComparing;
    if (left() <= 0) return;
  }
  if (phase_ == Phase::kComparing) {
    const auto compare_start = Clock::now();
    comparison_->advance(std::max(0.0, left()));
    comparison_seconds_ += std::chrono::duration<double>(Clock::now() - compare_start).count();
    if (comparison_->done()) phase_ = Phase::kDone;
  }
}

bool values_look_like_counts(const CsrMatrix& user_items) {
  bool above_ten = false;
  for (float v : user_items.values) {
    if (v != std::floor(v)) return false;
    if (v > 10) above_ten = true;
  }
  return above_ten;
}

}  // namespace als
