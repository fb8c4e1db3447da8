#include "models/als_recommender_model.h"

#include <stdexcept>

namespace als {

AlsRecommenderModel::AlsRecommenderModel(AlsModel model)
    : model_(std::move(model)), settings_(ModelSettings::of(model_.config)) {
  recommender_ = std::make_unique<Recommender>(model_);  // throws when the factors overflow
  training_seconds = model_.training_seconds;
  loss_history = model_.loss_history;
  cache_item_norms();
}

std::vector<std::pair<std::string, std::string>> AlsRecommenderModel::file_sections() const {
  // An ALS model is written by model/model_file.cpp's own sections (CONF, WGHT, ...).
  throw std::logic_error("an ALS model is saved by save_model(AlsModel, ...)");
}

namespace {
class AlsModelTrainer : public ModelTrainer {
 public:
  AlsModelTrainer(const CsrMatrix& user_items, const AlsConfig& config) : trainer_(user_items, config) {}
  bool done() const override { return trainer_.done(); }
  void advance(double budget_seconds) override { trainer_.advance(budget_seconds); }
  const TrainingProgress& progress() const override { return trainer_.progress(); }
  int threads() const override { return trainer_.threads(); }
  std::unique_ptr<RecommenderModel> take_model() override {
    return std::make_unique<AlsRecommenderModel>(trainer_.take_model());
  }

 private:
  AlsTrainer trainer_;
};
}  // namespace

std::unique_ptr<ModelTrainer> make_als_trainer(const CsrMatrix& user_items, const AlsConfig& config) {
  return std::make_unique<AlsModelTrainer>(user_items, config);
}

}  // namespace als
