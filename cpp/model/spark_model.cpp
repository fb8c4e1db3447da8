#include "model/spark_model.h"

#include <cmath>
#include <cstring>
#include <unordered_set>

#include "model/implicit_model.h"

namespace als {

namespace {

void check_factors(const SparkFactors& f, int rank, const char* side) {
  if (f.ids.empty()) throw ModelImportError(std::string(side) + "Factors is empty");
  if (f.features.size() != f.ids.size() * static_cast<size_t>(rank))
    throw ModelImportError(std::string(side) + "Factors has " + std::to_string(f.ids.size()) + " ids but " +
                           std::to_string(f.features.size()) + " feature values: expected " + std::to_string(rank) +
                           " per id (the rank in metadata)");
  for (size_t k = 0; k < f.features.size(); ++k)
    if (!(std::fabs(f.features[k]) <= 3.0e38))
      throw ModelImportError(std::string(side) + "Factors id " + std::to_string(f.ids[k / rank]) +
                             " holds NaN or an infinite value: the model is broken");
  std::unordered_set<int32_t> seen;
  for (int32_t id : f.ids)
    if (!seen.insert(id).second)
      throw ModelImportError(std::string(side) + "Factors has id " + std::to_string(id) + " twice");
}

// Copies the rows whose ids the data know into `out` (data order); returns
// how many data rows were matched and counts the model ids the data lack.
int32_t place_rows(const SparkFactors& f, int rank, const IdMap& ids, FactorMatrix& out, int64_t& not_in_data) {
  int32_t matched = 0;
  for (size_t k = 0; k < f.ids.size(); ++k) {
    const int32_t index = ids.find(std::to_string(f.ids[k]));
    if (index == IdMap::kMissing) {
      ++not_in_data;
      continue;
    }
    std::memcpy(out.row(index), &f.features[k * rank], sizeof(float) * rank);
    ++matched;
  }
  return matched;
}

}  // namespace

SparkImport spark_model(const SparkFactors& users, const SparkFactors& items, const SparkSettings& settings,
                        const Dataset& data) {
  const int rank = settings.rank;
  if (rank < 1 || rank > 1024)
    throw ModelImportError("metadata gives rank " + std::to_string(rank) + ": expected 1 to 1024");
  if (!(settings.alpha > 0) || !std::isfinite(settings.alpha)) throw ModelImportError("alpha must be a number > 0");
  if (!(settings.reg_param >= 0) || !std::isfinite(settings.reg_param))
    throw ModelImportError("regParam must be a number >= 0");
  check_factors(users, rank, "user");
  check_factors(items, rank, "item");

  SparkImport out;
  AlsModel& model = out.model;
  AlsConfig& c = model.config;
  c.factors = rank;
  c.regularization = static_cast<float>(settings.reg_param);
  c.iterations = 10;             // Spark's default maxIter (not saved with the model)
  c.solver = Solver::kCholesky;  // Spark solves each row exactly
  c.confidence.alpha = static_cast<float>(settings.alpha);
  c.confidence.one_plus = true;  // C = 1 + alpha·|r|
  c.formulation = Formulation::kSpark;
  model.confidence.restore(c.confidence, {}, 1.0);
  model.user_factors = FactorMatrix(data.user_count(), rank);
  model.item_factors = FactorMatrix(data.item_count(), rank);
  const int32_t users_matched = place_rows(users, rank, data.users, model.user_factors, out.users_not_in_data);
  const int32_t items_matched = place_rows(items, rank, data.items, model.item_factors, out.items_not_in_data);

  std::vector<bool> has_user(data.user_count(), false), has_item(data.item_count(), false);
  for (int32_t id : users.ids)
    if (int32_t u = data.users.find(std::to_string(id)); u != IdMap::kMissing) has_user[u] = true;
  for (int32_t id : items.ids)
    if (int32_t i = data.items.find(std::to_string(id)); i != IdMap::kMissing) has_item[i] = true;
  const auto score = [&](int32_t u, int32_t i) {
    if (!has_user[u] || !has_item[i]) return std::nan("");
    double s = 0;
    for (int k = 0; k < rank; ++k) s += double(model.user_factors(u, k)) * model.item_factors(i, k);
    return s;
  };
  out.fit = judge_model_fit(data, static_cast<int64_t>(users.ids.size()), static_cast<int64_t>(items.ids.size()),
                            users_matched, items_matched, score);
  if (!out.fit.fits)
    throw ModelImportError("the Spark model's ids do not belong to these data: " + out.fit.message +
                               " (model item ids start " + std::to_string(items.ids.front()) + ")",
                           FaultCode("import.otherData").text("detail", out.fit.message));
  model.origin = "spark";
  model.origin_details = "Spark " +
                         (settings.spark_version.empty() ? std::string("ALSModel") : settings.spark_version) +
                         ", rank " + std::to_string(rank) + ", " + std::to_string(users.ids.size()) + " users × " +
                         std::to_string(items.ids.size()) + " items";
  return out;
}

}  // namespace als
