#include "models/model_options.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace als {
namespace {

// Each kind's settings as (name, pointer to the field): int or float.
struct Field {
  const char* name;
  int* whole = nullptr;
  float* real = nullptr;
};

std::vector<Field> fields_of(ModelSettings& s) {
  switch (s.kind) {
    case ModelKind::kAls:
      return {{"factors", &s.als.factors},
              {"regularization", nullptr, &s.als.regularization},
              {"iterations", &s.als.iterations},
              {"alpha", nullptr, &s.als.confidence.alpha}};
    case ModelKind::kExplicitAls:
      return {{"factors", &s.explicit_als.factors},
              {"regularization", nullptr, &s.explicit_als.regularization},
              {"iterations", &s.explicit_als.iterations}};
    case ModelKind::kBpr:
      return {{"factors", &s.bpr.factors},
              {"learning_rate", nullptr, &s.bpr.learning_rate},
              {"regularization", nullptr, &s.bpr.regularization},
              {"iterations", &s.bpr.iterations}};
    case ModelKind::kLmf:
      return {{"factors", &s.lmf.factors},
              {"learning_rate", nullptr, &s.lmf.learning_rate},
              {"regularization", nullptr, &s.lmf.regularization},
              {"iterations", &s.lmf.iterations},
              {"neg_prop", &s.lmf.neg_prop}};
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
      return {{"neighbours", &s.knn.neighbours}};
    case ModelKind::kKnnBm25:
      return {
          {"neighbours", &s.knn.neighbours}, {"bm25_k1", nullptr, &s.knn.bm25_k1}, {"bm25_b", nullptr, &s.knn.bm25_b}};
    case ModelKind::kPopular:
      return {};
  }
  return {};
}

// A float setting as the shortest decimal that reads back as the same float:
// 1.2f is 1.2000000476837158 as a double, but a form field should show 1.2.
double as_typed(float value) {
  char text[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) return std::strtod(text, nullptr);
  }
  return static_cast<double>(value);
}

}  // namespace

std::vector<std::pair<std::string, double>> model_options(const ModelSettings& settings) {
  ModelSettings copy = settings;
  std::vector<std::pair<std::string, double>> out;
  for (const Field& f : fields_of(copy))
    out.emplace_back(f.name, f.whole ? static_cast<double>(*f.whole) : as_typed(*f.real));
  return out;
}

std::string model_options_text(const ModelSettings& settings) {
  std::string out;
  for (const auto& [name, value] : model_options(settings)) {
    char number[32];
    std::snprintf(number, sizeof number, "%g", value);
    out += (out.empty() ? "" : ", ") + name + " " + number;
  }
  return out;
}

void set_model_option(ModelSettings& settings, const std::string& name, double value) {
  if (!std::isfinite(value)) throw std::invalid_argument(name + " must be a number");
  std::string names;
  for (const Field& f : fields_of(settings)) {
    if (name == f.name) {
      if (f.whole) {
        if (value != std::floor(value) || std::abs(value) > 1e9)
          throw std::invalid_argument(name + " must be a whole number (it is " + std::to_string(value) + ")");
        *f.whole = static_cast<int>(value);
      } else {
        *f.real = static_cast<float>(value);
      }
      return;
    }
    names += names.empty() ? f.name : std::string(", ") + f.name;
  }
  throw std::invalid_argument(std::string(model_kind_title(settings.kind)) + " has no setting \"" + name + "\"" +
                              (names.empty() ? " (it has none)" : " (its settings: " + names + ")"));
}

}  // namespace als
