// implicit 0.7's LogisticMatrixFactorization behind the one interface:
// users and items as factors + 2 columns (user (xᶠ, 1, b_u), item
// (yᶠ, b_i, 1)), score = x·y, trained by AdaGrad steps that alternate a
// half step over every user (items fixed) and one over every item (users
// fixed); models/lmf_update.h has the step and the sampling.
//
// Deterministic: within a half step each row's step reads only its own row
// and the fixed side, and draws its negatives from its own random stream
// seeded from (seed, epoch, half, row) (implicit draws from one stream per
// thread instead). So the same seed gives bit-identical factors whatever the
// thread count and however training is sliced. A slice runs whole tasks of
// rows (as many as fit the budget).
//
// Initialization as implicit: standard normal, the fixed columns 1, rows
// without entries zero (our numbers come from SplitMix64, not numpy).
// loss_history: per epoch, the fraction of the user half step's pairs
// (positives and sampled negatives) whose score had the wrong sign (implicit
// reports none). Factors that became infinite or NaN after an epoch stop the
// run with TrainingDiverged.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/csr_matrix.h"
#include "models/model_trainer.h"
#include "models/recommender_model.h"

namespace als {

class LmfModel : public FactorModel {
 public:
  // item_counts: the training entries per item (the negatives' weights, kept for fold-in).
  LmfModel(const LmfConfig& config, FactorMatrix user_factors, FactorMatrix item_factors,
           std::vector<int64_t> item_counts);

  ModelKind kind() const override { return ModelKind::kLmf; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return static_cast<int32_t>(user_factors_.rows()); }
  int32_t item_count() const noexcept override { return static_cast<int32_t>(item_factors_.rows()); }
  const FactorMatrix& user_factors() const override { return user_factors_; }
  const FactorMatrix& item_factors() const override { return item_factors_; }
  // implicit has no recalculate_user for LMF. Ours replays what training
  // does to one user, the items held fixed: `iterations` user steps (with
  // their AdaGrad sums and negatives drawn by popularity from a fixed seed),
  // from a normal vector drawn from a fixed seed. Deterministic.
  std::vector<float> fold_in(const UserItems& user) const override;
  Explainability explainability() const override;
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override;
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

 private:
  ModelSettings settings_;
  FactorMatrix user_factors_, item_factors_;
  std::vector<int64_t> item_counts_;
  std::vector<int64_t> cumulative_counts_;
};

std::unique_ptr<ModelTrainer> make_lmf_trainer(const CsrMatrix& user_items, const LmfConfig& config);

// From its model-file sections (LMFX, LMFY, LMFN); ModelFileError when they do not fit.
std::unique_ptr<RecommenderModel> lmf_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items);

}  // namespace als
