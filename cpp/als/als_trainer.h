// Fits an implicit-ALS model, alternating user and item half steps (HKV 2008,
// section 4). The trainer is resumable: advance() works for a time budget and
// returns, so a web worker can answer messages (progress, cancel) between
// slices without threads of its own. Rows are independent within a half step,
// and the loss is summed over fixed tasks in order, so slicing and the thread
// count never change the result. A slice holds as many tasks as fit the
// budget (measured as it goes), so no slice outlasts it by much on any data.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include "als/als_model.h"
#include "als/gram.h"
#include "als/row_partition.h"
#include "als/training_loss.h"
#include "core/csr_matrix.h"
#include "core/parallel.h"

namespace als {

struct TrainingProgress {
  int iterations_done = 0;
  int iterations = 0;
  double fraction = 0;       // of all work, 0..1
  double seconds = 0;        // time spent training so far
  std::vector<double> loss;  // one per finished iteration (when computed)
};

class TrainingCancelled : public std::runtime_error {
 public:
  TrainingCancelled() : std::runtime_error("training cancelled") {}
};

// Checks a configuration; throws std::invalid_argument saying which setting is wrong.
void validate_config(const AlsConfig& config);

class AlsTrainer {
 public:
  // user_items holds raw values (ratings, plays); confidences are derived here.
  // item_users, when given, is user_items' transpose (Dataset::item_users):
  // the item side is then copied from it instead of transposed again (the
  // same matrix, one scatter pass less).
  AlsTrainer(const CsrMatrix& user_items, const AlsConfig& config, const CsrMatrix* item_users = nullptr);
  ~AlsTrainer();

  bool done() const { return iteration_ >= config_.iterations; }
  // Works for about budget_seconds (at least one slice), or until done, or
  // (when asked) until the current iteration ends.
  void advance(double budget_seconds, bool stop_after_iteration = false);
  const TrainingProgress& progress() const { return progress_; }
  int threads() const { return pool_->size(); }
  // The model as it stands: consistent between iterations (after an
  // advance(..., stop_after_iteration = true) that finished one), e.g. to
  // score it on a validation split and then train on (cpp/tuning/).
  const AlsModel& model() const { return model_; }
  // The trained model (call when done()).
  AlsModel take_model();

 private:
  void begin_half_step();
  size_t half_tasks() const;
  void run_slice();
  void end_half_step();
  void end_iteration();

  AlsConfig config_;
  std::shared_ptr<ThreadPool> pool_;
  AlsModel model_;
  // Cui and Ciu = Cuiᵀ, both sides in popularity order (see the constructor):
  // user_confidences_ row k is user user_order_[k], column k item item_order_[k];
  // item_confidences_ the other way round.
  CsrMatrix user_confidences_;
  CsrMatrix item_confidences_;
  std::vector<int32_t> user_order_, item_order_;  // most-rated first
  // Each side's factor rows in that order, copied when it is the fixed side
  // (one buffer per side: no fresh allocation every half step).
  FactorMatrix users_by_popularity_, items_by_popularity_;
  std::vector<RowRange> user_tasks_, item_tasks_;

  int iteration_ = 0;
  int half_ = 0;  // 0: solve users, 1: solve items, 2: the loss of the iteration
  size_t next_task_ = 0;
  bool half_started_ = false;
  size_t tasks_per_slice_ = 1;  // adapted to the time budget (never changes the result)
  double budget_seconds_ = 0;
  GramMatrix gram_;
  std::unique_ptr<TrainingLossPass> loss_pass_;
  double work_done_ = 0, work_total_ = 1;
  TrainingProgress progress_;
};

// Trains in one call. on_iteration (optional) sees progress after every
// iteration; returning false cancels (throws TrainingCancelled).
AlsModel train_als(const CsrMatrix& user_items, const AlsConfig& config,
                   const std::function<bool(const TrainingProgress&)>& on_iteration = nullptr);

}  // namespace als
