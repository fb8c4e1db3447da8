// The kinds of model the engine trains, with the names the CLI (--algorithm,
// --models), the page and the model file use. Each kind is one of implicit's
// (or Spark's) models with its semantics and defaults:
//
//   als           implicit.als.AlternatingLeastSquares (Hu, Koren & Volinsky 2008)
//   explicit-als  Spark's ALS(implicitPrefs=False): the star ratings, λ·nᵤ (Zhou et al. 2008)
//   bpr           implicit.bpr.BayesianPersonalizedRanking (Rendle et al. 2009)
//   lmf           implicit.lmf.LogisticMatrixFactorization (Johnson 2014)
//   knn-cosine    implicit.nearest_neighbours.CosineRecommender
//   knn-tfidf     implicit.nearest_neighbours.TFIDFRecommender
//   knn-bm25      implicit.nearest_neighbours.BM25Recommender
//   popular       the most kept items (the baseline every table shows)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace als {

enum class ModelKind {
  kAls,
  kExplicitAls,
  kBpr,
  kLmf,
  kKnnCosine,
  kKnnTfidf,
  kKnnBm25,
  kPopular,
};

// "als", "explicit-als", ...
const char* model_kind_name(ModelKind kind);
// The name as a reader sees it ("implicit ALS", "BM25 item-item kNN").
const char* model_kind_title(ModelKind kind);
std::optional<ModelKind> model_kind_from_name(std::string_view name);
// Every kind, in the order tables list them.
const std::vector<ModelKind>& all_model_kinds();
// "als, explicit-als, ..." (for messages).
std::string model_kind_names();

// Users and items as factor vectors (score = xᵤ·yᵢ): ALS, explicit ALS, BPR, LMF.
bool is_factor_model(ModelKind kind);
bool is_neighbour_model(ModelKind kind);
// Trained on the values as ratings (a score predicts a rating: RMSE applies).
bool predicts_ratings(ModelKind kind);

}  // namespace als
