// A model of any kind rebuilt from its sections of a model file
// (RecommenderModel::file_sections, model/model_file.h). Sections that do not
// fit the ids throw ModelFileError (corrupt).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "models/recommender_model.h"

namespace als {

std::unique_ptr<RecommenderModel> model_from_sections(const ModelSettings& settings,
                                                      const std::map<std::string, std::string_view>& sections,
                                                      int32_t users, int32_t items);

// The section `name`, or ModelFileError (incomplete) naming what is missing.
std::string_view required_section(const std::map<std::string, std::string_view>& sections, const std::string& name,
                                  const std::string& what);

}  // namespace als
