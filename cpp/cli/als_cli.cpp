// `als`: the engine on the command line, for big files and benchmarks.
// Every command prints with titles, as the tutorial does.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "als/als_trainer.h"
#include "als/factor_kernels.h"
#include "cli/arguments.h"
#include "cli/compare_command.h"
#include "cli/data_arguments.h"
#include "cli/model_commands.h"
#include "cli/neighbours_command.h"
#include "cli/printing.h"
#include "cli/tune_command.h"
#include "eval/evaluate.h"
#include "io/dataset_loader.h"
#include "model/implicit_model.h"
#include "model/model_file.h"
#include "native/npz_file.h"
#include "queries/item_support.h"
#include "synthetic/synthetic_data.h"

namespace als::cli {
namespace {

const char* kUsage = R"(als — implicit-feedback ALS (Hu, Koren & Volinsky 2008) on MovieLens-style data

usage: als <command> [data files or folders] [options]

commands
  stats     DATA                      data set statistics, rating histogram, most popular items
  train     DATA --save FILE          train a model (progress bar and loss) and save it
  similar   DATA|--model F --item ID  items most similar to an item (cosine)
            DATA|--model F --most-popular N   the same for each of the N most popular items,
                                             and how many neighbours have fewer than 5 users
  recommend DATA|--model F --liked ID[:RATING],...   recommendations for a new user (fold-in)
            DATA --liked ... --retrain               the tutorial's way: add "me" to the data, train again
            DATA|--model F --user ID                 recommendations for a user of the data
            DATA|--model F --all [--out FILE]        batch: every user's top N as CSV
  explain   DATA|--model F --liked ... --item ID     why an item is recommended: each liked item's share
  predict   DATA|--model F --liked ... --item ID     predicted preference (a dot product)
  evaluate  DATA [--test-fraction 0.2 | --leave-out K] [--k 10]   hold-out metrics vs. popularity
  compare   DATA [--models als,explicit-als,bpr,lmf,knn-bm25,knn-cosine,knn-tfidf,popular] [--k 10]
            [--test-fraction 0.2] [--set bpr.learning_rate=0.05,...]   the models side by side on one split:
            ranking metrics at K, RMSE/MAE of the rating model, training time (ALS: the model options)
            DATA --model F.npz [--rows R]            a model trained elsewhere: its settings retrained on the split
  neighbours DATA [--most-popular 50] [--count 10] [--test-fraction 0.2] [--shrinkage 2,5,10,20]
            the held-out check of similar items: ALS on the training part, the most popular items'
            neighbours under each rule (raw, the minimum support, and with each shrinkage), how many few
            users kept, and how often the item's test users kept them too
  export    --model F --format implicit --out M.npz  a model implicit's AlternatingLeastSquares.load() reads,
                                                     and M.ids.csv (side,row,id,title: the ids of the rows)
  tune      DATA --budget SECONDS [--metric precision@10|map@K|ndcg@K] [--seed S] [--budget-iterations N]
            find factors, regularization, alpha, iterations on a validation split; prints the trials, the
            tuned vs the tutorial's settings on the test split, and last the best settings as flags
  generate  --preset NAME --out DIR [--seed S]        write a generated MovieLens-format data set

algorithms  train, similar, recommend, explain and predict take --algorithm KIND (default als, the tutorial's):
        explicit-als, bpr, lmf, knn-bm25, knn-cosine, knn-tfidf, popular, each with its library's defaults or
        --set setting=value,... (e.g. --algorithm bpr --set learning_rate=0.05); a saved .als says its kind

models  --model F.als (this app's file, ids included) or --model F.npz (implicit's save(), 0.5-0.7): an
        .npz has no ids, so give the DATA it was trained on; --rows raw|sorted|first-seen says how its rows
        were numbered (row = the id, = rank of the sorted ids, = order of first appearance in the ratings
        file), needed only when the sizes leave a choice

data: MovieLens 100K/1M/10M/latest/20M/25M/32M files or folders (or GroupLens .zip files as they are),
      Last.fm 360K, or user,item,value CSV/TSV

data options   --min-rating R (default 3 for MovieLens) | --no-threshold   --binary   --strict
model options  --factors 100 --regularization 0.01 --iterations 15 --alpha 1 --one-plus
               --solver cg|cholesky --cg-steps 3 --scaling none|log|bm25 --seed 42 --threads 0
queries        --min-support N: leave out items fewer than N users kept (similar, recommend); the
               default is 5, or none when fewer than 50 items have 5 (a tiny data set): the factors
               of a barely rated item are noise. --include-rare: every item (the raw output)
               --formulation implicit|spark (spark: C = 1 + alpha·r, λ·n per row, only r > 0 counts)
output         --count 10   --top 20 (stats)
)";

const std::set<std::string> kFlags = {"no-threshold", "binary", "strict",  "one-plus",    "help",
                                      "no-loss",      "all",    "retrain", "include-rare"};

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
  if (solver == "cholesky")
    c.solver = Solver::kCholesky;
  else if (solver != "cg")
    throw UsageError("--solver is cg or cholesky, not '" + solver + "'");
  const std::string scaling = args.text("scaling", "none");
  if (scaling == "log")
    c.confidence.scaling = ConfidenceScaling::kLog;
  else if (scaling == "bm25")
    c.confidence.scaling = ConfidenceScaling::kBm25;
  else if (scaling != "none")
    throw UsageError("--scaling is none, log or bm25, not '" + scaling + "'");
  const std::string formulation = args.text("formulation", "implicit");
  if (formulation == "spark") {
    c.formulation = Formulation::kSpark;
    c.confidence.one_plus = true;
  } else if (formulation != "implicit") {
    throw UsageError("--formulation is implicit or spark, not '" + formulation + "'");
  }
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

bool is_npz(const std::string& path) { return path.size() > 4 && path.compare(path.size() - 4, 4, ".npz") == 0; }

std::string percent(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * share);
  return text;
}

// An implicit .npz matched to the data given: by --rows, or by the sizes when
// they leave one choice.
AlsModel import_npz(const std::string& path, const Dataset& data, const Arguments& args) {
  const std::map<std::string, std::string> files = read_npz_file(path);
  std::map<std::string, std::string_view> members;
  for (const auto& [name, bytes] : files) members.emplace(name, bytes);
  const ImplicitArrays arrays = read_implicit_arrays(members);
  std::string why_not;
  const std::vector<ConventionChoice> choices = implicit_conventions(arrays, data, &why_not);
  if (choices.empty()) throw ModelImportError(path + ": " + why_not);
  auto names = [](const ConventionChoice& c) {
    std::string out;
    for (RowConvention k : c.conventions) out += std::string(out.empty() ? "" : " = ") + row_convention_name(k);
    return out;
  };
  const ConventionChoice* chosen = nullptr;
  if (args.has("rows")) {
    const std::string wanted = args.text("rows", "");
    const std::optional<RowConvention> convention = row_convention_from_name(wanted);
    if (!convention) throw UsageError("--rows is raw, sorted or first-seen, not '" + wanted + "'");
    for (const ConventionChoice& c : choices)
      for (RowConvention k : c.conventions)
        if (k == *convention) chosen = &c;
    if (!chosen) {
      std::string why;
      map_rows(*convention, data, arrays.user_factors.shape[0], arrays.item_factors.shape[0], &why);
      throw UsageError("--rows " + wanted + " does not fit " + path + ": " + why);
    }
  } else if (choices.size() == 1) {
    chosen = &choices.front();
  } else {
    std::string list;
    for (const ConventionChoice& c : choices)
      list += "\n  --rows " + names(c) + "  (a rated item scores above a random one in " +
              percent(c.fit.rated_pair_auc) + " of " + std::to_string(c.fit.pairs_checked) + " pairs)";
    throw UsageError(path + ": its sizes fit more than one way of numbering the rows; say which with --rows:" + list);
  }
  std::printf("model: implicit %s, %s, rows = %s (a rated item scores above a random one in %s of %lld pairs)\n",
              path.c_str(), arrays.settings.dtype.c_str(), names(*chosen).c_str(),
              percent(chosen->fit.rated_pair_auc).c_str(), static_cast<long long>(chosen->fit.pairs_checked));
  if (!chosen->fit.message.empty()) std::printf("warning: %s\n", chosen->fit.message.c_str());
  return implicit_model(arrays, *chosen);
}

Workspace obtain_model(const Arguments& args) {
  Workspace w;
  if (args.has("model") && is_npz(args.text("model", ""))) {
    if (args.positional().empty())
      throw UsageError("an implicit .npz has no ids: give the data it was trained on too (als COMMAND DATA --model " +
                       args.text("model", "") + ")");
    w.data = load_dataset(args);
    w.model = import_npz(args.text("model", ""), w.data, args);
  } else if (args.has("model")) {
    SavedModel saved = load_model_file(args.text("model", ""));
    w.data = std::move(saved.data);
    w.model = std::move(saved.model);
  } else {
    w.data = load_dataset(args);
    w.model = train_with_progress(w.data.user_items, model_config(args));
  }
  return w;
}

int command_stats(const Arguments& args) {
  const Dataset data = read_dataset(args);
  print_stats(data, static_cast<int>(args.integer("top", 20)));  // the histogram says why, when refused
  std::fflush(stdout);
  require_trainable(data);
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
  const int most_popular = static_cast<int>(args.integer("most-popular", 0));
  if (id.empty() && most_popular <= 0) throw UsageError("similar needs --item ID or --most-popular N");
  const int count = static_cast<int>(args.integer("count", 10));
  const Workspace w = obtain_model(args);
  const Recommender r(w.model, item_support(w.data.item_users));
  SimilarOptions options;
  options.count = count + 1;  // the item itself comes first
  options.min_support = min_support(args, w.data);
  options.support_shrinkage = support_shrinkage_for(options.min_support);
  std::printf("%s\n", support_note(w.data, options.min_support).c_str());
  std::printf("%s\n", shrinkage_note(options.min_support).c_str());
  if (!id.empty()) {
    const int32_t item = item_index(w.data, id);
    print_scored_items("similar to " + w.data.title(item) + " (cosine):", w.data, r.similar_items(item, options));
    return 0;
  }
  // The neighbours of the most popular items, and how many of them are rare.
  int64_t neighbours = 0, rare = 0;
  for (int32_t item : most_popular_items(w.data, most_popular)) {
    const std::vector<ScoredItem> similar = r.similar_items(item, options);
    print_scored_items("similar to " + w.data.title(item) + " (cosine):", w.data, similar);
    for (const ScoredItem& s : similar) {
      if (s.id == item) continue;
      ++neighbours;
      rare += w.data.item_users.row_size(s.id) < kDefaultMinSupport ? 1 : 0;
    }
  }
  std::printf("neighbours with fewer than %d users: %s of %s (%.1f%%)\n", kDefaultMinSupport,
              with_thousands(rare).c_str(), with_thousands(neighbours).c_str(),
              neighbours ? 100.0 * rare / neighbours : 0.0);
  return 0;
}

int command_recommend(const Arguments& args) {
  const int count = static_cast<int>(args.integer("count", 10));
  const Workspace w = obtain_model(args);
  const Recommender r(w.model, item_support(w.data.item_users));
  RecommendOptions options;
  options.count = count;
  options.min_support = min_support(args, w.data);
  if (args.has("all")) {
    // Batch recommend for every user, as CSV (stdout or --out FILE).
    const std::string out_path = args.text("out", "");
    std::FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "w");
    if (!out) throw UsageError("cannot write " + out_path);
    const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(static_cast<int>(args.integer("threads", 0)));
    const auto all = r.recommend_all(w.data.user_items, count, *pool, options.min_support);
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
    std::printf("%s\n", support_note(w.data, options.min_support).c_str());
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
  std::printf("%s\n", support_note(w.data, options.min_support).c_str());
  if (args.has("retrain")) {
    // The tutorial's way: "me" appended to the data as a user, and the model trained again.
    if (args.has("model")) throw UsageError("--retrain needs the data, not --model");
    const Dataset with_me = with_added_user(w.data, "me", liked.items, liked.values);
    const AlsModel model = train_with_progress(with_me.user_items, model_config(args));
    const Recommender retrained(model, item_support(with_me.item_users));
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
  // A model trained elsewhere saw every rating, the test ones too: its own
  // factors cannot be tested on a split. Its settings are retrained on the
  // training part instead, and its own score is shown apart, marked optimistic.
  std::optional<Workspace> imported;
  if (args.has("model")) {
    if (!is_npz(args.text("model", "")))
      throw UsageError("evaluate --model takes an implicit .npz (with the data it was trained on)");
    imported = obtain_model(args);
  }
  const Dataset data = imported ? imported->data : load_dataset(args);
  AlsConfig config = model_config(args);
  if (imported) {
    const AlsConfig& m = imported->model.config;
    config.factors = m.factors;
    config.regularization = m.regularization;
    config.iterations = m.iterations;
    config.confidence.alpha = m.confidence.alpha;
    config.confidence.one_plus = m.confidence.one_plus;
    config.formulation = m.formulation;
    config.solver = m.solver;
    config.cg_steps = m.cg_steps;
    std::printf(
        "the imported model was trained on all the data, the test ratings too: its settings are retrained on "
        "the training split here, and its own score is shown apart (optimistic)\n");
  }
  const int k = static_cast<int>(args.integer("k", 10));
  const uint64_t seed = static_cast<uint64_t>(args.integer("split-seed", 1));
  const TrainTestSplit split =
      args.has("leave-out") ? leave_k_out_split(data.user_items, static_cast<int>(args.integer("leave-out", 1)), seed)
                            : train_test_split(data.user_items, 1.0 - args.number("test-fraction", 0.2), seed);
  std::printf("split: %s train, %s test interactions\n", with_thousands(split.train.nnz()).c_str(),
              with_thousands(split.test.nnz()).c_str());
  const AlsModel model = train_with_progress(split.train, config);
  ThreadPool pool(config.threads);
  print_metrics(imported ? "retrained" : "ALS", evaluate_model(model, split, k, pool));
  print_metrics("popularity", evaluate_popularity(split, k, pool));
  if (imported) {
    print_metrics("as imported", evaluate_model(imported->model, split, k, pool));
    std::printf("  (as imported: the model was trained on the test ratings too, so this score is optimistic)\n");
  }
  return 0;
}

int command_export(const Arguments& args) {
  const std::string format = args.text("format", "implicit");
  if (format != "implicit")
    throw UsageError("--format is implicit (a .npz for implicit's load()), not '" + format + "'");
  std::string out = args.text("out", "");
  if (out.empty()) throw UsageError("export needs --out FILE.npz");
  if (!is_npz(out)) out += ".npz";
  const Workspace w = obtain_model(args);
  write_npz_file(out, implicit_npz_entries(w.model));
  const std::string ids = out.substr(0, out.size() - 4) + ".ids.csv";
  {
    const std::string csv = row_ids_csv(w.data);
    std::FILE* f = std::fopen(ids.c_str(), "wb");
    if (!f || std::fwrite(csv.data(), 1, csv.size(), f) != csv.size()) throw UsageError("cannot write " + ids);
    std::fclose(f);
  }
  std::printf("wrote %s (%d users x %d items x %d factors, float32) and %s (the ids of the rows)\n", out.c_str(),
              w.data.user_count(), w.data.item_count(), w.model.factors(), ids.c_str());
  std::printf("in Python: model = implicit.cpu.als.AlternatingLeastSquares.load('%s')\n", out.c_str());
  const std::string caveat = implicit_export_caveat(w.model);
  if (!caveat.empty()) std::printf("note: %s\n", caveat.c_str());
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
              with_thousands(spec->ratings).c_str(), out.c_str(), seconds_since(start));
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
  const bool model_command = command == "train" || command == "similar" || command == "recommend" ||
                             command == "explain" || command == "predict";
  if (model_command && uses_other_kind(args))
    status = run_model_command(command, args);
  else if (command == "stats")
    status = command_stats(args);
  else if (command == "train")
    status = command_train(args);
  else if (command == "similar")
    status = command_similar(args);
  else if (command == "recommend")
    status = command_recommend(args);
  else if (command == "explain")
    status = command_explain_or_predict(args, true);
  else if (command == "predict")
    status = command_explain_or_predict(args, false);
  else if (command == "evaluate")
    status = command_evaluate(args);
  else if (command == "compare")
    status = run_compare(args, load_dataset(args), model_config(args));
  else if (command == "neighbours")
    status = run_neighbours(args, load_dataset(args), model_config(args));
  else if (command == "export")
    status = command_export(args);
  else if (command == "generate")
    status = command_generate(args);
  else if (command == "tune")
    status = command_tune(args);
  else
    throw UsageError("unknown command '" + command + "' (try: als help)");
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
