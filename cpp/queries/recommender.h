// The queries of a trained model, with implicit 0.7.3's names and meaning:
// predicted preference (a dot product), recommend (liked items filtered out),
// similar items / users (cosine), recalculate_user (fold-in of a new user
// without retraining) and explain (each liked item's share of a score).
//
// The Recommender caches what the queries share (YᵀY + λI, factor norms); it
// refers to the model, which must outlive it and stay unchanged.
#pragma once

#include <cstdint>
#include <vector>

#include "als/als_model.h"
#include "als/gram.h"
#include "core/csr_matrix.h"
#include "core/parallel.h"
#include "queries/top_k.h"

namespace als {

// A user described by the items they interacted with and the raw values
// (ratings, plays): a favorites list, or a row of the training matrix.
struct UserItems {
  std::vector<int32_t> items;
  std::vector<float> values;
};

struct RecommendOptions {
  int count = 10;
  std::vector<int32_t> exclude;     // never recommend these (liked items go here)
  std::vector<int32_t> candidates;  // when not empty, rank only these
  int32_t min_support = 0;          // leave out items fewer users kept (queries/item_support.h); 0: all
};

struct SimilarOptions {
  int count = 10;
  bool include_self = true;         // implicit includes the item itself (score 1)
  std::vector<int32_t> candidates;  // when not empty, rank only these
  int32_t min_support = 0;          // leave out neighbours fewer users kept; 0: all
  double support_shrinkage = 0;     // β: rank by s · n / (n + β), n the neighbour's users; 0: the raw s
};

struct Contribution {
  int32_t item;         // a liked item
  double contribution;  // its share of the score
};

struct Explanation {
  double score = 0;                         // xᵤ·yᵢ of the recalculated user = Σ contributions
  std::vector<Contribution> contributions;  // largest first, one per liked item with C > 0
};

class Recommender {
 public:
  // item_support: users per item (queries/item_support.h), needed for a
  // min_support above 0; empty when unknown.
  explicit Recommender(const AlsModel& model, std::vector<int32_t> item_support = {});

  const AlsModel& model() const { return *model_; }
  int32_t item_count() const { return static_cast<int32_t>(model_->item_factors.rows()); }
  int32_t user_count() const { return static_cast<int32_t>(model_->user_factors.rows()); }
  const float* user_vector(int32_t user) const { return model_->user_factors.row(user); }
  const std::vector<int32_t>& item_support() const { return item_support_; }

  // xᵤ·yᵢ
  float predicted_preference(const float* user_vector, int32_t item) const;

  // Top items by xᵤ·yᵢ, skipping options.exclude.
  std::vector<ScoredItem> recommend(const float* user_vector, const RecommendOptions& options) const;
  // For a training user: their liked items are added to the exclusions.
  std::vector<ScoredItem> recommend_for_user(int32_t user, const UserItems& liked, RecommendOptions options) const;

  // Batch recommend for every user of the training matrix (implicit's
  // recommend with all user ids): row u = the top `count` for user u, their
  // liked items filtered out. Rows are independent, so any thread count gives
  // the same lists.
  std::vector<std::vector<ScoredItem>> recommend_all(const CsrMatrix& user_items, int count, ThreadPool& pool,
                                                     int32_t min_support = 0) const;

  // Cosine similarity of item factors; implicit includes the item itself (score 1).
  std::vector<ScoredItem> similar_items(int32_t item, const SimilarOptions& options) const;
  std::vector<ScoredItem> similar_items(int32_t item, int count, bool include_self = true,
                                        const std::vector<int32_t>& candidates = {}) const;
  std::vector<ScoredItem> similar_users(int32_t user, int count, bool include_self = true) const;

  // implicit's recalculate_user: the exact least-squares user vector for these
  // items, against the trained item factors (a Cholesky solve, no retraining).
  // A model of Spark's formulation solves Spark's system instead (λ·nᵤ,
  // only positive values count): see AlsConfig::formulation.
  std::vector<float> fold_in(const UserItems& user) const;

  // implicit's explain (HKV 2008, section 5): with Wᵤ = (YᵀCᵤY + λI)⁻¹,
  // contribution_j = Cᵤⱼ (yᵢᵀ Wᵤ yⱼ), summing to yᵢ·xᵤ of the recalculated user.
  Explanation explain(const UserItems& user, int32_t item) const;
  // The same for several items, factorising Wᵤ once.
  std::vector<Explanation> explain(const UserItems& user, const std::vector<int32_t>& items) const;

  // Items most interacted with, skipping exclusions (counts from the training matrix).
  static std::vector<ScoredItem> popular(const std::vector<int64_t>& item_user_counts, const RecommendOptions& options);

 private:
  const std::vector<float>& item_norms() const;
  const std::vector<float>& user_norms() const;
  // Which items a minimum support lets through (all when min_support <= 0).
  std::vector<bool> supported_items(int32_t min_support) const;
  // The user's entries that enter the system under the model's formulation.
  UserItems counted_items(const UserItems& user) const;
  float extra_diagonal(const UserItems& counted) const;

  const AlsModel* model_;
  std::vector<int32_t> item_support_;
  GramMatrix YtY_reg_;
  mutable std::vector<float> item_norms_, user_norms_;
};

// Merges duplicate items (the later value wins) and drops unknown indices.
UserItems clean_user_items(const UserItems& user, int32_t item_count);

}  // namespace als
