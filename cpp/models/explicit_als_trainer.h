// Trains Spark ML's ALS(implicitPrefs = false) in slices (models/model_trainer.h).
//
// As Spark's ALS.train: user factors drawn first, then item factors, each row
// Gaussian and scaled to length 1 (Spark's initialize, here seeded by
// SplitMix64); then each iteration solves the items from the users, then the
// users from the items (explicit_least_squares.h). A slice is a block of
// tasks (rows of about equal ratings) of one half step. Every row's solve
// depends only on the other side's factors and the loss is summed per task in
// task order, so the same seed gives the same model whatever the thread count
// and however training is sliced.
//
// The loss after each iteration is the training RMSE (the users' ratings
// against the factors the iteration ended with).
#pragma once

#include <memory>
#include <vector>

#include "als/row_partition.h"
#include "core/csr_matrix.h"
#include "core/parallel.h"
#include "models/explicit_als_model.h"
#include "models/model_trainer.h"

namespace als {

class ExplicitAlsTrainer : public ModelTrainer {
 public:
  // user_ratings: users x items star ratings (not copied: must outlive the
  // trainer). Throws std::invalid_argument for settings out of range or data
  // that are not ratings (models/rating_data.h).
  ExplicitAlsTrainer(const CsrMatrix& user_ratings, const ExplicitAlsConfig& config);

  bool done() const override { return iteration_ >= config_.iterations; }
  void advance(double budget_seconds) override;
  const TrainingProgress& progress() const override { return progress_; }
  int threads() const override { return pool_->size(); }
  std::unique_ptr<RecommenderModel> take_model() override;

  // The factors as they stand (between half steps), e.g. for tests.
  const FactorMatrix& user_factors() const { return user_factors_; }
  const FactorMatrix& item_factors() const { return item_factors_; }

 private:
  void run_slice(double budget_seconds);
  void end_half_step();

  ExplicitAlsConfig config_;
  std::shared_ptr<ThreadPool> pool_;
  const CsrMatrix* user_ratings_;
  CsrMatrix item_ratings_;  // the transpose
  FactorMatrix user_factors_, item_factors_;
  std::vector<RowRange> user_tasks_, item_tasks_;
  std::vector<double> task_squared_errors_;  // per user task, in the user half step

  int iteration_ = 0;
  int half_ = 0;  // 0: items from users, 1: users from items (Spark's order)
  size_t next_task_ = 0;
  size_t tasks_per_slice_ = 1;
  double work_done_ = 0, work_total_ = 1;
  TrainingProgress progress_;
  bool taken_ = false;
};

std::unique_ptr<ModelTrainer> make_explicit_als_trainer(const CsrMatrix& user_ratings, const ExplicitAlsConfig& config);

// Spark's initialisation of one side: each row's factors Gaussian (Box–Muller
// in double, rounded to float), then scaled to L2 norm 1.
void fill_unit_gaussian_rows(FactorMatrix& M, uint64_t seed);

}  // namespace als
