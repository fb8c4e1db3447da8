// Saves and loads a trained model with everything needed to use it again:
// settings, confidence weights, both factor matrices, the id maps, titles and
// genres, and (optionally) the training interactions so liked items can still
// be filtered and the model retrained.
//
// Format (little-endian), version 1:
//   "ALSMODEL" | u32 version | u32 section count |
//   sections: u32 tag (4 ASCII chars) | u64 byte length | bytes |
//   u32 CRC-32 of everything before it.
// Unknown sections are skipped, so later versions can add some. A model of
// another kind than ALS says so (KIND, SETS: its settings) and keeps its own
// sections (RecommenderModel::file_sections); a file without KIND is ALS.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <memory>

#include "als/als_model.h"
#include "core/fault_code.h"
#include "data/dataset.h"
#include "models/recommender_model.h"

namespace als {

constexpr uint32_t kModelFileVersion = 1;

// fault: model.notOurs | model.newer | model.truncated | model.checksum |
// model.corrupt | model.incomplete (the page words them; the detail of a
// corrupt file stays in what()).
class ModelFileError : public std::runtime_error {
 public:
  explicit ModelFileError(const std::string& message, FaultCode fault = {})
      : std::runtime_error(message), fault(std::move(fault)) {}
  FaultCode fault;
};

// "model file is corrupt: <detail>".
ModelFileError corrupt_model_file(const std::string& detail);

struct SavedModel {
  ModelKind kind = ModelKind::kAls;
  AlsModel model;                           // kind ALS (the other kinds: only its loss history and training time)
  std::unique_ptr<RecommenderModel> other;  // the other kinds
  Dataset data;                             // ids, titles, genres; interactions when they were saved
  bool has_interactions = false;
  uint64_t data_fingerprint = 0;  // of the data the model was trained on (without "me")
  bool includes_me = false;       // trained with the visitor's favorites added as a user
};

// Where a model comes from, when it is not simply "these data": a model
// trained with "me" added matches the data set without me.
struct ModelProvenance {
  bool includes_me = false;
  uint64_t data_fingerprint = 0;  // 0: the fingerprint of the data saved with the model
};

std::string save_model(const AlsModel& model, const Dataset& data, bool include_interactions,
                       const ModelProvenance& provenance = {});
// Any kind (an ALS model as above; the others with sections KIND, SETS and their own).
std::string save_model(const RecommenderModel& model, const Dataset& data, bool include_interactions,
                       const ModelProvenance& provenance = {});
// The loaded model behind the one interface (an ALS model wrapped).
std::unique_ptr<RecommenderModel> take_recommender_model(SavedModel& saved);
SavedModel load_model(std::string_view bytes);

void save_model_file(const std::string& path, const AlsModel& model, const Dataset& data, bool include_interactions);
SavedModel load_model_file(const std::string& path);

// The settings of settings.kind as bytes (the SETS section), and back
// (ModelFileError when they do not parse or are out of range).
std::string settings_bytes(const ModelSettings& settings);
ModelSettings settings_from_bytes(ModelKind kind, std::string_view bytes);

// Identifies a data set by its shape and ids (FNV-1a), to tell whether a model
// belongs to the data now loaded.
uint64_t data_fingerprint(const Dataset& data);

}  // namespace als
