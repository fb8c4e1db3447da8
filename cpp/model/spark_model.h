// Spark ML's ALSModel, as model.write().save(path) leaves it:
//   metadata/part-00000          one JSON line: class, sparkVersion, uid, paramMap, rank
//   userFactors/part-*.parquet   id: int, features: array<float>   (snappy by default)
//   itemFactors/part-*.parquet
// The Parquet files are read by the page (hyparquet); this takes their columns
// and matches the rows to the data by id (Spark keeps the data's own ids).
//
// ALSModel keeps only its prediction params: regParam, alpha and implicitPrefs
// belong to the ALS estimator and are not in the directory, so the caller
// gives them (Spark's defaults are regParam 0.1, alpha 1.0). The model gets
// Spark's implicit formulation: C = 1 + alpha·r, λ·nᵤ, only r > 0 counts
// (ALS.scala, computeFactors).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "als/als_model.h"
#include "data/dataset.h"
#include "model/model_fit.h"

namespace als {

struct SparkFactors {
  std::vector<int32_t> ids;
  std::vector<float> features;  // ids.size() x rank, row by row
};

struct SparkSettings {
  int rank = 0;
  double alpha = 1.0;
  double reg_param = 0.1;
  std::string spark_version;  // for the model's description
};

struct SparkImport {
  AlsModel model;  // rows in the data's order; data users/items without a row stay zero
  ModelFit fit;
  int64_t users_not_in_data = 0, items_not_in_data = 0;  // model rows whose ids the data lack
};

// Throws ModelImportError (model/implicit_model.h) when the factors are
// malformed or the ids do not belong to these data.
SparkImport spark_model(const SparkFactors& users, const SparkFactors& items, const SparkSettings& settings,
                        const Dataset& data);

}  // namespace als
