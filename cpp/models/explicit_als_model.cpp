#include "models/explicit_als_model.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "als/explicit_least_squares.h"
#include "als/factor_kernels.h"
#include "model/binary_io.h"
#include "models/model_sections.h"

namespace als {

namespace {
// The valid rated items of a user (ids outside the model left out), with their values.
UserItems rated_items(const UserItems& user, int32_t items) {
  UserItems clean;
  for (size_t k = 0; k < user.items.size(); ++k) {
    if (user.items[k] < 0 || user.items[k] >= items) continue;
    clean.items.push_back(user.items[k]);
    clean.values.push_back(k < user.values.size() ? user.values[k] : 0.0f);
  }
  return clean;
}
}  // namespace

ExplicitAlsModel::ExplicitAlsModel(const ExplicitAlsConfig& config, FactorMatrix user_factors,
                                   FactorMatrix item_factors)
    : settings_(ModelSettings::of(ModelKind::kExplicitAls)),
      user_factors_(std::move(user_factors)),
      item_factors_(std::move(item_factors)) {
  if (user_factors_.factors() != item_factors_.factors())
    throw std::invalid_argument("explicit ALS: user and item factors of different widths");
  settings_.explicit_als = config;
  cache_item_norms();
}

std::vector<float> ExplicitAlsModel::fold_in(const UserItems& user) const {
  const UserItems clean = rated_items(user, item_count());
  std::vector<float> x(item_factors_.stride(), 0.0f);
  ExplicitRowScratch scratch;
  solve_explicit_row(item_factors_, clean.items.data(), clean.values.data(), static_cast<int64_t>(clean.items.size()),
                     settings_.explicit_als.regularization, x.data(), scratch);
  for (float v : x)
    if (!std::isfinite(v)) throw std::invalid_argument("the favorites' ratings overflow the model: lower them");
  return x;
}

std::optional<float> ExplicitAlsModel::predicted_rating(int32_t user, int32_t item) const {
  if (user < 0 || user >= user_count() || item < 0 || item >= item_count()) return std::nullopt;
  return kernels::dot(user_factors_.row(user), item_factors_.row(item), item_factors_.stride());
}

std::vector<Explanation> ExplicitAlsModel::explain(const UserItems& user, const std::vector<int32_t>& items) const {
  for (int32_t item : items)
    if (item < 0 || item >= item_count()) throw std::out_of_range("explain: item outside the model");
  const UserItems clean = rated_items(user, item_count());
  const int64_t n = static_cast<int64_t>(clean.items.size());
  std::vector<Explanation> out(items.size());
  if (n == 0) return out;
  const FactorMatrix& Y = item_factors_;
  const int f = Y.factors();
  // A = Yₛᵀ Yₛ + λ·n·I in double, the system fold_in solves.
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(f, f);
  Eigen::MatrixXd Ys(n, f);
  for (int64_t k = 0; k < n; ++k)
    for (int j = 0; j < f; ++j) Ys(k, j) = Y.row(clean.items[k])[j];
  A.noalias() = Ys.transpose() * Ys;
  A.diagonal().array() += static_cast<double>(settings_.explicit_als.regularization) * static_cast<double>(n);
  const Eigen::LLT<Eigen::MatrixXd> llt(A);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("the favorites' system is not positive definite: try increasing regularization");
  for (size_t e = 0; e < items.size(); ++e) {
    Eigen::VectorXd yi(f);
    for (int j = 0; j < f; ++j) yi[j] = Y.row(items[e])[j];
    // w = A⁻¹ yᵢ (A symmetric); the share of rated item j is rⱼ · (w·yⱼ).
    const Eigen::VectorXd shares = Ys * llt.solve(yi);
    Explanation& explanation = out[e];
    for (int64_t k = 0; k < n; ++k) {
      const double share = shares[k] * clean.values[k];
      explanation.contributions.push_back({clean.items[k], share});
      explanation.score += share;
    }
    if (!std::isfinite(explanation.score)) throw std::invalid_argument("the favorites' ratings overflow the model");
    std::stable_sort(explanation.contributions.begin(), explanation.contributions.end(),
                     [](const Contribution& a, const Contribution& b) { return a.contribution > b.contribution; });
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ExplicitAlsModel::file_sections() const {
  binary::Writer users, items;
  binary::put_factors(users, user_factors_);
  binary::put_factors(items, item_factors_);
  return {{"XFAC", users.bytes()}, {"YFAC", items.bytes()}};
}

namespace {
FactorMatrix factors_section(const std::map<std::string, std::string_view>& sections, const std::string& tag,
                             const std::string& what, int32_t rows, int factors) {
  binary::Reader r(required_section(sections, tag, what), "section " + tag);
  FactorMatrix m = binary::get_factors(r);
  if (!r.at_end()) throw corrupt_model_file("bytes after " + what);
  if (m.rows() != rows) throw corrupt_model_file(what + " do not match the id lists");
  if (m.factors() != factors) throw corrupt_model_file(what + " do not match the settings' rank");
  return m;
}
}  // namespace

std::unique_ptr<ExplicitAlsModel> explicit_als_model_from_sections(
    const ModelSettings& settings, const std::map<std::string, std::string_view>& sections, int32_t users,
    int32_t items) {
  const int f = settings.explicit_als.factors;
  FactorMatrix X = factors_section(sections, "XFAC", "the user factors", users, f);
  FactorMatrix Y = factors_section(sections, "YFAC", "the item factors", items, f);
  return std::make_unique<ExplicitAlsModel>(settings.explicit_als, std::move(X), std::move(Y));
}

}  // namespace als
