// Spark ML's ALS(implicitPrefs = false) behind the one interface: a model of
// star ratings, whose score xᵤ·yᵢ is a predicted rating (no biases, as Spark).
// A new user is folded in by the same solve as a training user,
//   (Yₛᵀ Yₛ + λ·n·I) x = Yₛᵀ r      (s: the n rated items, r: their ratings),
// so each score splits exactly into one share per rated item:
//   score_i = yᵢᵀ A⁻¹ Σⱼ rⱼ yⱼ = Σⱼ rⱼ · yᵢᵀ A⁻¹ yⱼ.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "models/model_trainer.h"
#include "models/recommender_model.h"

namespace als {

class ExplicitAlsModel : public FactorModel {
 public:
  // Factors of the same width; the user rows match the training matrix's.
  ExplicitAlsModel(const ExplicitAlsConfig& config, FactorMatrix user_factors, FactorMatrix item_factors);

  ModelKind kind() const override { return ModelKind::kExplicitAls; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return static_cast<int32_t>(user_factors_.rows()); }
  int32_t item_count() const noexcept override { return static_cast<int32_t>(item_factors_.rows()); }
  const FactorMatrix& user_factors() const override { return user_factors_; }
  const FactorMatrix& item_factors() const override { return item_factors_; }
  std::vector<float> fold_in(const UserItems& user) const override;
  // xᵤ·yᵢ; nullopt outside the model.
  std::optional<float> predicted_rating(int32_t user, int32_t item) const override;
  Explainability explainability() const override { return {true, "", ""}; }
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override;
  // XFAC (user factors) and YFAC (item factors), binary::put_factors.
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

 private:
  ModelSettings settings_;
  FactorMatrix user_factors_;
  FactorMatrix item_factors_;
};

// The model back from its sections (model_from_sections); ModelFileError when
// they are missing, do not fit the ids or the settings, or hold bad values.
std::unique_ptr<ExplicitAlsModel> explicit_als_model_from_sections(
    const ModelSettings& settings, const std::map<std::string, std::string_view>& sections, int32_t users,
    int32_t items);

}  // namespace als
