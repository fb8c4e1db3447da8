// One interface for every model kind, as implicit's RecommenderBase: recommend
// (liked items filtered out), similar items, the score of one item, explain,
// and a new user (the visitor's favorites) answered without retraining —
// folded in by the factor models, read as it is by the neighbour models.
//
// tests/recommender_contract_test.cpp is the shared suite every kind passes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/factor_matrix.h"
#include "models/model_settings.h"
#include "queries/recommender.h"
#include "queries/top_k.h"

namespace als {

// Whether a score splits into one share per liked item (Explanation), and if
// not why not: why_not in English, code for the page's words (explain.<code>).
struct Explainability {
  bool exact = false;
  std::string code;
  std::string why_not;
};

class FactorModel;

class RecommenderModel {
 public:
  virtual ~RecommenderModel() = default;

  virtual ModelKind kind() const = 0;
  virtual const ModelSettings& settings() const = 0;
  // noexcept: in WebAssembly a call that may throw goes through a JS
  // trampoline (Emscripten's JS exceptions), and these are called per item.
  virtual int32_t user_count() const noexcept = 0;
  virtual int32_t item_count() const noexcept = 0;

  // A new user given by their items and values (favorites): the top items,
  // `user`'s items and options.exclude filtered out.
  virtual std::vector<ScoredItem> recommend(const UserItems& user, const RecommendOptions& options) const = 0;
  // Training user `user`, whose row of the training matrix is `liked`
  // (filtered out). Called from several threads at once (evaluation).
  virtual std::vector<ScoredItem> recommend_for_user(int32_t user, const UserItems& liked,
                                                     const RecommendOptions& options) const = 0;
  // The items most like `item` by the model's own similarity (when
  // has_similar_items(); popularity has none).
  virtual bool has_similar_items() const { return true; }
  virtual std::vector<ScoredItem> similar_items(int32_t item, const SimilarOptions& options) const = 0;
  // The score recommend ranks `item` by for a new user (explicit ALS: a predicted rating).
  virtual float score(const UserItems& user, int32_t item) const = 0;
  // A training user's predicted rating of an item (models of ratings only; see predicts_ratings()).
  virtual std::optional<float> predicted_rating(int32_t /*user*/, int32_t /*item*/) const { return std::nullopt; }

  virtual Explainability explainability() const = 0;
  // Each liked item's share of each item's score (when explainability().exact;
  // else throws std::logic_error with why_not). The shares sum to score().
  virtual std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const = 0;

  // The factor models' factors and fold-in; nullptr for the others.
  virtual const FactorModel* factor_model() const { return nullptr; }

  // The model file's sections of this model beyond its settings and ids
  // (model/model_file.h): 4-letter tag -> bytes.
  virtual std::vector<std::pair<std::string, std::string>> file_sections() const = 0;

  double training_seconds = 0;
  std::vector<double> loss_history;  // after each iteration, where the kind computes one

  // How many users kept each item (queries/item_support.h): needed for a min_support above 0.
  void set_item_support(std::vector<int32_t> support);
  const std::vector<int32_t>& item_support() const { return item_support_; }

 protected:
  // false for the items a minimum support leaves out; empty when min_support <= 0.
  std::vector<bool> supported_items(int32_t min_support) const;
  // n / (n + β) per item (SimilarOptions::support_shrinkage); empty when β <= 0.
  std::vector<float> shrinkage_weights(double beta) const;
  // Exclusions as marks (options.exclude, `also`, items below options.min_support).
  std::vector<bool> excluded_items(const RecommendOptions& options, const std::vector<int32_t>& also) const;

 private:
  std::vector<int32_t> item_support_;
};

// Users and items as factor vectors, score = xᵤ·yᵢ, similar items by cosine
// (implicit's MatrixFactorizationBase). A kind supplies its factors and how a
// new user is folded in; recommend, similar and score are shared.
class FactorModel : public RecommenderModel {
 public:
  virtual const FactorMatrix& user_factors() const = 0;
  virtual const FactorMatrix& item_factors() const = 0;
  // The vector of a new user against the trained item factors (implicit's
  // recalculate_user where it has one), padded like a factor row.
  virtual std::vector<float> fold_in(const UserItems& user) const = 0;

  std::vector<ScoredItem> recommend(const UserItems& user, const RecommendOptions& options) const override;
  std::vector<ScoredItem> recommend_for_user(int32_t user, const UserItems& liked,
                                             const RecommendOptions& options) const override;
  std::vector<ScoredItem> similar_items(int32_t item, const SimilarOptions& options) const override;
  float score(const UserItems& user, int32_t item) const override;
  const FactorModel* factor_model() const override { return this; }

  // xᵤ·yᵢ over a factor row (padded).
  std::vector<ScoredItem> recommend_vector(const float* user_vector, const RecommendOptions& options,
                                           const std::vector<int32_t>& liked) const;

 protected:
  // Call once the factors are final (the norms of the cosine).
  void cache_item_norms();

 private:
  std::vector<float> item_norms_;
};

// A factor matrix with each row written by `row(r, out)`, e.g. a trained
// model's factors copied into the padded layout.
FactorMatrix factor_matrix_of(int64_t rows, int factors, const std::vector<float>& row_major);

}  // namespace als
