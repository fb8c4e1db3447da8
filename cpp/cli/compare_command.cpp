#include "cli/compare_command.h"

#include <cstdio>
#include <string>
#include <vector>

#include "cli/printing.h"
#include "eval/model_comparison.h"
#include "models/model_options.h"
#include "models/rating_data.h"

namespace als::cli {
namespace {

const char* kDefaultModels = "als,explicit-als,bpr,knn-bm25,knn-cosine,knn-tfidf,popular";

std::vector<ModelSettings> settings_of(const Arguments& args, const AlsConfig& als) {
  std::vector<std::string> names = args.list("models");
  if (names.empty()) {
    std::string all = kDefaultModels;
    for (size_t start = 0; start <= all.size();) {
      const size_t comma = std::min(all.find(',', start), all.size());
      names.push_back(all.substr(start, comma - start));
      start = comma + 1;
    }
  }
  std::vector<ModelSettings> models;
  for (const std::string& name : names) {
    const std::optional<ModelKind> kind = model_kind_from_name(name);
    if (!kind) {
      throw UsageError("--models: no model \"" + name + "\" (one of: " + model_kind_names() + ")");
    }
    models.push_back(*kind == ModelKind::kAls ? ModelSettings::of(als) : ModelSettings::of(*kind));
    models.back().set_seed(als.seed);
  }
  for (const std::string& setting : args.list("set")) {
    const size_t dot = setting.find('.');
    const size_t equals = setting.find('=');
    if (dot == std::string::npos || equals == std::string::npos || equals < dot)
      throw UsageError("--set takes kind.setting=value (e.g. bpr.learning_rate=0.05), not \"" + setting + "\"");
    const std::string kind = setting.substr(0, dot);
    const std::string name = setting.substr(dot + 1, equals - dot - 1);
    char* end = nullptr;
    const double value = std::strtod(setting.c_str() + equals + 1, &end);
    if (end == setting.c_str() + equals + 1 || *end != 0) throw UsageError("--set " + setting + ": not a number");
    bool found = false;
    for (ModelSettings& m : models)
      if (model_kind_name(m.kind) == kind) {
        set_model_option(m, name, value);
        found = true;
      }
    if (!found) throw UsageError("--set " + setting + ": " + kind + " is not among --models");
  }
  return models;
}

}  // namespace

int run_compare(const Arguments& args, const Dataset& data, const AlsConfig& als) {
  const int k = static_cast<int>(args.integer("k", 10));
  const double test_fraction = args.number("test-fraction", 0.2);
  std::vector<ModelSettings> models = settings_of(args, als);
  ModelComparison comparison(data.user_items, std::move(models), test_fraction, k, als.seed, als.threads,
                             explain_why_not_ratings(data.format, data.user_items));
  std::printf("split: %.0f%% of the ratings held out (seed %llu): %s to train, %s to test\n", test_fraction * 100,
              static_cast<unsigned long long>(als.seed), with_thousands(comparison.split().train.nnz()).c_str(),
              with_thousands(comparison.split().test.nnz()).c_str());
  size_t reported = 0;
  std::printf("\n%-24s %12s %8s %8s %8s %7s %7s %9s\n", "model", "precision@K", "MAP@K", "NDCG@K", "AUC", "RMSE", "MAE",
              "train s");
  auto report = [&](const ComparedModel& m) {
    const char* title = model_kind_title(m.settings.kind);
    if (m.state == ComparedState::kDone) {
      std::printf("%-24s %12.4f %8.4f %8.4f %8.4f", title, m.ranking.precision, m.ranking.map, m.ranking.ndcg,
                  m.ranking.auc);
      if (m.rating_errors)
        std::printf(" %7.3f %7.3f", m.rating_errors->rmse, m.rating_errors->mae);
      else
        std::printf(" %7s %7s", "-", "-");
      std::printf(" %9.2f\n", m.training_seconds);
    } else {
      std::printf("%-24s %s: %s\n", title, compared_state_name(m.state), m.message.c_str());
    }
    std::fflush(stdout);
  };
  while (!comparison.done()) {
    comparison.advance(0.5);
    while (reported < comparison.current()) report(comparison.models()[reported++]);
  }
  while (reported < comparison.models().size()) report(comparison.models()[reported++]);
  std::printf("\nK = %d; settings:\n", k);
  for (const ComparedModel& m : comparison.models())
    if (!model_options(m.settings).empty())
      std::printf("  %-22s %s\n", model_kind_name(m.settings.kind), model_options_text(m.settings).c_str());
  return 0;
}

}  // namespace als::cli
