#include "models/recommender_model.h"

#include <cmath>
#include <stdexcept>

#include "als/factor_kernels.h"
#include "queries/item_support.h"

namespace als {

void RecommenderModel::set_item_support(std::vector<int32_t> support) {
  if (!support.empty() && static_cast<int32_t>(support.size()) != item_count())
    throw std::invalid_argument("item support: one count per item of the model is needed");
  item_support_ = std::move(support);
}

std::vector<bool> RecommenderModel::supported_items(int32_t min_support) const {
  if (min_support <= 0) return {};
  if (item_support_.empty()) throw std::logic_error("a minimum support needs the items' support counts");
  std::vector<bool> allowed(item_support_.size());
  for (size_t i = 0; i < item_support_.size(); ++i) allowed[i] = item_support_[i] >= min_support;
  return allowed;
}

std::vector<float> RecommenderModel::shrinkage_weights(double beta) const {
  if (!(beta > 0)) return {};
  if (item_support_.empty()) throw std::logic_error("a support shrinkage needs the items' support counts");
  return support_weights(item_support_, beta);
}

std::vector<bool> RecommenderModel::excluded_items(const RecommendOptions& options,
                                                   const std::vector<int32_t>& also) const {
  const int32_t n = item_count();
  std::vector<bool> excluded(n, false);
  for (const std::vector<int32_t>* ids : {&options.exclude, &also})
    for (int32_t id : *ids)
      if (id >= 0 && id < n) excluded[id] = true;
  const std::vector<bool> allowed = supported_items(options.min_support);
  for (size_t i = 0; i < allowed.size(); ++i)
    if (!allowed[i]) excluded[i] = true;
  return excluded;
}

// ---- factor models ----

void FactorModel::cache_item_norms() {
  // implicit replaces a zero norm by 1e-10 so a zero vector has similarity 0.
  const FactorMatrix& Y = item_factors();
  item_norms_.resize(Y.rows());
  for (int64_t r = 0; r < Y.rows(); ++r) {
    const float n = std::sqrt(kernels::dot(Y.row(r), Y.row(r), Y.stride()));
    item_norms_[r] = n > 0 ? n : 1e-10f;
  }
}

std::vector<ScoredItem> FactorModel::recommend_vector(const float* user_vector, const RecommendOptions& options,
                                                      const std::vector<int32_t>& liked) const {
  const FactorMatrix& Y = item_factors();
  const std::vector<bool> excluded = excluded_items(options, liked);
  TopK top(options.count);
  auto consider = [&](int32_t i) {
    if (!excluded[i]) top.offer(i, kernels::dot(user_vector, Y.row(i), Y.stride()));
  };
  if (options.candidates.empty()) {
    for (int32_t i = 0; i < item_count(); ++i) consider(i);
  } else {
    for (int32_t i : options.candidates)
      if (i >= 0 && i < item_count()) consider(i);
  }
  return top.sorted();
}

std::vector<ScoredItem> FactorModel::recommend(const UserItems& user, const RecommendOptions& options) const {
  const std::vector<float> x = fold_in(user);
  return recommend_vector(x.data(), options, user.items);
}

std::vector<ScoredItem> FactorModel::recommend_for_user(int32_t user, const UserItems& liked,
                                                        const RecommendOptions& options) const {
  if (user < 0 || user >= user_count()) throw std::out_of_range("recommend: user outside the model");
  return recommend_vector(user_factors().row(user), options, liked.items);
}

std::vector<ScoredItem> FactorModel::similar_items(int32_t item, const SimilarOptions& options) const {
  const FactorMatrix& Y = item_factors();
  if (item < 0 || item >= Y.rows()) throw std::out_of_range("similar: item outside the model");
  if (item_norms_.size() != static_cast<size_t>(Y.rows()))
    throw std::logic_error("FactorModel: cache_item_norms() was not called");
  const std::vector<bool> allowed = supported_items(options.min_support);
  const std::vector<float> weights = shrinkage_weights(options.support_shrinkage);
  const float* v = Y.row(item);
  const float scale = 1.0f / item_norms_[item];
  TopK top(options.count);
  auto consider = [&](int32_t j) {
    if (j == item && !options.include_self) return;
    if (!allowed.empty() && !allowed[j] && j != item) return;
    const float cosine = kernels::dot(v, Y.row(j), Y.stride()) * scale / item_norms_[j];
    top.offer(j, weights.empty() || j == item ? cosine : cosine * weights[j]);
  };
  if (options.candidates.empty()) {
    for (int32_t j = 0; j < Y.rows(); ++j) consider(j);
  } else {
    for (int32_t j : options.candidates)
      if (j >= 0 && j < Y.rows()) consider(j);
  }
  return top.sorted();
}

float FactorModel::score(const UserItems& user, int32_t item) const {
  if (item < 0 || item >= item_count()) throw std::out_of_range("score: item outside the model");
  const std::vector<float> x = fold_in(user);
  return kernels::dot(x.data(), item_factors().row(item), item_factors().stride());
}

FactorMatrix factor_matrix_of(int64_t rows, int factors, const std::vector<float>& row_major) {
  if (static_cast<int64_t>(row_major.size()) != rows * factors)
    throw std::invalid_argument("factor_matrix_of: rows x factors values are needed");
  FactorMatrix m(rows, factors);
  for (int64_t r = 0; r < rows; ++r)
    for (int k = 0; k < factors; ++k) m(r, k) = row_major[static_cast<size_t>(r) * factors + k];
  return m;
}

}  // namespace als
