#include "models/model_kind.h"

#include <array>

namespace als {

namespace {
struct KindNames {
  ModelKind kind;
  const char* name;
  const char* title;
};
constexpr std::array<KindNames, 8> kKinds{{
    {ModelKind::kAls, "als", "implicit ALS"},
    {ModelKind::kExplicitAls, "explicit-als", "explicit ALS (ratings)"},
    {ModelKind::kBpr, "bpr", "BPR"},
    {ModelKind::kLmf, "lmf", "logistic MF"},
    {ModelKind::kKnnCosine, "knn-cosine", "item kNN, cosine"},
    {ModelKind::kKnnTfidf, "knn-tfidf", "item kNN, TF-IDF"},
    {ModelKind::kKnnBm25, "knn-bm25", "item kNN, BM25"},
    {ModelKind::kPopular, "popular", "popularity"},
}};

const KindNames& names_of(ModelKind kind) {
  for (const KindNames& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds.front();
}
}  // namespace

const char* model_kind_name(ModelKind kind) { return names_of(kind).name; }
const char* model_kind_title(ModelKind kind) { return names_of(kind).title; }

std::optional<ModelKind> model_kind_from_name(std::string_view name) {
  for (const KindNames& k : kKinds)
    if (name == k.name) return k.kind;
  return std::nullopt;
}

const std::vector<ModelKind>& all_model_kinds() {
  static const std::vector<ModelKind> kinds = [] {
    std::vector<ModelKind> v;
    for (const KindNames& k : kKinds) v.push_back(k.kind);
    return v;
  }();
  return kinds;
}

std::string model_kind_names() {
  std::string out;
  for (const KindNames& k : kKinds) out += std::string(out.empty() ? "" : ", ") + k.name;
  return out;
}

bool is_factor_model(ModelKind kind) {
  return kind == ModelKind::kAls || kind == ModelKind::kExplicitAls || kind == ModelKind::kBpr ||
         kind == ModelKind::kLmf;
}

bool is_neighbour_model(ModelKind kind) {
  return kind == ModelKind::kKnnCosine || kind == ModelKind::kKnnTfidf || kind == ModelKind::kKnnBm25;
}

bool predicts_ratings(ModelKind kind) { return kind == ModelKind::kExplicitAls; }

}  // namespace als
