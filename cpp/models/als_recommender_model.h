// implicit ALS (and the models trained elsewhere by implicit or Spark) behind
// the one interface: the AlsModel and its Recommender, whose fold-in is
// implicit's recalculate_user and whose explanation is exact (HKV 2008, section 5).
#pragma once

#include <memory>

#include "als/als_model.h"
#include "models/model_trainer.h"
#include "models/recommender_model.h"
#include "queries/recommender.h"

namespace als {

class AlsRecommenderModel : public FactorModel {
 public:
  explicit AlsRecommenderModel(AlsModel model);

  ModelKind kind() const override { return ModelKind::kAls; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return static_cast<int32_t>(model_.user_factors.rows()); }
  int32_t item_count() const noexcept override { return static_cast<int32_t>(model_.item_factors.rows()); }
  const FactorMatrix& user_factors() const override { return model_.user_factors; }
  const FactorMatrix& item_factors() const override { return model_.item_factors; }
  std::vector<float> fold_in(const UserItems& user) const override { return recommender_->fold_in(user); }
  Explainability explainability() const override { return {true, "", ""}; }
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override {
    return recommender_->explain(user, items);
  }
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

  const AlsModel& als_model() const { return model_; }
  const Recommender& recommender() const { return *recommender_; }

 private:
  AlsModel model_;
  ModelSettings settings_;
  std::unique_ptr<Recommender> recommender_;
};

// AlsTrainer behind the ModelTrainer interface.
std::unique_ptr<ModelTrainer> make_als_trainer(const CsrMatrix& user_items, const AlsConfig& config);

}  // namespace als
