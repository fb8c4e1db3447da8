// implicit's ItemItemRecommender (Cosine, TF-IDF, BM25): S = all_pairs_knn of
// the weighted item x user matrix, K per item. A user's score of item i is
// Σ_j v_j · S[j, i] over their liked items j with values v_j as given, so a
// new user needs no fold-in and every score splits exactly into shares.
// Training slice: one block of items of S (progress and cancel between).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/csr_matrix.h"
#include "models/model_trainer.h"
#include "models/recommender_model.h"

namespace als {

class KnnModel : public RecommenderModel {
 public:
  KnnModel(const ModelSettings& settings, CsrMatrix similarity, int32_t users);

  ModelKind kind() const override { return settings_.kind; }
  const ModelSettings& settings() const override { return settings_; }
  int32_t user_count() const noexcept override { return users_; }
  int32_t item_count() const noexcept override { return similarity_.rows; }
  std::vector<ScoredItem> recommend(const UserItems& user, const RecommendOptions& options) const override;
  std::vector<ScoredItem> recommend_for_user(int32_t user, const UserItems& liked,
                                             const RecommendOptions& options) const override;
  std::vector<ScoredItem> similar_items(int32_t item, const SimilarOptions& options) const override;
  float score(const UserItems& user, int32_t item) const override;
  Explainability explainability() const override { return {true, "", ""}; }
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const override;
  std::vector<std::pair<std::string, std::string>> file_sections() const override;

  // Item x item, at most K entries per row, columns ascending.
  const CsrMatrix& similarity() const { return similarity_; }

 private:
  ModelSettings settings_;
  CsrMatrix similarity_;
  int32_t users_;
};

std::unique_ptr<ModelTrainer> make_knn_trainer(const CsrMatrix& user_items, const ModelSettings& settings);

// The model from its file sections (KPTR, KIDX, KVAL); corrupt bytes throw ModelFileError.
std::unique_ptr<RecommenderModel> knn_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items);

}  // namespace als
