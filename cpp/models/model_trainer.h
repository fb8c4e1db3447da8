// Training of any model kind in slices: advance() works for a time budget and
// returns, so the web worker answers messages (progress, cancel) between
// slices. Each kind says in its own header what a slice is and what is
// deterministic (the same seed gives the same model whatever the thread count,
// except where a kind cannot promise it: Hogwild SGD).
#pragma once

#include <memory>

#include "als/als_trainer.h"
#include "core/csr_matrix.h"
#include "models/model_settings.h"
#include "models/recommender_model.h"

namespace als {

class ModelTrainer {
 public:
  virtual ~ModelTrainer() = default;
  virtual bool done() const = 0;
  // Works for about budget_seconds (at least one slice), or until done.
  virtual void advance(double budget_seconds) = 0;
  virtual const TrainingProgress& progress() const = 0;
  virtual int threads() const = 0;
  // The trained model (call when done()).
  virtual std::unique_ptr<RecommenderModel> take_model() = 0;
};

// A trainer of settings.kind on user_items (users x items, the raw values:
// ratings or play counts), which must outlive it. Throws std::invalid_argument
// for settings out of range or data the kind cannot learn from (a rating
// model on play counts), saying what to change.
std::unique_ptr<ModelTrainer> make_trainer(const CsrMatrix& user_items, const ModelSettings& settings);

// Trains in one call.
std::unique_ptr<RecommenderModel> train_model(const CsrMatrix& user_items, const ModelSettings& settings);

}  // namespace als
