#include "model/implicit_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace als {

namespace {

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return n < 0 ? "-" + out : out;
}

const NpyArray* find_array(const std::map<std::string, NpyArray>& arrays, const std::string& key) {
  auto it = arrays.find(key);
  return it == arrays.end() ? nullptr : &it->second;
}

std::string key_of(const std::string& member) {
  return member.size() > 4 && member.compare(member.size() - 4, 4, ".npy") == 0 ? member.substr(0, member.size() - 4)
                                                                                : member;
}

void check_factor_array(const NpyArray& a, const std::string& key) {
  if (a.kind != NpyKind::kFloat)
    throw ModelImportError(key + " has dtype '" + a.descr + "': expected float32 or float64 factors");
  if (a.shape.size() != 2)
    throw ModelImportError(key + " has " + std::to_string(a.shape.size()) +
                           " dimensions: expected a matrix (rows x factors)");
  if (a.shape[0] < 1 || a.shape[1] < 1 || a.shape[1] > 1024)
    throw ModelImportError(key + " has shape (" + std::to_string(a.shape[0]) + ", " + std::to_string(a.shape[1]) +
                           "): expected at least one row and 1 to 1024 factors");
  if (a.shape[0] > (int64_t(1) << 31)) throw ModelImportError(key + " has more rows than this app can index");
  // A NaN or an infinity (or a float64 beyond float32's range) would reach every score.
  const auto refuse = [&](int64_t row, double v) {
    throw ModelImportError(key + " row " + std::to_string(row) + " holds " +
                           (std::isnan(v) ? "NaN" : "an infinite or too large value") +
                           ": the model is broken (implicit raises 'NaN encountered in factors' for such a fit)");
  };
  const int64_t cols = a.shape[1];
  // Values so large that YᵀY (Σ y² per factor) overflows a float would make every score infinite.
  std::vector<double> squares(static_cast<size_t>(cols), 0.0);
  if (!a.big_endian && !a.fortran_order) {  // numpy's usual layout: read the values directly
    const int64_t n = a.count();
    for (int64_t k = 0; k < n; ++k) {
      double v;
      if (a.item_bytes == 4) {
        float f;
        std::memcpy(&f, a.values.data() + 4 * k, 4);
        v = f;
      } else {
        std::memcpy(&v, a.values.data() + 8 * k, 8);
      }
      if (!(std::fabs(v) <= 3.0e38)) refuse(k / cols, v);
      squares[static_cast<size_t>(k % cols)] += v * v;
    }
  } else {
    for (int64_t r = 0; r < a.shape[0]; ++r)
      for (int64_t c = 0; c < cols; ++c) {
        const double v = a.matrix_at(r, c);
        if (!(std::fabs(v) <= 3.0e38)) refuse(r, v);
        squares[static_cast<size_t>(c)] += v * v;
      }
  }
  for (double s : squares)
    if (!(s < 1e30))
      throw ModelImportError(key + " holds values so large that every score would overflow: the model is broken");
}

// Canonical non-negative integer id ("0", "17"; not "017", "-3", "abc").
std::optional<int64_t> as_row_number(const std::string& id) {
  if (id.empty() || id.size() > 12 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
  int64_t v = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Rows under one convention for one side (users or items).
std::optional<std::vector<int64_t>> side_rows(RowConvention convention, const IdMap& ids, int32_t count,
                                              const std::vector<int32_t>& first_seen, int32_t raw_count,
                                              int64_t model_rows, const char* side, std::string* why_not) {
  std::vector<int64_t> rows(count, -1);
  auto refuse = [&](const std::string& why) {
    if (why_not) *why_not = why;
    return std::nullopt;
  };
  switch (convention) {
    case RowConvention::kRawId: {
      int64_t largest = -1;
      for (int32_t k = 0; k < count; ++k) {
        const std::optional<int64_t> n = as_row_number(ids.external_id(k));
        if (!n) return refuse(std::string(side) + " id '" + ids.external_id(k) + "' is not a row number");
        rows[k] = *n;
        largest = std::max(largest, *n);
      }
      if (largest >= model_rows)
        return refuse(std::string("the largest ") + side + " id is " + thousands(largest) +
                      ", but the model has only " + thousands(model_rows) + " " + side + " rows");
      return rows;
    }
    case RowConvention::kSortedId:
    case RowConvention::kFirstSeen: {
      if (model_rows != count) {
        std::string why = std::string("the model has ") + thousands(model_rows) + " " + side + " rows, these data " +
                          thousands(count) + " " + side + "s";
        if (raw_count != count && model_rows == raw_count)
          why += " (" + thousands(raw_count) +
                 " before the rating threshold: lower or remove the threshold in the data step)";
        return refuse(why);
      }
      if (convention == RowConvention::kSortedId) {
        for (int32_t k = 0; k < count; ++k) rows[k] = k;  // the data's indices are in sorted id order
      } else {
        if (static_cast<int32_t>(first_seen.size()) != count)
          return refuse("the order of first appearance is not known for these data (load the ratings file again)");
        for (int32_t position = 0; position < count; ++position) rows[first_seen[position]] = position;
      }
      return rows;
    }
  }
  return refuse("unknown convention");
}

double dot_rows(const NpyArray& users, int64_t user_row, const NpyArray& items, int64_t item_row) {
  double s = 0;
  for (int64_t c = 0; c < users.shape[1]; ++c) s += users.matrix_at(user_row, c) * items.matrix_at(item_row, c);
  return s;
}

void fill_factors(const NpyArray& a, const std::vector<int64_t>& rows, FactorMatrix& out) {
  const int f = out.factors();
  for (int64_t k = 0; k < out.rows(); ++k) {
    if (rows[k] < 0) continue;
    float* dst = out.row(k);
    if (a.item_bytes == 4 && !a.big_endian && !a.fortran_order) {
      std::memcpy(dst, a.values.data() + static_cast<size_t>(rows[k]) * f * 4, sizeof(float) * f);
    } else if (a.item_bytes == 8 && !a.big_endian && !a.fortran_order) {  // numpy's float64 layout
      const char* src = a.values.data() + static_cast<size_t>(rows[k]) * f * 8;
      for (int c = 0; c < f; ++c) {
        double v;
        std::memcpy(&v, src + 8 * c, 8);
        dst[c] = static_cast<float>(v);
      }
    } else {
      for (int c = 0; c < f; ++c) dst[c] = static_cast<float>(a.matrix_at(rows[k], c));
    }
  }
}

}  // namespace

const char* row_convention_name(RowConvention c) {
  switch (c) {
    case RowConvention::kRawId:
      return "raw";
    case RowConvention::kSortedId:
      return "sorted";
    default:
      return "first-seen";
  }
}

std::optional<RowConvention> row_convention_from_name(std::string_view name) {
  if (name == "raw") return RowConvention::kRawId;
  if (name == "sorted") return RowConvention::kSortedId;
  if (name == "first-seen") return RowConvention::kFirstSeen;
  return std::nullopt;
}

ImplicitArrays read_implicit_arrays(const std::map<std::string, std::string_view>& entries) {
  std::map<std::string, NpyArray> arrays;
  std::string members;
  for (const auto& [name, bytes] : entries) {
    const std::string key = key_of(name);
    members += (members.empty() ? "" : ", ") + key;
    arrays.emplace(key, read_npy(bytes, name));  // refuses pickles, object arrays, truncation
  }
  const NpyArray* users = find_array(arrays, "user_factors");
  const NpyArray* items = find_array(arrays, "item_factors");
  if (!users || !items) {
    std::string what = "not an implicit ALS model: it has no user_factors and item_factors";
    const bool neighbours = find_array(arrays, "similarity") || find_array(arrays, "K");
    if (neighbours) what += " (it looks like an item-item nearest-neighbour model)";
    const std::string listed = members.empty() ? "none" : members;
    throw ModelImportError(
        what + " (members: " + listed + ")",
        FaultCode(neighbours ? "import.nearestNeighbours" : "import.notImplicit").text("members", listed));
  }
  if (find_array(arrays, "learning_rate"))
    throw ModelImportError(
        "this is an implicit BPR or LMF model (it has learning_rate), not alternating least squares: "
        "its factors carry a bias column and no fold-in exists for it",
        FaultCode("import.bprOrLmf"));
  check_factor_array(*users, "user_factors");
  check_factor_array(*items, "item_factors");
  if (users->shape[1] != items->shape[1])
    throw ModelImportError("user_factors has " + std::to_string(users->shape[1]) + " factors but item_factors has " +
                               std::to_string(items->shape[1]) + ": the two matrices do not belong together",
                           FaultCode("import.factorsDiffer")
                               .number("userFactors", static_cast<double>(users->shape[1]))
                               .number("itemFactors", static_cast<double>(items->shape[1])));
  if (users->descr != items->descr)
    throw ModelImportError("user_factors is '" + users->descr + "' but item_factors is '" + items->descr +
                           "': the two matrices do not belong together");

  ImplicitArrays out{*users, *items, {}};
  ImplicitSettings& s = out.settings;
  s.factors = static_cast<int>(users->shape[1]);
  s.dtype = users->item_bytes == 4 ? "float32" : "float64";
  auto number = [&](const char* key, double& into, bool integer) {
    const NpyArray* a = find_array(arrays, key);
    if (!a) {
      s.missing.push_back(key);
      return;
    }
    if (a->kind == NpyKind::kUnicode) throw ModelImportError(std::string(key) + " holds text, expected a number");
    const double v = a->number();
    if (!std::isfinite(v) || (integer && v != std::floor(v)))
      throw ModelImportError(std::string(key) + " is " + std::to_string(v) + ", not a valid setting");
    into = v;
  };
  double factors = s.factors, iterations = s.iterations, use_cg = 1, cg_steps = s.cg_steps;
  number("factors", factors, true);
  number("regularization", s.regularization, false);
  number("alpha", s.alpha, false);
  number("iterations", iterations, true);
  number("use_cg", use_cg, true);
  number("cg_steps", cg_steps, true);
  if (factors != s.factors)
    throw ModelImportError("factors says " + std::to_string(static_cast<int64_t>(factors)) +
                           " but the factor matrices have " + std::to_string(s.factors) +
                           " columns: not an ALS model of implicit, or a damaged one");
  if (!(s.regularization >= 0)) throw ModelImportError("regularization is negative");
  if (!(s.alpha > 0)) throw ModelImportError("alpha must be > 0 (it is " + std::to_string(s.alpha) + ")");
  s.iterations = static_cast<int>(std::clamp(iterations, 0.0, 1000.0));
  s.use_cg = use_cg != 0;
  s.cg_steps = static_cast<int>(std::clamp(cg_steps, 1.0, 100.0));
  if (const NpyArray* d = find_array(arrays, "dtype")) {
    const std::string text = d->kind == NpyKind::kUnicode ? d->text() : "";
    if (!text.empty() && text != s.dtype)
      throw ModelImportError("dtype says '" + text + "' but the factors are " + s.dtype);
  } else {
    s.missing.push_back("dtype");
  }
  if (const NpyArray* r = find_array(arrays, "random_state");
      r && r->kind != NpyKind::kUnicode && r->kind != NpyKind::kFloat)
    s.random_state = static_cast<int64_t>(r->number());
  return out;
}

std::optional<RowMapping> map_rows(RowConvention convention, const Dataset& data, int64_t model_users,
                                   int64_t model_items, std::string* why_not) {
  RowMapping m;
  auto users = side_rows(convention, data.users, data.user_count(), data.users_in_first_seen_order,
                         data.stats.raw_users, model_users, "user", why_not);
  if (!users) return std::nullopt;
  auto items = side_rows(convention, data.items, data.item_count(), data.items_in_first_seen_order,
                         data.stats.raw_items, model_items, "item", why_not);
  if (!items) return std::nullopt;
  m.user_rows = std::move(*users);
  m.item_rows = std::move(*items);
  return m;
}

std::vector<ConventionChoice> implicit_conventions(const ImplicitArrays& arrays, const Dataset& data,
                                                   std::string* why_not) {
  const int64_t model_users = arrays.user_factors.shape[0], model_items = arrays.item_factors.shape[0];
  std::vector<ConventionChoice> choices;
  std::string reasons;
  for (RowConvention c : {RowConvention::kRawId, RowConvention::kSortedId, RowConvention::kFirstSeen}) {
    std::string why;
    std::optional<RowMapping> rows = map_rows(c, data, model_users, model_items, &why);
    if (!rows) {
      reasons += std::string(reasons.empty() ? "" : "; ") + row_convention_name(c) + ": " + why;
      continue;
    }
    bool merged = false;
    for (ConventionChoice& existing : choices)
      if (existing.rows == *rows) {
        existing.conventions.push_back(c);
        merged = true;
      }
    if (merged) continue;
    ConventionChoice choice{{c}, std::move(*rows), {}};
    const RowMapping& r = choice.rows;
    const auto score = [&](int32_t u, int32_t i) {
      return dot_rows(arrays.user_factors, r.user_rows[u], arrays.item_factors, r.item_rows[i]);
    };
    choice.fit = judge_model_fit(data, model_users, model_items, data.user_count(), data.item_count(), score);
    choices.push_back(std::move(choice));
  }
  if (choices.empty() && why_not)
    *why_not = "the model's " + thousands(model_users) + " user rows and " + thousands(model_items) +
               " item rows fit no way of numbering these data's " + thousands(data.user_count()) + " users and " +
               thousands(data.item_count()) + " items (" + reasons + ")";
  return choices;
}

AlsModel implicit_model(const ImplicitArrays& arrays, const ConventionChoice& choice) {
  const ImplicitSettings& s = arrays.settings;
  AlsModel model;
  AlsConfig& c = model.config;
  c.factors = s.factors;
  c.regularization = static_cast<float>(s.regularization);
  c.iterations = s.iterations;
  c.solver = s.use_cg ? Solver::kConjugateGradient : Solver::kCholesky;
  c.cg_steps = s.cg_steps;
  c.seed = s.random_state ? static_cast<uint64_t>(*s.random_state) : 42;
  c.confidence.alpha = static_cast<float>(s.alpha);
  c.confidence.one_plus = false;  // implicit: C = alpha·r
  c.formulation = Formulation::kImplicit;
  model.confidence.restore(c.confidence, {}, 1.0);
  model.user_factors = FactorMatrix(static_cast<int64_t>(choice.rows.user_rows.size()), s.factors);
  model.item_factors = FactorMatrix(static_cast<int64_t>(choice.rows.item_rows.size()), s.factors);
  fill_factors(arrays.user_factors, choice.rows.user_rows, model.user_factors);
  fill_factors(arrays.item_factors, choice.rows.item_rows, model.item_factors);
  model.origin = "implicit";
  model.origin_details = std::string("rows = ") + row_convention_name(choice.conventions.front()) + " ids, " + s.dtype +
                         ", " + thousands(arrays.user_factors.shape[0]) + " × " +
                         thousands(arrays.item_factors.shape[0]) + " rows";
  return model;
}

std::vector<std::pair<std::string, std::string>> implicit_npz_entries(const AlsModel& model) {
  const AlsConfig& c = model.config;
  const FactorMatrix& X = model.user_factors;
  const FactorMatrix& Y = model.item_factors;
  return {
      {"user_factors.npy", npy_float32_matrix(X.data(), X.rows(), X.factors(), X.stride())},
      {"item_factors.npy", npy_float32_matrix(Y.data(), Y.rows(), Y.factors(), Y.stride())},
      {"regularization.npy", npy_float64_scalar(c.regularization)},
      {"factors.npy", npy_int64_scalar(c.factors)},
      {"num_threads.npy", npy_int64_scalar(0)},
      {"iterations.npy", npy_int64_scalar(c.iterations)},
      {"use_native.npy", npy_bool_scalar(true)},
      {"use_cg.npy", npy_bool_scalar(c.solver == Solver::kConjugateGradient)},
      {"cg_steps.npy", npy_int64_scalar(c.cg_steps)},
      {"calculate_training_loss.npy", npy_bool_scalar(false)},
      {"dtype.npy", npy_unicode_scalar("float32")},
      {"random_state.npy", npy_int64_scalar(static_cast<int64_t>(c.seed & 0x7fffffffffffffffull))},
      {"alpha.npy", npy_float64_scalar(c.confidence.alpha)},
  };
}

std::string implicit_export_caveat(const AlsModel& model) {
  const AlsConfig& c = model.config;
  std::string caveat;
  auto add = [&](const std::string& s) { caveat += (caveat.empty() ? "" : "; ") + s; };
  if (c.formulation == Formulation::kSpark)
    add("it uses Spark's formulation (λ·n per user, only positive values), implicit's recalculate_user uses λ");
  if (c.confidence.one_plus) add("it was trained with C = 1 + alpha·r, implicit's recalculate_user uses C = alpha·r");
  if (c.confidence.scaling != ConfidenceScaling::kNone)
    add(std::string("it scales values by ") + scaling_name(c.confidence.scaling) +
        " first: apply the same to the matrix you give implicit");
  return caveat.empty() ? "" : "recommendations and similar items match; fold-in differs: " + caveat;
}

std::string row_ids_csv(const Dataset& data) {
  auto quoted = [](const std::string& s) {
    std::string out = "\"";
    for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
  };
  std::string csv = "side,row,id,title\n";
  for (int32_t u = 0; u < data.users.size(); ++u)
    csv += "user," + std::to_string(u) + "," + quoted(data.users.external_id(u)) + ",\n";
  for (int32_t i = 0; i < data.items.size(); ++i)
    csv += "item," + std::to_string(i) + "," + quoted(data.items.external_id(i)) + "," +
           quoted(i < static_cast<int32_t>(data.item_titles.size()) ? data.item_titles[i] : "") + "\n";
  return csv;
}

}  // namespace als
