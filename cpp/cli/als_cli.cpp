// `als`: the engine on the command line, for big files and benchmarks.
// Every command prints with titles, as the tutorial does.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "als/als_trainer.h"
#include "als/factor_kernels.h"
#include "cli/arguments.h"
#include "cli/printing.h"
#include "cli/tune_command.h"
#include "eval/evaluate.h"
#include "io/dataset_loader.h"
#include "model/model_file.h"
#include "synthetic/synthetic_data.h"

namespace als::cli {
namespace {

const char* kUsage = R"(als — implicit-feedback ALS (Hu, Koren & Volinsky 2008) on MovieLens-style data

usage: als <command> [data files or folders] [options]

commands
  stats     DATA                      data set statistics, rating histogram, most popular items
  train     DATA --save FILE          train a model (progress bar and loss) and save it
  similar   DATA|--model F --item ID  items most similar to an item (cosine)
  recommend DATA|--model F --liked ID[:RATING],...   recommendations for a new user (fold-in)
            DATA --liked ... --retrain               the tutorial's way: add "me" to the data, train again
            DATA|--model F --user ID                 recommendations for a user of the data
            DATA|--model F --all [--out FILE]        batch: every user's top N as CSV
  explain   DATA|--model F --liked ... --item ID     why an item is recommended: each liked item's share
  predict   DATA|--model F --liked ... --item ID     predicted preference (a dot product)
  evaluate  DATA [--test-fraction 0.2 | --leave-out K] [--k 10]   hold-out metrics vs. popularity
  tune      DATA --budget SECONDS [--metric precision@10|map@K|ndcg@K] [--seed S] [--budget-iterations N]
            find factors, regularization, alpha, iterations on a validation split; prints the trials, the
            tuned vs the tutorial's settings on the test split, and last the best settings as flags
  generate  --preset NAME --out DIR [--seed S]        write a generated MovieLens-format data set

data: MovieLens 100K/1M/10M/latest/20M/25M/32M files or folders, Last.fm 360K, or user,item,value CSV/TSV

data options   --min-rating R (default 3 for MovieLens) | --no-threshold   --binary   --strict
model options  --factors 100 --regularization 0.01 --iterations 15 --alpha 1 --one-plus
               --solver cg|cholesky --cg-steps 3 --scaling none|log|bm25 --seed 42 --threads 0
output         --count 10   --top 20 (stats)
)";

const std::set<std::string> kFlags = {"no-threshold", "binary", "strict", "one-plus", "help", "no-loss", "all", "retrain"};

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (fs::is_directory(in)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file()) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(in)) {
      files.push_back(in);
    } else {
      throw UsageError("no such file or folder: " + in);
    }
  }
  if (files.empty()) throw UsageError("no data given: name data files or a folder");
  return files;
}

Dataset load_dataset(const Arguments& args) {
  LoadOptions load;
  load.strict = args.has("strict");
  RawInteractions raw = load_files(expand_inputs(args.positional()), load);
  PrepareOptions prepare = default_prepare_options(raw.ratings_format);
  if (args.has("min-rating")) {
    prepare.use_threshold = true;
    prepare.min_value = args.number("min-rating", 3);
  }
  if (args.has("no-threshold")) prepare.use_threshold = false;
  if (args.has("binary")) prepare.value_mode = ValueMode::kBinary;
  std::fprintf(stderr, "files:\n");
  print_load_report(raw.report);
  return prepare_dataset(raw, prepare);
}

AlsConfig model_config(const Arguments& args) {
  AlsConfig c;
  c.factors = static_cast<int>(args.integer("factors", c.factors));
  c.regularization = static_cast<float>(args.number("regularization", c.regularization));
  c.iterations = static_cast<int>(args.integer("iterations", c.iterations));
  c.confidence.alpha = static_cast<float>(args.number("alpha", c.confidence.alpha));
  c.confidence.one_plus = args.has("one-plus");
  c.cg_steps = static_cast<int>(args.integer("cg-steps", c.cg_steps));
  c.seed = static_cast<uint64_t>(args.integer("seed", 42));
  c.threads = static_cast<int>(args.integer("threads", 0));
  c.compute_loss = !args.has("no-loss");
  const std::string solver = args.text("solver", "cg");
  if (solver == "cholesky") c.solver = Solver::kCholesky;
  else if (solver != "cg") throw UsageError("--solver is cg or cholesky, not '" + solver + "'");
  const std::string scaling = args.text("scaling", "none");
  if (scaling == "log") c.confidence.scaling = ConfidenceScaling::kLog;
  else if (scaling == "bm25") c.confidence.scaling = ConfidenceScaling::kBm25;
  else if (scaling != "none") throw UsageError("--scaling is none, log or bm25, not '" + scaling + "'");
  validate_config(c);
  return c;
}

AlsModel train_with_progress(const CsrMatrix& user_items, const AlsConfig& config) {
  std::fprintf(stderr, "training: %d factors, regularization %g, alpha %g, %d iterations, %s, %s kernels\n",
               config.factors, config.regularization, config.confidence.alpha, config.iterations,
               solver_name(config.solver), kernels::simd_name());
  AlsTrainer trainer(user_items, config);
  print_progress(trainer.progress());
  while (!trainer.done()) {
    trainer.advance(0.1);
    print_progress(trainer.progress());
  }
  return trainer.take_model();
}

// A model and its data: loaded from --model, or trained on the data given.
struct Workspace {
  Dataset data;
  AlsModel model;
};

Workspace obtain_model(const Arguments& args) {
  Workspace w;
  if (args.has("model")) {
    SavedModel saved = load_model_file(args.text("model", ""));
    w.data = std::move(saved.data);
    w.model = std::move(saved.model);
  } else {
    w.data = load_dataset(args);
    w.model = train_with_progress(w.data.user_items, model_config(args));
  }
  return w;
}

int32_t item_index(const Dataset& data, const std::string& id) {
  const int32_t i = data.items.find(id);
  if (i == IdMap::kMissing) throw UsageError("item " + id + " is not in the data set (after filtering)");
  return i;
}

// --liked 2571:5,1196,260:4  -> items with ratings (default 5)
UserItems liked_items(const Arguments& args, const Dataset& data) {
  UserItems liked;
  for (const std::string& entry : args.list("liked")) {
    const size_t colon = entry.find(':');
    liked.items.push_back(item_index(data, entry.substr(0, colon)));
    liked.values.push_back(colon == std::string::npos ? 5.0f : std::stof(entry.substr(colon + 1)));
  }
  if (liked.items.empty()) throw UsageError("--liked needs at least one item id");
  return liked;
}

int command_stats(const Arguments& args) {
  const Dataset data = load_dataset(args);
  print_stats(data, static_cast<int>(args.integer("top", 20)));
  return 0;
}

int command_train(const Arguments& args) {
  const std::string save = args.text("save", "");
  const Dataset data = load_dataset(args);
  print_stats(data, 0);
  const AlsModel model = train_with_progress(data.user_items, model_config(args));
  std::printf("trained in %.2f s\n", model.training_seconds);
  if (!save.empty()) {
    save_model_file(save, model, data, true);
    std::printf("saved %s\n", save.c_str());
  }
  return 0;
}

int command_similar(const Arguments& args) {
  const std::string id = args.text("item", "");
  if (id.empty()) throw UsageError("similar needs --item ID");
  const int count = static_cast<int>(args.integer("count", 10));
  const Workspace w = obtain_model(args);
  const int32_t item = item_index(w.data, id);
  const Recommender r(w.model);
  print_scored_items("similar to " + w.data.title(item) + " (cosine):", w.data, r.similar_items(item, count + 1, true));
  return 0;
}

int command_recommend(const Arguments& args) {
  const int count = static_cast<int>(args.integer("count", 10));
  const Workspace w = obtain_model(args);
  const Recommender r(w.model);
  RecommendOptions options;
  options.count = count;
  if (args.has("all")) {
    // Batch recommend for every user, as CSV (stdout or --out FILE).
    const std::string out_path = args.text("out", "");
    std::FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "w");
    if (!out) throw UsageError("cannot write " + out_path);
    const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(static_cast<int>(args.integer("threads", 0)));
    const auto all = r.recommend_all(w.data.user_items, count, *pool);
    std::fprintf(out, "user,rank,item,score\n");
    for (size_t u = 0; u < all.size(); ++u)
      for (size_t k = 0; k < all[u].size(); ++k)
        std::fprintf(out, "%s,%zu,%s,%.6f\n", w.data.users.external_id(static_cast<int32_t>(u)).c_str(), k + 1,
                     w.data.items.external_id(all[u][k].id).c_str(), all[u][k].score);
    if (out != stdout) std::fclose(out);
    return 0;
  }
  if (args.has("user")) {
    const std::string id = args.text("user", "");
    const int32_t u = w.data.users.find(id);
    if (u == IdMap::kMissing) throw UsageError("user " + id + " is not in the data set");
    UserItems liked;
    liked.items.assign(w.data.user_items.indices.begin() + w.data.user_items.indptr[u],
                       w.data.user_items.indices.begin() + w.data.user_items.indptr[u + 1]);
    print_scored_items("recommended for user " + id + " (liked items filtered out):", w.data,
                       r.recommend_for_user(u, liked, options));
    return 0;
  }
  const UserItems liked = liked_items(args, w.data);
  std::printf("liked:\n");
  for (size_t k = 0; k < liked.items.size(); ++k)
    std::printf("  %-60s %g\n", w.data.title(liked.items[k]).c_str(), liked.values[k]);
  options.exclude = liked.items;
  if (args.has("retrain")) {
    // The tutorial's way: "me" appended to the data as a user, and the model trained again.
    if (args.has("model")) throw UsageError("--retrain needs the data, not --model");
    const Dataset with_me = with_added_user(w.data, "me", liked.items, liked.values);
    const AlsModel model = train_with_progress(with_me.user_items, model_config(args));
    const Recommender retrained(model);
    const int32_t me = with_me.user_count() - 1;
    print_scored_items("recommended for me, trained as a user (liked items filtered out):", with_me,
                       retrained.recommend(retrained.user_vector(me), options));
    return 0;
  }
  const std::vector<float> me = r.fold_in(liked);
  const std::vector<ScoredItem> recs = r.recommend(me.data(), options);
  print_scored_items("recommended (liked items filtered out):", w.data, recs);
  if (!recs.empty()) print_explanation(w.data, recs.front().id, r.explain(liked, recs.front().id));
  return 0;
}

int command_explain_or_predict(const Arguments& args, bool explain) {
  const std::string id = args.text("item", "");
  if (id.empty()) throw UsageError("needs --item ID");
  const Workspace w = obtain_model(args);
  const Recommender r(w.model);
  const UserItems liked = liked_items(args, w.data);
  const int32_t item = item_index(w.data, id);
  if (explain) {
    print_explanation(w.data, item, r.explain(liked, item));
  } else {
    const std::vector<float> me = r.fold_in(liked);
    std::printf("predicted preference for %s: %.6f (x_me . y_item)\n", w.data.title(item).c_str(),
                r.predicted_preference(me.data(), item));
  }
  return 0;
}

int command_evaluate(const Arguments& args) {
  const Dataset data = load_dataset(args);
  const AlsConfig config = model_config(args);
  const int k = static_cast<int>(args.integer("k", 10));
  const uint64_t seed = static_cast<uint64_t>(args.integer("split-seed", 1));
  const TrainTestSplit split = args.has("leave-out")
                                   ? leave_k_out_split(data.user_items, static_cast<int>(args.integer("leave-out", 1)), seed)
                                   : train_test_split(data.user_items, 1.0 - args.number("test-fraction", 0.2), seed);
  std::printf("split: %s train, %s test interactions\n", with_thousands(split.train.nnz()).c_str(),
              with_thousands(split.test.nnz()).c_str());
  const AlsModel model = train_with_progress(split.train, config);
  ThreadPool pool(config.threads);
  print_metrics("ALS", evaluate_model(model, split, k, pool));
  print_metrics("popularity", evaluate_popularity(split, k, pool));
  return 0;
}

int command_tune(const Arguments& args) {
  for (const char* name : kTunedOptions)
    if (args.has(name)) throw UsageError(std::string("tune searches --") + name + " itself: leave it out");
  const Dataset data = load_dataset(args);
  return run_tune(args, data, model_config(args));
}

int command_generate(const Arguments& args) {
  const std::string name = args.text("preset", "");
  std::optional<SyntheticSpec> spec = synthetic_preset(name);
  if (!spec) {
    std::string names;
    for (const std::string& n : synthetic_preset_names()) names += " " + n;
    throw UsageError("--preset must be one of:" + names);
  }
  if (args.has("seed")) spec->seed = static_cast<uint64_t>(args.integer("seed", 42));
  const std::string out = args.text("out", "");
  if (out.empty()) throw UsageError("generate needs --out FOLDER");
  const auto start = std::chrono::steady_clock::now();
  write_synthetic_dataset(*spec, out);
  std::printf("wrote %s (%s users, %s items, %s ratings) to %s in %.1f s\n", spec->name.c_str(),
              with_thousands(spec->users).c_str(), with_thousands(spec->items).c_str(),
              with_thousands(spec->ratings).c_str(), out.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

int run(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    std::fputs(kUsage, stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const Arguments args(argc, argv, 2, kFlags);
  int status;
  if (command == "stats") status = command_stats(args);
  else if (command == "train") status = command_train(args);
  else if (command == "similar") status = command_similar(args);
  else if (command == "recommend") status = command_recommend(args);
  else if (command == "explain") status = command_explain_or_predict(args, true);
  else if (command == "predict") status = command_explain_or_predict(args, false);
  else if (command == "evaluate") status = command_evaluate(args);
  else if (command == "generate") status = command_generate(args);
  else if (command == "tune") status = command_tune(args);
  else throw UsageError("unknown command '" + command + "' (try: als help)");
  args.reject_unused();
  return status;
}

}  // namespace
}  // namespace als::cli

int main(int argc, char** argv) {
  try {
    return als::cli::run(argc, argv);
  } catch (const als::cli::UsageError& e) {
    std::fprintf(stderr, "als: %s\n", e.what());
    return 2;
  } catch (const als::ParseError& e) {
    std::fprintf(stderr, "als: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "als: %s\n", e.what());
    return 1;
  }
}
