// The only file that knows about Emscripten: it maps the Workspace to a JS
// class `Engine` with camelCase methods, and converts values. No logic here.
//
// Every method returns a plain JS object; on failure it is {error, file, line}
// instead of an exception (the worker turns it into a rejected promise), so a
// C++ error never aborts the module. Bulk results are typed-array copies.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdio>
#include <cstdlib>
#include <new>

#include "als/factor_kernels.h"
#include "core/cancellation.h"
#include "core/parallel.h"
#include "io/file_format.h"
#include "io/title_key.h"
#include "model/model_file.h"
#include "models/model_options.h"
#include "queries/embedding_map.h"
#include "queries/item_support.h"
#include "session/workspace.h"

using emscripten::val;

namespace als::wasm {
namespace {

template <class T>
val typed_array_copy(const char* type, const T* data, size_t size) {
  return val::global(type).new_(emscripten::typed_memory_view(size, data));
}
val int32_array(const std::vector<int32_t>& v) { return typed_array_copy("Int32Array", v.data(), v.size()); }
val float32_array(const std::vector<float>& v) { return typed_array_copy("Float32Array", v.data(), v.size()); }
val float64_array(const std::vector<double>& v) { return typed_array_copy("Float64Array", v.data(), v.size()); }

template <class T>
std::vector<T> to_vector(const val& array) {
  if (array.isNull() || array.isUndefined()) return {};
  return emscripten::convertJSArrayToNumberVector<T>(array);
}

Favorites favorites_of(const val& items, const val& values) {
  Favorites f;
  f.items = to_vector<int32_t>(items);
  f.values = to_vector<float>(values);
  if (f.items.size() != f.values.size()) throw std::invalid_argument("favorites: items and ratings differ in length");
  return f;
}

// A fault's code and values for the page (fault.<code> in web/src/i18n).
void set_fault(val& out, const FaultCode& fault) {
  if (fault.code.empty()) return;
  val params = val::object();
  for (const auto& [name, value] : fault.numbers) params.set(name, value);
  for (const auto& [name, value] : fault.texts) params.set(name, value);
  out.set("code", fault.code);
  out.set("params", params);
}

val failure(const std::string& message) {
  val out = val::object();
  out.set("error", message);
  return out;
}

// Runs a binding body; failures become {error: message[, file, line][, code, params]}.
template <class F>
val guarded(F&& body) {
  try {
    return body();
  } catch (const ParseError& e) {
    val out = failure(e.what());
    out.set("file", e.file());
    out.set("line", static_cast<double>(e.line()));
    return out;
  } catch (const NpyError& e) {  // a model file that is not what it should be: bad input, not an engine fault
    val out = failure(e.what());
    out.set("file", std::string());
    set_fault(out, FaultCode("import.npy").text("detail", e.what()));
    return out;
  } catch (const ModelImportError& e) {
    val out = failure(e.what());
    out.set("file", std::string());
    set_fault(out, e.fault.code.empty() ? FaultCode("import.model").text("detail", e.what()) : e.fault);
    return out;
  } catch (const ModelFileError& e) {  // this app's model file, damaged or not one
    val out = failure(e.what());
    out.set("file", std::string());
    set_fault(out, e.fault);
    return out;
  } catch (const OperationCancelled&) {
    val out = failure("cancelled");
    out.set("cancelled", true);
    return out;
  } catch (const MemoryLimitError& e) {
    val out = failure(e.what());
    out.set("outOfMemory", true);
    set_fault(out, e.fault);
    return out;
  } catch (const UntrainableError& e) {
    // Too little left to train (after the threshold): the page can offer another threshold.
    val out = failure(e.what());
    out.set("untrainable", true);
    out.set("thresholdHelps", e.threshold_helps);
    set_fault(out, e.fault);
    return out;
  } catch (const std::bad_alloc&) {
    val out = failure("out of memory: this needs more memory than the browser tab can give");
    out.set("outOfMemory", true);
    set_fault(out, FaultCode{"memory.exhausted"});
    return out;
  } catch (const std::exception& e) {
    return failure(e.what());
  }
}

val ok() {
  val out = val::object();
  out.set("ok", true);
  return out;
}

val scored_items(const std::vector<ScoredItem>& items) {
  std::vector<int32_t> ids;
  std::vector<float> scores;
  for (const ScoredItem& s : items) {
    ids.push_back(s.id);
    scores.push_back(s.score);
  }
  val out = val::object();
  out.set("items", int32_array(ids));
  out.set("scores", float32_array(scores));
  return out;
}

val explanation_object(const Explanation& e) {
  std::vector<int32_t> items;
  std::vector<double> contributions;
  for (const Contribution& c : e.contributions) {
    items.push_back(c.item);
    contributions.push_back(c.contribution);
  }
  val out = val::object();
  out.set("score", e.score);
  out.set("items", int32_array(items));
  out.set("contributions", float64_array(contributions));
  return out;
}

val file_report_object(const FileReport& f) {
  val out = val::object();
  out.set("file", f.file);
  out.set("format", std::string(format_name(f.kind.format)));
  out.set("role", std::string(role_name(f.kind.role)));
  out.set("description", f.kind.description);
  out.set("bytes", static_cast<double>(f.bytes));
  out.set("lines", static_cast<double>(f.lines));
  out.set("records", static_cast<double>(f.records));
  out.set("skipped", static_cast<double>(f.skipped));
  out.set("malformed", static_cast<double>(f.malformed));
  out.set("latin1Lines", static_cast<double>(f.latin1_lines));
  val examples = val::array();
  for (const ParseIssue& issue : f.examples) {
    val e = val::object();
    e.set("line", static_cast<double>(issue.line));
    e.set("reason", issue.reason);
    e.set("excerpt", issue.excerpt);
    examples.call<void>("push", e);
  }
  out.set("examples", examples);
  out.set("mergedNames", static_cast<double>(f.merged_names));
  val merged = val::array();
  for (const MergedName& m : f.merged_examples) {
    val e = val::object();
    e.set("name", m.name);
    e.set("as", m.as);
    merged.call<void>("push", e);
  }
  out.set("mergedExamples", merged);
  return out;
}

// An item's match keys (io/title_key.h), tab-separated: titles of movies,
// names of artists.
std::string match_keys(const std::string& title, bool artist) {
  std::string out;
  for (const std::string& key : artist ? artist_keys(title) : title_keys(title)) {
    if (!out.empty()) out += '\t';
    out += key;
  }
  return out;
}

val progress_object(const TrainingProgress& p, bool done) {
  val out = val::object();
  out.set("done", done);
  out.set("iterationsDone", p.iterations_done);
  out.set("iterations", p.iterations);
  out.set("fraction", p.fraction);
  out.set("seconds", p.seconds);
  out.set("loss", float64_array(p.loss));
  return out;
}

val metrics_object(const RankingMetrics& m) {
  val out = val::object();
  out.set("k", m.k);
  out.set("precision", m.precision);
  out.set("map", m.map);
  out.set("ndcg", m.ndcg);
  out.set("auc", m.auc);
  out.set("users", static_cast<double>(m.users));
  return out;
}

template <class Strings>
std::string joined(const Strings& parts) {
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += '\n';
    out += parts[k];
  }
  return out;
}

val fit_object(const ModelFit& f) {
  val out = val::object();
  out.set("modelUsers", static_cast<double>(f.model_users));
  out.set("modelItems", static_cast<double>(f.model_items));
  out.set("dataUsers", f.data_users);
  out.set("dataItems", f.data_items);
  out.set("usersMatched", f.users_matched);
  out.set("itemsMatched", f.items_matched);
  out.set("ratedPairAuc", f.rated_pair_auc);
  out.set("pairsChecked", static_cast<double>(f.pairs_checked));
  out.set("plausible", f.plausible);
  out.set("message", f.message);
  return out;
}

val import_outcome(const Workspace::ImportOutcome& o) {
  val out = val::object();
  out.set("adopted", o.adopted);
  val choices = val::array();
  for (const ConventionChoice& c : o.choices) {
    val choice = val::object();
    val names = val::array();
    for (RowConvention k : c.conventions) names.call<void>("push", std::string(row_convention_name(k)));
    choice.set("conventions", names);
    choice.set("fit", fit_object(c.fit));
    choices.call<void>("push", choice);
  }
  out.set("choices", choices);
  if (o.adopted) out.set("fit", fit_object(o.fit));
  out.set("usersNotInData", static_cast<double>(o.users_not_in_data));
  out.set("itemsNotInData", static_cast<double>(o.items_not_in_data));
  return out;
}

AlsConfig config_of(const val& o) {
  AlsConfig c;
  auto number = [&](const char* name, double fallback) {
    const val v = o[name];
    return v.isNumber() ? v.as<double>() : fallback;
  };
  c.factors = static_cast<int>(number("factors", c.factors));
  c.regularization = static_cast<float>(number("regularization", c.regularization));
  c.iterations = static_cast<int>(number("iterations", c.iterations));
  c.cg_steps = static_cast<int>(number("cgSteps", c.cg_steps));
  c.seed = static_cast<uint64_t>(number("seed", 42));
  c.confidence.alpha = static_cast<float>(number("alpha", c.confidence.alpha));
  c.confidence.one_plus = o["onePlus"].isTrue();
  if (o["formulation"].isString() && o["formulation"].as<std::string>() == "spark") {
    c.formulation = Formulation::kSpark;
    c.confidence.one_plus = true;
  }
  c.compute_loss = !o["skipLoss"].isTrue();
  c.threads = 0;  // the module's one shared pool
  const val solver = o["solver"];
  if (solver.isString() && solver.as<std::string>() == "cholesky") c.solver = Solver::kCholesky;
  const val scaling = o["scaling"];
  if (scaling.isString()) {
    const std::string s = scaling.as<std::string>();
    if (s == "log") c.confidence.scaling = ConfidenceScaling::kLog;
    if (s == "bm25") c.confidence.scaling = ConfidenceScaling::kBm25;
  }
  return c;
}

// A model to compare: {kind: "bpr", factors: 64, learning_rate: 0.05, ...};
// the ALS of the page takes its form's config ({kind: "als", config}).
ModelSettings model_settings_of(const val& o) {
  const std::string name = o["kind"].isString() ? o["kind"].as<std::string>() : std::string("als");
  const std::optional<ModelKind> kind = model_kind_from_name(name);
  if (!kind) throw std::invalid_argument("no model kind \"" + name + "\"");
  ModelSettings s = ModelSettings::of(*kind);
  if (*kind == ModelKind::kAls && !o["config"].isUndefined() && !o["config"].isNull()) s.als = config_of(o["config"]);
  for (const auto& [option, fallback] : model_options(s)) {
    const val v = o[option];
    if (v.isNumber()) set_model_option(s, option, v.as<double>());
  }
  s.set_threads(0);  // the module's one shared pool
  return s;
}

val compared_model_object(const ComparedModel& m) {
  val out = val::object();
  out.set("kind", std::string(model_kind_name(m.settings.kind)));
  out.set("state", std::string(compared_state_name(m.state)));
  out.set("fraction", m.fraction);
  out.set("iterationsDone", m.training.iterations_done);
  out.set("iterations", m.training.iterations);
  out.set("trainingSeconds", m.training_seconds);
  out.set("scoringSeconds", m.scoring_seconds);
  val settings = val::object();
  for (const auto& [option, value] : model_options(m.settings)) settings.set(option, value);
  out.set("settings", settings);
  if (m.state == ComparedState::kDone) {
    out.set("metrics", metrics_object(m.ranking));
    if (m.rating_errors) {
      val errors = val::object();
      errors.set("rmse", m.rating_errors->rmse);
      errors.set("mae", m.rating_errors->mae);
      errors.set("ratings", static_cast<double>(m.rating_errors->predicted));
      errors.set("skipped", static_cast<double>(m.rating_errors->skipped));
      out.set("ratingErrors", errors);
    }
    if (m.model) {
      const Explainability how = m.model->explainability();
      out.set("explainable", how.exact);
      out.set("explainCode", how.code);
      out.set("whyNotExplained", how.why_not);
      out.set("hasSimilarItems", m.model->has_similar_items());
    }
  }
  if (m.state == ComparedState::kFailed) {
    out.set("error", m.message);
    set_fault(out, m.fault);
  }
  return out;
}

val comparison_object(const ModelComparison& c) {
  val out = val::object();
  out.set("done", c.done());
  out.set("fraction", c.fraction());
  out.set("current", static_cast<double>(c.current()));
  out.set("k", c.k());
  out.set("trainInteractions", static_cast<double>(c.split().train.nnz()));
  out.set("testInteractions", static_cast<double>(c.split().test.nnz()));
  val models = val::array();
  for (const ComparedModel& m : c.models()) models.call<void>("push", compared_model_object(m));
  out.set("models", models);
  return out;
}

// The shortest decimal that reads back as this float (0.0059f -> 0.0059,
// not 0.005900000222), so settings show and round-trip as typed.
double as_decimal(float v) {
  char text[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(text, nullptr) == v) break;
  }
  return std::strtod(text, nullptr);
}

val trial_object(const TrialResult& t) {
  val out = val::object();
  out.set("index", t.index);
  out.set("candidate", t.candidate);
  out.set("round", t.bracket + 1);
  out.set("factors", t.settings.factors);
  out.set("regularization", as_decimal(t.settings.regularization));
  out.set("alpha", as_decimal(t.settings.alpha));
  out.set("scaling", std::string(scaling_name(t.settings.scaling)));
  out.set("iterations", t.settings.iterations);
  out.set("score", t.score);
  out.set("validation", metrics_object(t.validation));
  out.set("seconds", t.seconds);
  out.set("tutorial", t.tutorial);
  if (!t.ok()) out.set("error", t.error);
  return out;
}

val settings_object(const TrialSettings& s) {
  val out = val::object();
  out.set("factors", s.factors);
  out.set("regularization", as_decimal(s.regularization));
  out.set("alpha", as_decimal(s.alpha));
  out.set("scaling", std::string(scaling_name(s.scaling)));
  out.set("iterations", s.iterations);
  return out;
}

class Engine {
 public:
  // The wasm32 heap can grow to 4 GB (-sMAXIMUM_MEMORY); keep some for the
  // runtime, the JS glue's buffers and fragmentation.
  Engine() { workspace_.set_memory_budget(static_cast<uint64_t>(3.6e9)); }

  // ---- loading ----
  val beginLoad(bool strict) {
    return guarded([&] {
      LoadOptions options;
      options.strict = strict;
      options.threads = 0;  // scan big chunks on the module's shared pool (one thread in the SIMD build)
      workspace_.begin_load(options);
      return ok();
    });
  }
  val beginFile(std::string name) {
    return guarded([&] {
      workspace_.begin_file(name);
      return ok();
    });
  }
  // The file's size (optional, after beginFile): its ratings get room at once.
  val expectFileBytes(double bytes) {
    return guarded([&] {
      if (bytes > 0) workspace_.expect_file_bytes(static_cast<uint64_t>(bytes));
      return ok();
    });
  }
  // A view on a heap buffer of `size` bytes for the next chunk (valid until
  // the next call); {error, outOfMemory} when the heap cannot hold it.
  val chunkBuffer(double size) {
    return guarded([&] {
      if (!(size >= 0) || size > static_cast<double>(chunk_.max_size())) throw std::bad_alloc();
      chunk_.resize(static_cast<size_t>(size));
      return val(emscripten::typed_memory_view(chunk_.size(), chunk_.data()));
    });
  }
  val feedChunk(int size) {
    return guarded([&] {
      workspace_.feed(reinterpret_cast<const char*>(chunk_.data()), static_cast<size_t>(size));
      return ok();
    });
  }
  val endFile() {
    return guarded([&] { return file_report_object(workspace_.end_file()); });
  }
  // What a file is, from its name alone (head empty: which zip entries to
  // inflate at all) or from its name and first bytes.
  val detectFile(std::string name, std::string head) {
    return guarded([&] {
      FileKind kind;
      if (head.empty()) {
        kind = kind_from_name(name).value_or(FileKind{});
        if (kind.description.empty()) kind.description = "decided by its content";
      } else {
        kind = detect_file_kind(name, head);
      }
      val out = val::object();
      out.set("format", std::string(format_name(kind.format)));
      out.set("role", std::string(role_name(kind.role)));
      out.set("description", kind.description);
      return out;
    });
  }
  // Whether loading files of these sizes would fit in the heap next to what
  // is held now (ratings format by name, as detectFile says it).
  val checkLoad(double ratings_bytes, std::string format, double titles_bytes) {
    return guarded([&] {
      FileFormat f = FileFormat::kGenericRatings;
      for (int k = 0; k <= static_cast<int>(FileFormat::kGenericTitles); ++k)
        if (format == format_name(static_cast<FileFormat>(k))) f = static_cast<FileFormat>(k);
      const MemoryCheck check =
          workspace_.check_load(static_cast<uint64_t>(ratings_bytes), f, static_cast<uint64_t>(titles_bytes));
      val out = val::object();
      out.set("fits", check.fits);
      out.set("neededBytes", static_cast<double>(check.needed_bytes));
      out.set("budgetBytes", static_cast<double>(check.budget_bytes));
      out.set("message", check.message);
      set_fault(out, check.fault);
      return out;
    });
  }
  val finishLoad() { return finishLoadWith(val::null()); }
  // The same with the visitor's threshold choice over the format's defaults
  // ({useThreshold, minValue, binary}, each optional): loading refused files again.
  val finishLoadWith(val options) {
    return guarded([&] {
      PrepareChoice choice;
      if (!options.isNull() && !options.isUndefined()) {
        if (options["useThreshold"].isTrue() || options["useThreshold"].isFalse())
          choice.use_threshold = options["useThreshold"].isTrue();
        if (options["minValue"].isNumber()) choice.min_value = options["minValue"].as<double>();
        if (options["binary"].isTrue() || options["binary"].isFalse()) choice.binary = options["binary"].isTrue();
      }
      chunk_ = std::vector<uint8_t>();
      workspace_.finish_load(choice);
      val out = summary();
      // Where finishLoad's time went, step by step (the benchmark prints it).
      val phases = val::array();
      for (const PreparePhase& p : workspace_.data().prepare_phases) {
        val phase = val::object();
        phase.set("name", std::string(p.name));
        phase.set("seconds", p.seconds);
        phases.call<void>("push", phase);
      }
      out.set("preparePhases", phases);
      return out;
    });
  }
  val cancelLoad() {
    workspace_.cancel_load();
    return ok();
  }
  val prepare(val options) {
    return guarded([&] {
      PrepareOptions p = workspace_.data().options;
      if (options["useThreshold"].isTrue() || options["useThreshold"].isFalse())
        p.use_threshold = options["useThreshold"].isTrue();
      if (options["minValue"].isNumber()) p.min_value = options["minValue"].as<double>();
      if (options["binary"].isTrue() || options["binary"].isFalse())
        p.value_mode = options["binary"].isTrue() ? ValueMode::kBinary : ValueMode::kRaw;
      if (options["duplicates"].isString()) {
        const std::string d = options["duplicates"].as<std::string>();
        p.duplicates = d == "sum" ? DuplicateRule::kSum : d == "max" ? DuplicateRule::kMax : DuplicateRule::kLast;
      }
      workspace_.prepare(p);
      return summary();
    });
  }
  val dataSummary() {
    return guarded([&] { return summary(); });
  }

  // ---- training ----
  val startTraining(val config, val favoriteItems, val favoriteValues) {
    return guarded([&] {
      const bool with_me = !favoriteItems.isNull() && !favoriteItems.isUndefined();
      const Favorites favorites = with_me ? favorites_of(favoriteItems, favoriteValues) : Favorites{};
      workspace_.start_training(config_of(config), with_me ? &favorites : nullptr);
      val out = ok();
      out.set("threads", workspace_.training_threads());
      return out;
    });
  }
  val advanceTraining(double budget_seconds) {
    return guarded([&] {
      const TrainingProgress before = workspace_.training_progress();
      const bool done = workspace_.advance_training(budget_seconds);
      if (done) {
        TrainingProgress final_progress = before;
        final_progress.iterations_done = final_progress.iterations;
        final_progress.fraction = 1.0;
        final_progress.loss = workspace_.model().model.loss_history;
        final_progress.seconds = workspace_.model().model.training_seconds;
        return progress_object(final_progress, true);
      }
      return progress_object(workspace_.training_progress(), false);
    });
  }
  val cancelTraining() {
    workspace_.cancel_training();
    return ok();
  }

  // ---- the model ----
  val modelInfo() {
    return guarded([&] {
      const ModelState& m = workspace_.model();
      const AlsConfig& c = m.model.config;
      val out = val::object();
      out.set("users", static_cast<double>(m.model.user_factors.rows()));
      out.set("items", static_cast<double>(m.model.item_factors.rows()));
      out.set("interactions", static_cast<double>(m.data->user_items.nnz()));
      out.set("factors", c.factors);
      out.set("regularization", c.regularization);
      out.set("iterations", c.iterations);
      out.set("alpha", c.confidence.alpha);
      out.set("onePlus", c.confidence.one_plus);
      out.set("scaling", std::string(scaling_name(c.confidence.scaling)));
      out.set("solver", std::string(solver_name(c.solver)));
      out.set("cgSteps", c.cg_steps);
      out.set("seed", static_cast<double>(c.seed));
      out.set("loss", float64_array(m.model.loss_history));
      out.set("trainingSeconds", m.model.training_seconds);
      out.set("includesMe", m.includes_me);
      out.set("fromFile", m.from_file);
      out.set("format", std::string(format_name(m.data->format)));
      out.set("dataSet", describe_data_set(m.data->format));
      out.set("idSpace", std::string(id_space(m.data->format)));
      out.set("defaultMinSupport", m.default_min_support);
      out.set("supportShrinkage", support_shrinkage_for(m.default_min_support));
      out.set("rareItems", items_below_support(m.recommender->item_support(), m.default_min_support));
      out.set("formulation", std::string(formulation_name(c.formulation)));
      out.set("imported", m.imported);
      out.set("origin", m.model.origin);
      out.set("originDetails", m.model.origin_details);
      if (m.imported && m.fit.pairs_checked > 0) out.set("fit", fit_object(m.fit));
      return out;
    });
  }
  // The model's items: ids, titles, genres and match keys (tab-separated) as
  // newline-joined text (one string crosses faster than 60,000), how many
  // users had each (its support) and the sum of their values (plays).
  val itemTable() {
    return guarded([&] {
      const Dataset& d = workspace_.model_data();
      const bool artists = d.format == FileFormat::kLastFmPlays;
      std::vector<std::string> titles(d.item_count()), keys(d.item_count());
      std::vector<int32_t> popularity(d.item_count());
      std::vector<double> totals(d.item_count());
      for (int32_t i = 0; i < d.item_count(); ++i) {
        titles[i] = d.title(i);
        keys[i] = match_keys(titles[i], artists);
        popularity[i] = static_cast<int32_t>(d.item_users.row_size(i));
        double total = 0;
        for (int64_t k = d.item_users.indptr[i]; k < d.item_users.indptr[i + 1]; ++k) total += d.item_users.values[k];
        totals[i] = total;
      }
      val out = val::object();
      out.set("ids", joined(d.items.external_ids()));
      out.set("titles", joined(titles));
      out.set("genres", joined(d.item_genres));
      out.set("matchKeys", joined(keys));
      out.set("popularity", int32_array(popularity));
      out.set("totals", float64_array(totals));
      return out;
    });
  }
  // Match keys of titles (or artist names) given as an array: for favorites
  // kept before their keys were (one tab-separated line per title).
  val titleKeys(val titles, bool artists) {
    return guarded([&] {
      val out = val::array();
      const unsigned n = titles["length"].as<unsigned>();
      for (unsigned k = 0; k < n; ++k) out.call<void>("push", match_keys(titles[k].as<std::string>(), artists));
      val result = val::object();
      result.set("keys", out);
      return result;
    });
  }
  // minSupport: -1 the model's default rule, 0 every item, or a minimum.
  val recommend(val items, val values, int count, val candidates, int minSupport) {
    return guarded([&] {
      RecommendOptions o;
      o.count = count;
      o.candidates = to_vector<int32_t>(candidates);
      o.min_support = minSupport;
      std::vector<ScoredItem> scored;
      val explanations = val::array();
      for (const RecommendationRow& row : workspace_.recommend(favorites_of(items, values), o)) {
        scored.push_back(row.item);
        explanations.call<void>("push", explanation_object(row.explanation));
      }
      val out = scored_items(scored);
      out.set("explanations", explanations);
      return out;
    });
  }
  val similarItems(int item, int count, int minSupport) {
    return guarded([&] { return scored_items(workspace_.similar_items(item, count, minSupport)); });
  }
  val similarUsers(int user, int count) {
    return guarded([&] { return scored_items(workspace_.similar_users(user, count)); });
  }
  // x_me·y_item, with both vectors so the dot product can be shown term by term.
  val predictedPreference(val items, val values, int item) {
    return guarded([&] {
      const Workspace::Preference p = workspace_.predicted_preference(favorites_of(items, values), item);
      val out = val::object();
      out.set("score", p.score);
      out.set("userVector", float32_array(p.user_vector));
      out.set("itemVector", float32_array(p.item_vector));
      return out;
    });
  }
  val explain(val items, val values, int item) {
    return guarded([&] { return explanation_object(workspace_.explain(favorites_of(items, values), item)); });
  }
  val popular(int count, val exclude) {
    return guarded([&] { return scored_items(workspace_.popular(count, to_vector<int32_t>(exclude))); });
  }
  // A factor matrix without its padding, row-major: {rows, factors, values}.
  val factorMatrix(std::string which) {
    return guarded([&] {
      const AlsModel& m = workspace_.model().model;
      const FactorMatrix& f = which == "users" ? m.user_factors : m.item_factors;
      std::vector<float> values;
      values.reserve(f.rows() * f.factors());
      for (int64_t r = 0; r < f.rows(); ++r) values.insert(values.end(), f.row(r), f.row(r) + f.factors());
      val out = val::object();
      out.set("rows", static_cast<double>(f.rows()));
      out.set("factors", f.factors());
      out.set("values", float32_array(values));
      return out;
    });
  }
  val embeddingMap() {
    return guarded([&] {
      val out = val::object();
      out.set("xy", float32_array(principal_plane(workspace_.model().model.item_factors)));
      return out;
    });
  }

  // ---- comparing model kinds ----
  // The kinds with their titles and default settings (the forms' fields).
  val modelKinds() {
    return guarded([&] {
      val out = val::array();
      for (ModelKind kind : all_model_kinds()) {
        val k = val::object();
        k.set("kind", std::string(model_kind_name(kind)));
        k.set("title", std::string(model_kind_title(kind)));
        k.set("predictsRatings", predicts_ratings(kind));
        k.set("factorModel", is_factor_model(kind));
        val defaults = val::object();
        for (const auto& [option, value] : model_options(ModelSettings::of(kind))) defaults.set(option, value);
        k.set("defaults", defaults);
        out.call<void>("push", k);
      }
      return out;
    });
  }
  val startComparison(val models, double test_fraction, int k, double seed) {
    return guarded([&] {
      std::vector<ModelSettings> settings;
      const int n = models["length"].as<int>();
      for (int i = 0; i < n; ++i) {
        settings.push_back(model_settings_of(models[i]));
        settings.back().set_seed(static_cast<uint64_t>(seed));
      }
      workspace_.start_comparison(std::move(settings), test_fraction, k, static_cast<uint64_t>(seed));
      return comparison_object(workspace_.comparison());
    });
  }
  val advanceComparison(double budget_seconds) {
    return guarded([&] {
      workspace_.advance_comparison(budget_seconds);
      return comparison_object(workspace_.comparison());
    });
  }
  // index -1: every model not finished yet (stop the comparison, keep what is done).
  val skipComparedModel(int index) {
    return guarded([&] {
      if (index >= 0) {
        workspace_.skip_compared_model(static_cast<size_t>(index));
      } else {
        for (size_t m = workspace_.comparison().current(); m < workspace_.comparison().models().size(); ++m)
          workspace_.skip_compared_model(m);
      }
      return comparison_object(workspace_.comparison());
    });
  }
  val cancelComparison() {
    workspace_.cancel_comparison();
    return ok();
  }
  // Model `index`'s top `count` for the favorites, explained where it can be.
  val comparedRecommendations(int index, val items, val values, int count) {
    return guarded([&] {
      std::vector<int32_t> ids;
      std::vector<float> scores;
      val explanations = val::array();
      for (const RecommendationRow& row :
           workspace_.compared_recommendations(static_cast<size_t>(index), favorites_of(items, values), count)) {
        ids.push_back(row.item.id);
        scores.push_back(row.item.score);
        explanations.call<void>("push", explanation_object(row.explanation));
      }
      val out = val::object();
      out.set("items", int32_array(ids));
      out.set("scores", float32_array(scores));
      out.set("explanations", explanations);
      return out;
    });
  }

  val comparedSimilar(int index, int item, int count, int min_support) {
    return guarded([&] {
      return scored_items(workspace_.compared_similar_items(static_cast<size_t>(index), item, count, min_support));
    });
  }

  // ---- evaluation ----
  val startEvaluation(val config, double test_fraction, int k, double seed, bool with_current_model) {
    return guarded([&] {
      workspace_.start_evaluation(config_of(config), test_fraction, k, static_cast<uint64_t>(seed), with_current_model);
      return ok();
    });
  }
  val advanceEvaluation(double budget_seconds) {
    return guarded([&] {
      const TrainingProgress progress = workspace_.evaluation_progress();
      if (!workspace_.advance_evaluation(budget_seconds)) {
        val out = progress_object(workspace_.evaluation_progress(), false);
        const Workspace::EvaluationScoring scoring = workspace_.evaluation_scoring();
        out.set("phase", std::string(scoring.started ? "scoring" : "training"));
        out.set("usersDone", static_cast<double>(scoring.users_done));
        out.set("users", static_cast<double>(scoring.users));
        return out;
      }
      const Workspace::EvaluationResult& r = workspace_.evaluation_result();
      val out = progress_object(progress, true);
      out.set("model", metrics_object(r.model));
      out.set("popularity", metrics_object(r.popularity));
      if (r.has_current_model) out.set("currentModel", metrics_object(r.current_model));
      out.set("trainInteractions", static_cast<double>(r.train_interactions));
      out.set("testInteractions", static_cast<double>(r.test_interactions));
      return out;
    });
  }
  val cancelEvaluation() {
    workspace_.cancel_evaluation();
    return ok();
  }

  // ---- models trained elsewhere ----
  val beginImport(double total_bytes) {
    return guarded([&] {
      if (!(total_bytes >= 0)) throw std::invalid_argument("import: a negative size");
      workspace_.begin_import(static_cast<uint64_t>(total_bytes));
      return ok();
    });
  }
  // Room in the heap for one member; write its bytes through the view
  // (importView gives it again: a heap that grew invalidates old views).
  val importBuffer(std::string member, double size) {
    return guarded([&] {
      if (!(size >= 0)) throw std::invalid_argument("import: a negative size");
      std::vector<uint8_t>& b = workspace_.import_buffer(member, static_cast<uint64_t>(size));
      return val(emscripten::typed_memory_view(b.size(), b.data()));
    });
  }
  val importView(std::string member, double offset, double size) {
    return guarded([&] {
      std::vector<uint8_t>& b = workspace_.import_buffer_of(member);
      if (!(offset >= 0) || !(size >= 0) || offset + size > static_cast<double>(b.size()))
        throw std::out_of_range("import: a chunk beyond the member's size");
      return val(emscripten::typed_memory_view(static_cast<size_t>(size), b.data() + static_cast<size_t>(offset)));
    });
  }
  // convention "": decide by the sizes, or return the choices.
  val importImplicit(std::string convention) {
    return guarded([&] {
      std::optional<RowConvention> c;
      if (!convention.empty()) {
        c = row_convention_from_name(convention);
        if (!c) throw std::invalid_argument("rows: raw, sorted or first-seen, not '" + convention + "'");
      }
      return import_outcome(workspace_.import_implicit(c));
    });
  }
  val importSpark(val settings) {
    return guarded([&] {
      SparkSettings s;
      s.rank = settings["rank"].isNumber() ? settings["rank"].as<int>() : 0;
      if (settings["alpha"].isNumber()) s.alpha = settings["alpha"].as<double>();
      if (settings["regParam"].isNumber()) s.reg_param = settings["regParam"].as<double>();
      if (settings["sparkVersion"].isString()) s.spark_version = settings["sparkVersion"].as<std::string>();
      return import_outcome(workspace_.import_spark(s));
    });
  }
  val clearImport() {
    workspace_.clear_import();
    return ok();
  }
  // here -> implicit: the .npz members (the worker zips them), the ids of the
  // rows as CSV, and what implicit cannot reproduce of this model.
  val exportImplicit() {
    return guarded([&] {
      val members = val::array();
      for (const auto& [name, bytes] : workspace_.export_implicit()) {
        val m = val::object();
        m.set("name", name);
        m.set("bytes", typed_array_copy("Uint8Array", reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
        members.call<void>("push", m);
      }
      val out = val::object();
      out.set("members", members);
      out.set("idsCsv", row_ids_csv(workspace_.model_data()));
      out.set("caveat", implicit_export_caveat(workspace_.model().model));
      return out;
    });
  }
  // ---- tuning ----
  // options: {config, budgetSeconds, budgetIterations, metric: 'precision' |
  // 'map' | 'ndcg', k, testFraction, splitSeed}
  val startTuning(val options) {
    return guarded([&] {
      TuningOptions o;
      o.base = config_of(options["config"]);
      if (options["budgetSeconds"].isNumber()) o.budget.seconds = options["budgetSeconds"].as<double>();
      if (options["budgetIterations"].isNumber()) o.budget.iterations = options["budgetIterations"].as<int>();
      if (options["metric"].isString()) o.metric = parse_metric(options["metric"].as<std::string>(), nullptr);
      if (options["k"].isNumber()) o.k = options["k"].as<int>();
      const double test_fraction = options["testFraction"].isNumber() ? options["testFraction"].as<double>() : 0.2;
      const double split_seed =
          options["splitSeed"].isNumber() ? options["splitSeed"].as<double>() : static_cast<double>(o.base.seed);
      workspace_.start_tuning(o, test_fraction, static_cast<uint64_t>(split_seed));
      reported_trials_ = 0;
      const TuningRun& run = workspace_.tuning_run();
      val out = ok();
      out.set("threads", ThreadPool::shared_pool_threads());
      out.set("searchScaling", run.search().options().search_scaling);
      out.set("fitInteractions", static_cast<double>(run.search().validation_split().train.nnz()));
      out.set("validationInteractions", static_cast<double>(run.search().validation_split().test.nnz()));
      out.set("validationUsers", static_cast<double>(run.search().validation_users()));
      out.set("trainInteractions", static_cast<double>(run.split().train.nnz()));
      out.set("testInteractions", static_cast<double>(run.split().test.nnz()));
      return out;
    });
  }
  // Works for about budget_seconds; the trials finished meanwhile come back
  // in `trials` (each once), the comparison with the last answer (done).
  val advanceTuning(double budget_seconds) {
    return guarded([&] {
      const bool done = workspace_.advance_tuning(budget_seconds);
      const TuningRun& run = workspace_.tuning_run();
      const SettingsSearch& search = run.search();
      const SearchProgress p = search.progress();
      val out = val::object();
      out.set("done", done);
      out.set("phase", std::string(run.phase() == TuningRun::Phase::kSearching   ? "searching"
                                   : run.phase() == TuningRun::Phase::kComparing ? "comparing"
                                                                                 : "done"));
      out.set("seconds", p.seconds);
      out.set("iterationsUsed", p.iterations_used);
      out.set("fraction", p.fraction);
      out.set("rounds", p.brackets);
      out.set("trialsDone", p.trials);
      out.set("comparisonFraction", run.comparison() ? run.comparison()->fraction() : 0.0);
      out.set("comparisonSeconds", run.comparison_seconds());
      val trials = val::array();
      for (; reported_trials_ < search.trials().size(); ++reported_trials_)
        trials.call<void>("push", trial_object(search.trials()[reported_trials_]));
      out.set("trials", trials);
      const TrialResult* best = search.best();
      out.set("best", best ? trial_object(*best) : val::null());
      if (done) {
        const ComparisonResult& c = run.comparison()->result();
        val comparison = val::object();
        comparison.set("tunedSettings", settings_object(c.tuned_settings));
        comparison.set("tutorialSettings", settings_object(c.tutorial_settings));
        comparison.set("tuned", metrics_object(c.tuned));
        comparison.set("tutorial", metrics_object(c.tutorial));
        comparison.set("popularity", metrics_object(c.popularity));
        comparison.set("tunedSeconds", c.tuned_seconds);
        comparison.set("tutorialSeconds", c.tutorial_seconds);
        comparison.set("trainInteractions", static_cast<double>(c.train_interactions));
        comparison.set("testInteractions", static_cast<double>(c.test_interactions));
        out.set("comparison", comparison);
      }
      return out;
    });
  }
  val cancelTuning() {
    workspace_.cancel_tuning();
    return ok();
  }

  // ---- model files ----
  val saveModel(bool include_interactions) {
    return guarded([&] {
      const std::string bytes = workspace_.save_model(include_interactions);
      val out = val::object();
      out.set("bytes", typed_array_copy("Uint8Array", reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
      return out;
    });
  }
  val loadModel(val bytes) {
    return guarded([&] {
      const std::vector<uint8_t> data = to_vector<uint8_t>(bytes);
      const bool matches =
          workspace_.load_model(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
      val out = val::object();
      out.set("matchesData", matches);
      return out;
    });
  }

 private:
  val summary() {
    const Dataset& d = workspace_.data();
    const DatasetStats& s = d.stats;
    val out = val::object();
    out.set("dataSet", describe_data_set(d.format));
    out.set("format", std::string(format_name(d.format)));
    out.set("idSpace", std::string(id_space(d.format)));
    out.set("integerValues", workspace_.raw().integer_values);
    out.set("medianKeptValue", s.median_kept_value);
    out.set("rawRatings", static_cast<double>(s.raw_ratings));
    out.set("rawUsers", s.raw_users);
    out.set("rawItems", s.raw_items);
    out.set("duplicatesMerged", static_cast<double>(s.duplicates_merged));
    out.set("belowThreshold", static_cast<double>(s.below_threshold));
    out.set("keptRatings", static_cast<double>(s.kept_ratings));
    out.set("users", s.users);
    out.set("items", s.items);
    out.set("density", s.density);
    out.set("keptShare", s.kept_share);
    out.set("minValue", s.min_value);
    out.set("maxValue", s.max_value);
    out.set("meanValue", s.mean_value);
    out.set("itemsWithoutTitles", s.items_without_titles);
    out.set("titledItemsWithoutRatings", s.titled_items_without_ratings);
    out.set("useThreshold", d.options.use_threshold);
    out.set("minRating", d.options.min_value);
    out.set("binary", d.options.value_mode == ValueMode::kBinary);
    out.set("duplicates", std::string(d.options.duplicates == DuplicateRule::kSum   ? "sum"
                                      : d.options.duplicates == DuplicateRule::kMax ? "max"
                                                                                    : "last"));
    val histogram = val::array();
    for (const HistogramBin& b : s.histogram) {
      val bin = val::object();
      bin.set("label", b.label);
      bin.set("low", b.low);
      bin.set("high", b.high);
      bin.set("count", static_cast<double>(b.count));
      histogram.call<void>("push", bin);
    }
    out.set("histogram", histogram);
    std::vector<int32_t> top = most_popular_items(d, 50);
    val popular = val::array();
    for (int32_t i : top) {
      val p = val::object();
      p.set("id", d.items.external_id(i));
      p.set("title", d.title(i));
      p.set("users", static_cast<double>(d.item_users.row_size(i)));
      double total = 0;
      for (int64_t k = d.item_users.indptr[i]; k < d.item_users.indptr[i + 1]; ++k) total += d.item_users.values[k];
      p.set("total", total);
      popular.call<void>("push", p);
    }
    out.set("popular", popular);
    val files = val::array();
    for (const FileReport& f : workspace_.raw().report.files) files.call<void>("push", file_report_object(f));
    out.set("files", files);
    val warnings = val::array();
    for (const std::string& w : workspace_.raw().report.warnings) warnings.call<void>("push", w);
    out.set("warnings", warnings);
    return out;
  }

  Workspace workspace_;
  std::vector<uint8_t> chunk_;
  size_t reported_trials_ = 0;  // of the tuning run: trials already sent back
};

// Which build this is and how many threads it runs, for the UI.
val build_info() {
  val out = val::object();
  out.set("simd", std::string(kernels::simd_name()));
#ifdef __EMSCRIPTEN_PTHREADS__
  out.set("threadsBuild", true);
#else
  out.set("threadsBuild", false);
#endif
  out.set("threads", ThreadPool::shared_pool_threads());
  return out;
}

// The size of the wasm memory now, which is also its peak: it never shrinks.
double memory_bytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }

// Called once by the loader with the number of preloaded pthread workers + 1.
void use_threads(int threads) { ThreadPool::use_one_shared_pool(threads); }

// Where the two cancel slots live in the heap (byte address of two int32:
// requested, running; see core/cancellation.h): in the threads build the
// page's main thread writes `requested` with Atomics.store while the worker
// is inside a long call.
double cancel_slots_address() { return static_cast<double>(reinterpret_cast<uintptr_t>(&cancel_slots())); }
// The job the worker's next engine calls work for (0: none), and a cancel asked from the worker itself.
void set_running_job(int id) { cancel_slots().running.store(id); }
void request_cancel(int id) { cancel_slots().requested.store(id); }

}  // namespace
}  // namespace als::wasm

EMSCRIPTEN_BINDINGS(als_engine) {
  using als::wasm::Engine;
  emscripten::function("buildInfo", &als::wasm::build_info);
  emscripten::function("useThreads", &als::wasm::use_threads);
  emscripten::function("memoryBytes", &als::wasm::memory_bytes);
  emscripten::function("cancelSlotsAddress", &als::wasm::cancel_slots_address);
  emscripten::function("setRunningJob", &als::wasm::set_running_job);
  emscripten::function("requestCancel", &als::wasm::request_cancel);
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("beginLoad", &Engine::beginLoad)
      .function("beginFile", &Engine::beginFile)
      .function("expectFileBytes", &Engine::expectFileBytes)
      .function("chunkBuffer", &Engine::chunkBuffer)
      .function("feedChunk", &Engine::feedChunk)
      .function("endFile", &Engine::endFile)
      .function("detectFile", &Engine::detectFile)
      .function("checkLoad", &Engine::checkLoad)
      .function("finishLoad", &Engine::finishLoad)
      .function("finishLoadWith", &Engine::finishLoadWith)
      .function("cancelLoad", &Engine::cancelLoad)
      .function("prepare", &Engine::prepare)
      .function("dataSummary", &Engine::dataSummary)
      .function("startTraining", &Engine::startTraining)
      .function("advanceTraining", &Engine::advanceTraining)
      .function("cancelTraining", &Engine::cancelTraining)
      .function("modelInfo", &Engine::modelInfo)
      .function("itemTable", &Engine::itemTable)
      .function("titleKeys", &Engine::titleKeys)
      .function("recommend", &Engine::recommend)
      .function("similarItems", &Engine::similarItems)
      .function("similarUsers", &Engine::similarUsers)
      .function("predictedPreference", &Engine::predictedPreference)
      .function("explain", &Engine::explain)
      .function("popular", &Engine::popular)
      .function("embeddingMap", &Engine::embeddingMap)
      .function("factorMatrix", &Engine::factorMatrix)
      .function("modelKinds", &Engine::modelKinds)
      .function("startComparison", &Engine::startComparison)
      .function("advanceComparison", &Engine::advanceComparison)
      .function("skipComparedModel", &Engine::skipComparedModel)
      .function("cancelComparison", &Engine::cancelComparison)
      .function("comparedRecommendations", &Engine::comparedRecommendations)
      .function("comparedSimilar", &Engine::comparedSimilar)
      .function("startEvaluation", &Engine::startEvaluation)
      .function("advanceEvaluation", &Engine::advanceEvaluation)
      .function("cancelEvaluation", &Engine::cancelEvaluation)
      .function("beginImport", &Engine::beginImport)
      .function("importBuffer", &Engine::importBuffer)
      .function("importView", &Engine::importView)
      .function("importImplicit", &Engine::importImplicit)
      .function("importSpark", &Engine::importSpark)
      .function("clearImport", &Engine::clearImport)
      .function("exportImplicit", &Engine::exportImplicit)
      .function("startTuning", &Engine::startTuning)
      .function("advanceTuning", &Engine::advanceTuning)
      .function("cancelTuning", &Engine::cancelTuning)
      .function("saveModel", &Engine::saveModel)
      .function("loadModel", &Engine::loadModel);
}
