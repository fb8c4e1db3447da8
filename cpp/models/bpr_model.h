// implicit 0.7's BayesianPersonalizedRanking behind the one interface: users
// and items as factors + 1 columns (the user's last column fixed at 1, the
// item's holding its bias), score = x·y, trained by SGD on sampled pairs
// (models/bpr_update.h has the step and the sampling).
//
// Training: each epoch draws nnz samples, split into kBprTasksPerEpoch
// tasks run on the ThreadPool, each task with its own random stream seeded
// from (seed, epoch, task). The threads update the shared factors without
// locks (Hogwild, Recht et al. 2011), as implicit does with OpenMP. So:
//   - the same seed and one thread give bit-identical factors, however the
//     training is sliced;
//   - more threads draw the very same samples, but the order in which their
//     updates land depends on thread timing: the same quality, not the same
//     bits from run to run.
// A slice runs whole tasks (as many as fit the budget, measured as it goes),
// so one slice is part of an epoch or several epochs.
//
// Progress: loss_history holds, per epoch, the fraction of sampled pairs
// that were ordered wrongly before their step (1 − implicit's "correct %",
// an estimate of 1 − the training AUC): it falls as the model learns.
// After each epoch factors that became infinite or NaN (too large a
// learning rate) stop the run with TrainingDiverged.
//
// Initialization as implicit: uniform in [−½, ½) / factors, rows of users or
// items without any entry zero (the user's bias column 1). Our random stream
// is SplitMix64 (core/random.h), not numpy's, so the numbers differ.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/csr_matrix.h"
#include "models/model_trainer.h"
#include "models/popularity_sampler.h"
#include "models/recommender_model.h"

namespace als {

constexpr int kBprTasksPerEpoch = 64;

class BprModel : public FactorModel {
 public:
  // item_counts: the training entries per item (the sampler's weights of
  // the negative items, kept for fold-in).
  BprModel(const BprConfig& config, FactorMatrix user_factors, FactorMatrix item_factors,
           std::vector<int64_t> item_counts);

  ModelKind kind() const override { return ModelKind::kBpr; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return static_cast<int32_t>(user_factors_.rows()); }
  int32_t item_count() const noexcept override { return static_cast<int32_t>(item_factors_.rows()); }
  const FactorMatrix& user_factors() const override { return user_factors_; }
  const FactorMatrix& item_factors() const override { return item_factors_; }
  // implicit has no recalculate_user for BPR. Ours: a deterministic SGD on
  // the new user's vector alone, the items fixed, with the training's step
  // and sampling (liked item uniform over the user's, the other item by
  // popularity) and as many steps as training gave that user on average
  // (items × iterations), from an initial vector drawn from a fixed seed.
  std::vector<float> fold_in(const UserItems& user) const override;
  Explainability explainability() const override;
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override;
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

  const std::vector<int64_t>& item_counts() const { return item_counts_; }

 private:
  ModelSettings settings_;
  FactorMatrix user_factors_, item_factors_;
  std::vector<int64_t> item_counts_;
  PopularitySampler negatives_;
};

std::unique_ptr<ModelTrainer> make_bpr_trainer(const CsrMatrix& user_items, const BprConfig& config);

// From its model-file sections (BPRX, BPRY, BPRN); ModelFileError when they do not fit.
std::unique_ptr<RecommenderModel> bpr_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items);

}  // namespace als
