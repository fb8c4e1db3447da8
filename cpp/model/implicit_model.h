// Models of the Python library implicit (0.5 – 0.7), in and out.
//
// implicit's AlternatingLeastSquares.save() (0.6+) is numpy.savez of
//   user_factors (users x factors), item_factors (items x factors): float32 or float64
//   factors, regularization, alpha, iterations, use_cg, cg_steps, num_threads,
//   use_native, calculate_training_loss, random_state: scalars
//   dtype: a str such as 'float32'
// and load() sets each key as an attribute (allow_pickle=False). A 0.5 model
// has no save(): a notebook's own np.savez(user_factors=..., item_factors=...)
// is read as well, with implicit's defaults for what is missing.
//
// implicit keeps no ids: row k of user_factors is whatever user the notebook
// numbered k. Three numberings are common, and the sizes tell which can apply:
//   raw         row = the id itself (a matrix as tall as the largest id + 1)
//   sorted      row = rank of the id among the sorted distinct ids
//   first-seen  row = order of first appearance in the ratings file
//               (pandas' unique(); in MovieLens users are sorted, items not)
// After the threshold, as the data step shows them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "als/als_model.h"
#include "core/fault_code.h"
#include "data/dataset.h"
#include "model/model_fit.h"
#include "model/npy.h"

namespace als {

// An implicit or Spark model that cannot be taken over. fault: the page's
// words for it (fault.<code>): import.notImplicit {members},
// import.nearestNeighbours {members}, import.bprOrLmf,
// import.factorsDiffer {userFactors, itemFactors}, import.otherData {detail}; without a
// code, import.model {detail} (what() as the detail).
class ModelImportError : public std::runtime_error {
 public:
  explicit ModelImportError(const std::string& message, FaultCode fault = {})
      : std::runtime_error(message), fault(std::move(fault)) {}
  FaultCode fault;
};

enum class RowConvention { kRawId, kSortedId, kFirstSeen };
const char* row_convention_name(RowConvention c);  // "raw", "sorted", "first-seen"
std::optional<RowConvention> row_convention_from_name(std::string_view name);

// What save() wrote, with implicit's defaults (AlternatingLeastSquares.__init__)
// for keys that are missing.
struct ImplicitSettings {
  int factors = 0;
  double regularization = 0.01;
  double alpha = 1.0;
  int iterations = 15;
  bool use_cg = true;
  int cg_steps = 3;
  std::string dtype;  // of the factor arrays: "float32" or "float64"
  std::optional<int64_t> random_state;
  std::vector<std::string> missing;  // keys implicit 0.7 writes that this file lacks
};

struct ImplicitArrays {
  NpyArray user_factors, item_factors;  // views into the entry bytes
  ImplicitSettings settings;
};

// entries: the .npz's members by name ("user_factors.npy"; ".npy" optional),
// their bytes outliving the result. Throws ModelImportError or NpyError.
ImplicitArrays read_implicit_arrays(const std::map<std::string, std::string_view>& entries);

// Data index -> model row (-1: the model has no row for it).
struct RowMapping {
  std::vector<int64_t> user_rows, item_rows;
  bool operator==(const RowMapping& o) const { return user_rows == o.user_rows && item_rows == o.item_rows; }
};

// The mapping of a convention, or nullopt with the reason in *why_not.
std::optional<RowMapping> map_rows(RowConvention convention, const Dataset& data, int64_t model_users,
                                   int64_t model_items, std::string* why_not);

struct ConventionChoice {
  std::vector<RowConvention> conventions;  // those giving these same rows (e.g. sorted = first-seen)
  RowMapping rows;
  ModelFit fit;
};

// Every convention the sizes allow, conventions with identical rows merged.
// When none fits: an empty list and the reason, with the numbers, in *why_not.
std::vector<ConventionChoice> implicit_conventions(const ImplicitArrays& arrays, const Dataset& data,
                                                   std::string* why_not);

// The model with rows in the data's order (rows the model lacks stay zero).
AlsModel implicit_model(const ImplicitArrays& arrays, const ConventionChoice& choice);

// here -> implicit: the .npz members implicit.cpu.als.AlternatingLeastSquares.load()
// reads (float32 factors, rows in the data's order), as implicit 0.7's save() names them.
std::vector<std::pair<std::string, std::string>> implicit_npz_entries(const AlsModel& model);
// What implicit cannot reproduce of this model (its recalculate_user uses
// C = alpha·r and λI): "" when nothing.
std::string implicit_export_caveat(const AlsModel& model);
// The ids of the rows, for the notebook: side,row,id,title (CSV, UTF-8).
std::string row_ids_csv(const Dataset& data);

}  // namespace als
