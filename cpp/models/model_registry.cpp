// Which trainer builds which kind: the one place a new kind is added.
#include <cstring>
#include <stdexcept>

#include "model/model_file.h"
#include "models/als_recommender_model.h"
#include "models/bpr_model.h"
#include "models/explicit_als_trainer.h"
#include "models/knn_model.h"
#include "models/lmf_model.h"
#include "models/model_sections.h"
#include "models/model_trainer.h"
#include "models/popularity_model.h"

namespace als {

std::unique_ptr<ModelTrainer> make_trainer(const CsrMatrix& user_items, const ModelSettings& settings) {
  validate_settings(settings);
  switch (settings.kind) {
    case ModelKind::kAls:
      return make_als_trainer(user_items, settings.als);
    case ModelKind::kExplicitAls:
      return make_explicit_als_trainer(user_items, settings.explicit_als);
    case ModelKind::kPopular:
      return make_popularity_trainer(user_items);
    case ModelKind::kBpr:
      return make_bpr_trainer(user_items, settings.bpr);
    case ModelKind::kLmf:
      return make_lmf_trainer(user_items, settings.lmf);
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      return make_knn_trainer(user_items, settings);
    default:
      break;
  }
  throw std::invalid_argument(std::string("the ") + model_kind_name(settings.kind) +
                              " model is not available in this build yet");
}

std::unique_ptr<RecommenderModel> train_model(const CsrMatrix& user_items, const ModelSettings& settings) {
  std::unique_ptr<ModelTrainer> trainer = make_trainer(user_items, settings);
  while (!trainer->done()) trainer->advance(1e30);
  return trainer->take_model();
}

std::string_view required_section(const std::map<std::string, std::string_view>& sections, const std::string& name,
                                  const std::string& what) {
  auto it = sections.find(name);
  if (it == sections.end())
    throw ModelFileError("model file is incomplete: " + what + " (section " + name + ") is missing",
                         FaultCode{"model.incomplete"});
  return it->second;
}

std::unique_ptr<RecommenderModel> model_from_sections(const ModelSettings& settings,
                                                      const std::map<std::string, std::string_view>& sections,
                                                      int32_t users, int32_t items) {
  switch (settings.kind) {
    case ModelKind::kExplicitAls:
      return explicit_als_model_from_sections(settings, sections, users, items);
    case ModelKind::kBpr:
      return bpr_model_from_sections(settings, sections, users, items);
    case ModelKind::kLmf:
      return lmf_model_from_sections(settings, sections, users, items);
    case ModelKind::kPopular: {
      const std::string_view counts = required_section(sections, "PCNT", "the popularity counts");
      if (counts.size() != static_cast<size_t>(items) * sizeof(int64_t))
        throw corrupt_model_file("the popularity counts do not match the items");
      std::vector<int64_t> values(items);
      if (items > 0) std::memcpy(values.data(), counts.data(), counts.size());
      for (int64_t v : values)
        if (v < 0) throw corrupt_model_file("a negative popularity count");
      return std::make_unique<PopularityModel>(std::move(values), users);
    }
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      return knn_model_from_sections(settings, sections, users, items);
    default:
      break;
  }
  throw ModelFileError(std::string("this app cannot read a ") + model_kind_name(settings.kind) + " model yet",
                       FaultCode{"model.newer"});
}

}  // namespace als
