#include "cli/model_commands.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>

#include "cli/data_arguments.h"
#include "cli/printing.h"
#include "model/model_file.h"
#include "models/model_options.h"
#include "models/model_trainer.h"
#include "models/rating_data.h"
#include "queries/item_support.h"

namespace als::cli {
namespace {

bool is_model_file(const Arguments& args) {
  const std::string path = args.text("model", "");
  return !path.empty() && !(path.size() > 4 && path.compare(path.size() - 4, 4, ".npz") == 0);
}

ModelKind algorithm(const Arguments& args) {
  const std::string name = args.text("algorithm", "als");
  const std::optional<ModelKind> kind = model_kind_from_name(name);
  if (!kind) throw UsageError("--algorithm: no model \"" + name + "\" (one of: " + model_kind_names() + ")");
  return *kind;
}

// The kind's defaults with --set name=value,... (a "kind." prefix may name the kind).
ModelSettings settings_of(const Arguments& args, ModelKind kind) {
  ModelSettings settings = ModelSettings::of(kind);
  settings.set_seed(static_cast<uint64_t>(args.integer("seed", 42)));
  settings.set_threads(static_cast<int>(args.integer("threads", 0)));
  const std::string prefix = std::string(model_kind_name(kind)) + ".";
  for (std::string setting : args.list("set")) {
    if (setting.compare(0, prefix.size(), prefix) == 0) setting = setting.substr(prefix.size());
    const size_t equals = setting.find('=');
    if (equals == std::string::npos)
      throw UsageError("--set takes setting=value (e.g. learning_rate=0.05), not \"" + setting + "\"");
    char* end = nullptr;
    const char* number = setting.c_str() + equals + 1;
    const double value = std::strtod(number, &end);
    if (end == number || *end != 0) throw UsageError("--set " + setting + ": not a number");
    try {
      set_model_option(settings, setting.substr(0, equals), value);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--set: ") + e.what());
    }
  }
  try {
    validate_settings(settings);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return settings;
}

std::string settings_text_or_none(const ModelSettings& s) {
  const std::string text = model_options_text(s);
  return text.empty() ? "no settings" : text;
}

std::unique_ptr<RecommenderModel> train_with_progress(const Dataset& data, const ModelSettings& settings) {
  if (predicts_ratings(settings.kind)) {
    const std::string why_not = explain_why_not_ratings(data.format, data.user_items);
    if (!why_not.empty()) throw UsageError(why_not);
  }
  std::fprintf(stderr, "training %s: %s\n", model_kind_title(settings.kind), settings_text_or_none(settings).c_str());
  std::unique_ptr<ModelTrainer> trainer = make_trainer(data.user_items, settings);
  print_progress(trainer->progress());
  while (!trainer->done()) {
    trainer->advance(0.1);
    print_progress(trainer->progress());
  }
  return trainer->take_model();
}

// A model and its data: loaded from --model, or trained on the data given.
struct Workspace {
  Dataset data;
  std::unique_ptr<RecommenderModel> model;
};

Workspace obtain_model(const Arguments& args) {
  Workspace w;
  if (is_model_file(args)) {
    SavedModel saved = load_model_file(args.text("model", ""));
    if (args.has("algorithm") && algorithm(args) != saved.kind)
      throw UsageError(args.text("model", "") + " is a " + model_kind_name(saved.kind) + " model, not " +
                       args.text("algorithm", "") + ": leave --algorithm out or train that kind");
    w.model = take_recommender_model(saved);
    w.data = std::move(saved.data);
  } else {
    if (args.has("model")) throw UsageError("--algorithm takes this app's model files (.als), not an implicit .npz");
    w.data = load_dataset(args);
    w.model = train_with_progress(w.data, settings_of(args, algorithm(args)));
  }
  w.model->set_item_support(item_support(w.data.item_users));
  return w;
}

const char* score_meaning(const RecommenderModel& model) {
  if (predicts_ratings(model.kind())) return "a predicted rating";
  if (is_neighbour_model(model.kind())) return "the sum of the liked items' neighbour weights";
  if (model.factor_model()) return "x_me . y_item";
  return "how many users kept it";
}

void print_explanation_or_why_not(const Dataset& data, const RecommenderModel& model, const UserItems& liked,
                                  int32_t item) {
  const Explainability e = model.explainability();
  if (!e.exact) {
    std::printf("why %s: %s\n", data.title(item).c_str(), e.why_not.c_str());
    return;
  }
  print_explanation(data, item, model.explain(liked, {item}).front());
}

int train(const Arguments& args) {
  const std::string save = args.text("save", "");
  const Dataset data = load_dataset(args);
  print_stats(data, 0);
  const std::unique_ptr<RecommenderModel> model = train_with_progress(data, settings_of(args, algorithm(args)));
  std::printf("trained %s in %.2f s\n", model_kind_title(model->kind()), model->training_seconds);
  if (!save.empty()) {
    const std::string bytes = save_model(*model, data, true);
    std::ofstream out(save, std::ios::binary);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
      throw UsageError("cannot write " + save);
    std::printf("saved %s\n", save.c_str());
  }
  return 0;
}

int similar(const Arguments& args) {
  const std::string id = args.text("item", "");
  if (id.empty()) throw UsageError("similar needs --item ID");
  const bool popular = is_model_file(args) ? false : algorithm(args) == ModelKind::kPopular;
  const Workspace w = popular ? Workspace{} : obtain_model(args);
  if (popular || !w.model->has_similar_items())
    throw UsageError(std::string(model_kind_title(popular ? ModelKind::kPopular : w.model->kind())) +
                     " ranks every item the same way for everyone: it has no similar items (try another --algorithm)");
  SimilarOptions options;
  options.count = static_cast<int>(args.integer("count", 10)) + 1;  // the item itself comes first
  options.min_support = min_support(args, w.data);
  options.support_shrinkage = support_shrinkage_for(options.min_support);
  std::printf("%s\n", support_note(w.data, options.min_support).c_str());
  std::printf("%s\n", shrinkage_note(options.min_support).c_str());
  const int32_t item = item_index(w.data, id);
  print_scored_items("similar to " + w.data.title(item) + " (" + model_kind_title(w.model->kind()) + "):", w.data,
                     w.model->similar_items(item, options));
  return 0;
}

UserItems row_of(const CsrMatrix& m, int32_t u) {
  UserItems row;
  row.items.assign(m.indices.begin() + m.indptr[u], m.indices.begin() + m.indptr[u + 1]);
  row.values.assign(m.values.begin() + m.indptr[u], m.values.begin() + m.indptr[u + 1]);
  return row;
}

int recommend(const Arguments& args) {
  const Workspace w = obtain_model(args);
  RecommendOptions options;
  options.count = static_cast<int>(args.integer("count", 10));
  options.min_support = min_support(args, w.data);
  if (args.has("retrain")) throw UsageError("--retrain is the tutorial's ALS only: leave --algorithm out");
  if (args.has("all")) {
    const std::string out_path = args.text("out", "");
    std::FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "w");
    if (!out) throw UsageError("cannot write " + out_path);
    std::fprintf(out, "user,rank,item,score\n");
    for (int32_t u = 0; u < w.data.user_count(); ++u) {
      const std::vector<ScoredItem> recs = w.model->recommend_for_user(u, row_of(w.data.user_items, u), options);
      for (size_t k = 0; k < recs.size(); ++k)
        std::fprintf(out, "%s,%zu,%s,%.6f\n", w.data.users.external_id(u).c_str(), k + 1,
                     w.data.items.external_id(recs[k].id).c_str(), recs[k].score);
    }
    if (out != stdout) std::fclose(out);
    return 0;
  }
  std::printf("%s\n", support_note(w.data, options.min_support).c_str());
  if (args.has("user")) {
    const std::string id = args.text("user", "");
    const int32_t u = w.data.users.find(id);
    if (u == IdMap::kMissing) throw UsageError("user " + id + " is not in the data set");
    print_scored_items(
        "recommended for user " + id + " by " + model_kind_title(w.model->kind()) + " (liked items filtered out):",
        w.data, w.model->recommend_for_user(u, row_of(w.data.user_items, u), options));
    return 0;
  }
  const UserItems liked = liked_items(args, w.data);
  std::printf("liked:\n");
  for (size_t k = 0; k < liked.items.size(); ++k)
    std::printf("  %-60s %g\n", w.data.title(liked.items[k]).c_str(), liked.values[k]);
  const std::vector<ScoredItem> recs = w.model->recommend(liked, options);
  print_scored_items(std::string("recommended by ") + model_kind_title(w.model->kind()) +
                         " (liked items filtered out; score: " + score_meaning(*w.model) + "):",
                     w.data, recs);
  if (!recs.empty()) print_explanation_or_why_not(w.data, *w.model, liked, recs.front().id);
  return 0;
}

int explain_or_predict(const Arguments& args, bool explain) {
  const std::string id = args.text("item", "");
  if (id.empty()) throw UsageError("needs --item ID");
  const Workspace w = obtain_model(args);
  const UserItems liked = liked_items(args, w.data);
  const int32_t item = item_index(w.data, id);
  if (explain) {
    if (!w.model->explainability().exact) throw UsageError(w.model->explainability().why_not);
    print_explanation(w.data, item, w.model->explain(liked, {item}).front());
  } else {
    std::printf("predicted %s for %s: %.6f (%s)\n", predicts_ratings(w.model->kind()) ? "rating" : "score",
                w.data.title(item).c_str(), w.model->score(liked, item), score_meaning(*w.model));
  }
  return 0;
}

}  // namespace

bool uses_other_kind(const Arguments& args) {
  if (args.has("algorithm") && algorithm(args) != ModelKind::kAls) return true;
  return is_model_file(args) && load_model_file(args.text("model", "")).kind != ModelKind::kAls;
}

int run_model_command(const std::string& command, const Arguments& args) {
  if (command == "train") return train(args);
  if (command == "similar") return similar(args);
  if (command == "recommend") return recommend(args);
  if (command == "explain") return explain_or_predict(args, true);
  if (command == "predict") return explain_or_predict(args, false);
  throw UsageError(command + " does not take --algorithm (train, similar, recommend, explain and predict do)");
}

}  // namespace als::cli
