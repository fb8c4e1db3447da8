// The baseline: every user gets the items most users kept, their own filtered
// out. It has no similarity between items and nothing to explain.
#pragma once

#include <memory>
#include <vector>

#include "core/csr_matrix.h"
#include "models/model_trainer.h"
#include "models/recommender_model.h"

namespace als {

class PopularityModel : public RecommenderModel {
 public:
  // user_items: the training matrix (its column sizes are the counts).
  explicit PopularityModel(const CsrMatrix& user_items);
  PopularityModel(std::vector<int64_t> item_counts, int32_t users);

  ModelKind kind() const override { return ModelKind::kPopular; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return users_; }
  int32_t item_count() const noexcept override { return static_cast<int32_t>(counts_.size()); }
  std::vector<ScoredItem> recommend(const UserItems& user, const RecommendOptions& options) const override;
  std::vector<ScoredItem> recommend_for_user(int32_t user, const UserItems& liked,
                                             const RecommendOptions& options) const override;
  bool has_similar_items() const override { return false; }
  std::vector<ScoredItem> similar_items(int32_t item, const SimilarOptions& options) const override;
  float score(const UserItems& user, int32_t item) const override;
  Explainability explainability() const override;
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override;
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

  const std::vector<int64_t>& item_counts() const { return counts_; }

 private:
  std::vector<int64_t> counts_;
  std::vector<int32_t> ranking_;  // every item, most kept first (ties: lower index)
  int32_t users_ = 0;
  ModelSettings settings_ = ModelSettings::of(ModelKind::kPopular);
};

std::unique_ptr<ModelTrainer> make_popularity_trainer(const CsrMatrix& user_items);

}  // namespace als
