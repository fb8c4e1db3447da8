#include "queries/recommender.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "als/factor_kernels.h"
#include "als/least_squares.h"
#include "queries/item_support.h"

namespace als {

namespace {

// implicit replaces a zero norm by 1e-10 so a zero vector has similarity 0.
std::vector<float> row_norms(const FactorMatrix& M) {
  std::vector<float> norms(M.rows());
  for (int64_t r = 0; r < M.rows(); ++r) {
    const float n = std::sqrt(kernels::dot(M.row(r), M.row(r), M.stride()));
    norms[r] = n > 0 ? n : 1e-10f;
  }
  return norms;
}

// Marks for membership tests: O(1) per item.
std::vector<bool> mark(const std::vector<int32_t>& ids, int32_t size) {
  std::vector<bool> marked(size, false);
  for (int32_t id : ids)
    if (id >= 0 && id < size) marked[id] = true;
  return marked;
}

// allowed: empty, or false for rows that may not be neighbours (low support).
std::vector<ScoredItem> cosine_neighbours(const FactorMatrix& M, const std::vector<float>& norms, int32_t row,
                                          int count, bool include_self, const std::vector<int32_t>& candidates,
                                          const std::vector<bool>& allowed = {},
                                          const std::vector<float>& weights = {}) {
  if (row < 0 || row >= M.rows()) throw std::out_of_range("similar: index outside the model");
  const float* v = M.row(row);
  const float scale = 1.0f / norms[row];
  TopK top(count);
  auto consider = [&](int32_t j) {
    if (j == row && !include_self) return;
    if (!allowed.empty() && !allowed[j] && j != row) return;
    const float cosine = kernels::dot(v, M.row(j), M.stride()) * scale / norms[j];
    top.offer(j, weights.empty() || j == row ? cosine : cosine * weights[j]);
  };
  if (candidates.empty()) {
    for (int32_t j = 0; j < M.rows(); ++j) consider(j);
  } else {
    for (int32_t j : candidates)
      if (j >= 0 && j < M.rows()) consider(j);
  }
  return top.sorted();
}

constexpr const char* kOverflow = "the favorites' confidences are too large for a finite answer: lower alpha";

// The confidences of a user's items. A value the settings turn into an
// infinite confidence (a huge alpha, a tiny log epsilon) would make every
// score NaN: that is an error to show, not a result.
std::vector<float> user_confidences(const ConfidenceWeights& weights, const UserItems& user) {
  const int64_t n = static_cast<int64_t>(user.items.size());
  std::vector<float> confidences(n);
  weights.row_confidences(user.items.data(), user.values.data(), n, confidences.data());
  for (float c : confidences)
    if (!std::isfinite(c)) throw std::invalid_argument(kOverflow);
  return confidences;
}

}  // namespace

UserItems clean_user_items(const UserItems& user, int32_t item_count) {
  if (user.items.size() != user.values.size()) throw std::invalid_argument("items and values differ in length");
  std::unordered_map<int32_t, size_t> position;
  UserItems out;
  for (size_t k = 0; k < user.items.size(); ++k) {
    const int32_t item = user.items[k];
    if (item < 0 || item >= item_count || !std::isfinite(user.values[k])) continue;
    auto [it, inserted] = position.try_emplace(item, out.items.size());
    if (inserted) {
      out.items.push_back(item);
      out.values.push_back(user.values[k]);
    } else {
      out.values[it->second] = user.values[k];
    }
  }
  return out;
}

Recommender::Recommender(const AlsModel& model, std::vector<int32_t> item_support)
    : model_(&model), item_support_(std::move(item_support)) {
  if (!item_support_.empty() && static_cast<int64_t>(item_support_.size()) != model.item_factors.rows())
    throw std::invalid_argument("item support: one count per item of the model is needed");
  ThreadPool single(1);
  YtY_reg_ = gram_matrix(model.item_factors, model.config.regularization, single);
  for (float g : YtY_reg_.values)
    if (!std::isfinite(g)) throw std::runtime_error("the item factors are too large: try increasing regularization");
  item_norms_ = row_norms(model.item_factors);
  user_norms_ = row_norms(model.user_factors);
}

const std::vector<float>& Recommender::item_norms() const { return item_norms_; }

std::vector<bool> Recommender::supported_items(int32_t min_support) const {
  if (min_support <= 0) return {};
  if (item_support_.empty()) throw std::logic_error("a minimum support needs the items' support counts");
  std::vector<bool> allowed(item_support_.size());
  for (size_t i = 0; i < item_support_.size(); ++i) allowed[i] = item_support_[i] >= min_support;
  return allowed;
}
const std::vector<float>& Recommender::user_norms() const { return user_norms_; }

float Recommender::predicted_preference(const float* user_vector, int32_t item) const {
  if (item < 0 || item >= item_count()) throw std::out_of_range("predicted_preference: item outside the model");
  return kernels::dot(user_vector, model_->item_factors.row(item), model_->item_factors.stride());
}

std::vector<ScoredItem> Recommender::recommend(const float* user_vector, const RecommendOptions& options) const {
  const FactorMatrix& Y = model_->item_factors;
  std::vector<bool> excluded = mark(options.exclude, item_count());
  const std::vector<bool> allowed = supported_items(options.min_support);
  for (size_t i = 0; i < allowed.size(); ++i)
    if (!allowed[i]) excluded[i] = true;
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

std::vector<ScoredItem> Recommender::recommend_for_user(int32_t user, const UserItems& liked,
                                                        RecommendOptions options) const {
  if (user < 0 || user >= user_count()) throw std::out_of_range("recommend: user outside the model");
  options.exclude.insert(options.exclude.end(), liked.items.begin(), liked.items.end());
  return recommend(user_vector(user), options);
}

std::vector<std::vector<ScoredItem>> Recommender::recommend_all(const CsrMatrix& user_items, int count,
                                                                ThreadPool& pool, int32_t min_support) const {
  if (user_items.rows != user_count())
    throw std::invalid_argument("recommend_all: the matrix has other users than the model");
  std::vector<std::vector<ScoredItem>> out(user_items.rows);
  constexpr int32_t kUsersPerTask = 64;
  pool.parallel_for((user_items.rows + kUsersPerTask - 1) / kUsersPerTask, [&](int64_t task) {
    const int32_t end = std::min<int32_t>(user_items.rows, static_cast<int32_t>((task + 1) * kUsersPerTask));
    for (int32_t u = static_cast<int32_t>(task * kUsersPerTask); u < end; ++u) {
      RecommendOptions options;
      options.count = count;
      options.min_support = min_support;
      options.exclude.assign(user_items.indices.begin() + user_items.indptr[u],
                             user_items.indices.begin() + user_items.indptr[u + 1]);
      out[u] = recommend(user_vector(u), options);
    }
  });
  return out;
}

std::vector<ScoredItem> Recommender::similar_items(int32_t item, const SimilarOptions& options) const {
  if (options.support_shrinkage > 0 && item_support_.empty())
    throw std::logic_error("a support shrinkage needs the items' support counts");
  return cosine_neighbours(model_->item_factors, item_norms(), item, options.count, options.include_self,
                           options.candidates, supported_items(options.min_support),
                           support_weights(item_support_, options.support_shrinkage));
}

std::vector<ScoredItem> Recommender::similar_items(int32_t item, int count, bool include_self,
                                                   const std::vector<int32_t>& candidates) const {
  return cosine_neighbours(model_->item_factors, item_norms(), item, count, include_self, candidates);
}

std::vector<ScoredItem> Recommender::similar_users(int32_t user, int count, bool include_self) const {
  return cosine_neighbours(model_->user_factors, user_norms(), user, count, include_self, {});
}

UserItems Recommender::counted_items(const UserItems& user) const {
  UserItems clean = clean_user_items(user, item_count());
  if (model_->config.formulation != Formulation::kSpark) return clean;
  // Spark leaves entries <= 0 out of a row (they count as unobserved).
  UserItems positive;
  for (size_t k = 0; k < clean.items.size(); ++k) {
    if (!(clean.values[k] > 0)) continue;
    positive.items.push_back(clean.items[k]);
    positive.values.push_back(clean.values[k]);
  }
  return positive;
}

float Recommender::extra_diagonal(const UserItems& counted) const {
  return extra_regularization(model_->config.formulation, model_->config.regularization,
                              static_cast<int64_t>(counted.items.size()));
}

std::vector<float> Recommender::fold_in(const UserItems& user) const {
  const UserItems clean = counted_items(user);
  const std::vector<float> confidences = user_confidences(model_->confidence, clean);
  FactorMatrix x(1, model_->factors());
  solve_row_cholesky(YtY_reg_, model_->item_factors, clean.items.data(), confidences.data(),
                     static_cast<int64_t>(clean.items.size()), x.row(0), extra_diagonal(clean));
  // Finite but huge confidences can still overflow the float system.
  for (int k = 0; k < x.factors(); ++k)
    if (!std::isfinite(x(0, k))) throw std::invalid_argument(kOverflow);
  return std::vector<float>(x.row(0), x.row(0) + x.stride());
}

Explanation Recommender::explain(const UserItems& user, int32_t item) const {
  return explain(user, std::vector<int32_t>{item}).front();
}

std::vector<Explanation> Recommender::explain(const UserItems& user, const std::vector<int32_t>& items) const {
  for (int32_t item : items)
    if (item < 0 || item >= item_count()) throw std::out_of_range("explain: item outside the model");
  const UserItems clean = counted_items(user);
  const int64_t n = static_cast<int64_t>(clean.items.size());
  std::vector<Explanation> out(items.size());
  if (n == 0) return out;
  const std::vector<float> confidences = user_confidences(model_->confidence, clean);
  const FactorMatrix& Y = model_->item_factors;
  const int f = Y.factors();
  const RowSystem system = row_system(YtY_reg_, Y, clean.items.data(), confidences.data(), n, extra_diagonal(clean));
  const Eigen::LLT<Eigen::MatrixXd> llt(system.A);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("the user's system is not positive definite: try increasing regularization");
  for (size_t e = 0; e < items.size(); ++e) {
    // weighted_item = Wᵤ yᵢ (Wᵤ symmetric, so yᵢᵀ Wᵤ = (Wᵤ yᵢ)ᵀ)
    Eigen::VectorXd seed(f);
    for (int j = 0; j < f; ++j) seed[j] = Y.row(items[e])[j];
    const Eigen::VectorXd weighted_item = llt.solve(seed);
    Explanation& explanation = out[e];
    for (int64_t k = 0; k < n; ++k) {
      if (confidences[k] <= 0) continue;  // dislikes shape Wᵤ but add nothing to b
      const float* y = Y.row(clean.items[k]);
      double s = 0;
      for (int j = 0; j < f; ++j) s += weighted_item[j] * y[j];
      explanation.contributions.push_back({clean.items[k], s * confidences[k]});
      explanation.score += s * confidences[k];
    }
    if (!std::isfinite(explanation.score)) throw std::invalid_argument(kOverflow);
    std::stable_sort(explanation.contributions.begin(), explanation.contributions.end(),
                     [](const Contribution& a, const Contribution& b) { return a.contribution > b.contribution; });
  }
  return out;
}

std::vector<ScoredItem> Recommender::popular(const std::vector<int64_t>& item_user_counts,
                                             const RecommendOptions& options) {
  const int32_t items = static_cast<int32_t>(item_user_counts.size());
  const std::vector<bool> excluded = mark(options.exclude, items);
  TopK top(options.count);
  auto consider = [&](int32_t i) {
    if (!excluded[i]) top.offer(i, static_cast<float>(item_user_counts[i]));
  };
  if (options.candidates.empty()) {
    for (int32_t i = 0; i < items; ++i) consider(i);
  } else {
    for (int32_t i : options.candidates)
      if (i >= 0 && i < items) consider(i);
  }
  return top.sorted();
}

}  // namespace als
