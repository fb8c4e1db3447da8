#include "session/workspace.h"

#include "models/rating_data.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/cancellation.h"
#include "core/parallel.h"
#include "session/memory_estimate.h"

namespace als {

namespace {
std::logic_error no_model() { return std::logic_error("no model yet: train one or load a model file"); }

// Items whose row is all zero: a model trained elsewhere had no row for them.
std::vector<int32_t> zero_rows(const FactorMatrix& m) {
  std::vector<int32_t> rows;
  for (int64_t r = 0; r < m.rows(); ++r) {
    const float* v = m.row(r);
    bool zero = true;
    for (int k = 0; k < m.factors() && zero; ++k) zero = v[k] == 0.0f;
    if (zero) rows.push_back(static_cast<int32_t>(r));
  }
  return rows;
}

// The queries' part of a model state: the items' support in the model's data
// (for the minimum-support rule), the items the model has no row for, and the
// Recommender (which throws when the factors overflow).
void attach_recommender(ModelState& state, const Dataset& data) {
  const std::vector<int32_t> support = item_support(data.item_users);
  state.default_min_support = default_min_support(support);
  state.absent_items = zero_rows(state.model.item_factors);
  state.recommender = std::make_unique<Recommender>(state.model, support);
}
}  // namespace

Workspace::Workspace() = default;

// ---- memory ----

namespace {
std::string gigabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
  return text;
}

// what: the step in English; step: its code (memory.<step>), with `factors` for training.
MemoryCheck judge(uint64_t held, uint64_t peak, uint64_t budget, const std::string& what, const std::string& step,
                  int factors = 0) {
  MemoryCheck check;
  check.needed_bytes = held + peak;
  check.budget_bytes = budget;
  check.fits = budget == 0 || check.needed_bytes <= budget;
  if (!check.fits)
    check.message = what + " needs about " + gigabytes(check.needed_bytes) + " of memory (" + gigabytes(held) +
                    " held now + " + gigabytes(peak) + "), more than the " + gigabytes(budget) +
                    " this browser tab can give: try a smaller data set, fewer factors, or the command-line tool";
  if (!check.fits) {
    check.fault.code = "memory." + step;
    check.fault.number("needed", static_cast<double>(check.needed_bytes))
        .number("held", static_cast<double>(held))
        .number("peak", static_cast<double>(peak))
        .number("budget", static_cast<double>(budget));
    if (factors > 0) check.fault.number("factors", factors);
  }
  return check;
}
}  // namespace

// What the workspace holds now, by the same estimates (the raw ratings and
// the prepared data set, the current model).
uint64_t Workspace::held_bytes() const {
  uint64_t held = 0;
  if (data_) {
    const bool text_ids =
        raw_.ratings_format == FileFormat::kLastFmPlays || raw_.ratings_format == FileFormat::kGenericRatings;
    held += estimate_load_bytes_for_ratings(static_cast<int64_t>(raw_.ratings.size()), raw_.users.size(),
                                            raw_.items.size(), text_ids)
                .retained_bytes;
  }
  if (model_)
    held += estimate_training_bytes(model_->model.user_factors.rows(), model_->model.item_factors.rows(),
                                    model_->data->user_items.nnz(), model_->model.factors())
                .retained_bytes;
  return held + staged_bytes_;
}

MemoryCheck Workspace::check_load(uint64_t ratings_file_bytes, FileFormat format, uint64_t titles_file_bytes) const {
  const MemoryEstimate load = estimate_load_bytes(ratings_file_bytes, format, titles_file_bytes);
  return judge(held_bytes(), load.peak_bytes, memory_budget_, "loading these files", "load");
}

MemoryCheck Workspace::check_training(const AlsConfig& config, bool with_favorites) const {
  if (!data_) return {};
  // The threads training will use: the shared pool's in WebAssembly (as many
  // as the visitor's cores), else the config's (0: every hardware thread).
  const int threads = config.threads > 0                      ? config.threads
                      : ThreadPool::shared_pool_threads() > 0 ? ThreadPool::shared_pool_threads()
                                                              : ThreadPool::hardware_threads();
  // (With many threads the rows CG gathers, one per thread, matter: the longest one counts.)
  // ("Me" adds a short row, and one entry to some item rows.)
  int64_t longest_row = 0;
  for (const CsrMatrix* m : {&data_->user_items, &data_->item_users})
    for (int32_t r = 0; r < m->rows; ++r)
      longest_row = std::max<int64_t>(longest_row, m->row_size(r) + (with_favorites ? 1 : 0));
  const MemoryEstimate train =
      estimate_training_bytes(data_->user_count() + (with_favorites ? 1 : 0), data_->item_count(),
                              data_->user_items.nnz(), config.factors, threads, longest_row);
  return judge(held_bytes(), train.peak_bytes, memory_budget_,
               "training " + std::to_string(config.factors) + " factors", "train", config.factors);
}

MemoryCheck Workspace::check_comparison(const std::vector<ModelSettings>& models, int threads) const {
  if (!data_) return {};
  const int t = threads > 0                             ? threads
                : ThreadPool::shared_pool_threads() > 0 ? ThreadPool::shared_pool_threads()
                                                        : ThreadPool::hardware_threads();
  const int64_t nnz = data_->user_items.nnz();
  // The split: about one more copy of the ratings (train + test), with row pointers.
  uint64_t peak = static_cast<uint64_t>(nnz) * 8 + 2 * static_cast<uint64_t>(data_->user_count() + 1) * 8;
  uint64_t largest_extra = 0;
  // Popularity is always compared (ModelComparison adds it).
  std::vector<ModelSettings> all = models;
  all.push_back(ModelSettings::of(ModelKind::kPopular));
  for (const ModelSettings& m : all) {
    const MemoryEstimate e = estimate_model_training_bytes(m, data_->user_count(), data_->item_count(), nnz,
                                                           m.threads() > 0 ? m.threads() : t);
    peak += e.retained_bytes;
    largest_extra = std::max(largest_extra, e.peak_bytes - e.retained_bytes);
  }
  return judge(held_bytes(), peak + largest_extra, memory_budget_, "comparing these models", "compare");
}

// ---- loading ----

void Workspace::begin_load(const LoadOptions& options) {
  loader_ = std::make_unique<DatasetLoader>(options);
  load_threads_ = options.threads;
}

// Prepared on the load's threads (the transposes), the same data whatever their number.
Dataset Workspace::prepared(const RawInteractions& raw, const PrepareOptions& options) const {
  if (load_threads_ == 1) return prepare_dataset(raw, options);
  const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(load_threads_);
  return prepare_dataset(raw, options, pool.get());
}

void Workspace::begin_file(const std::string& name) {
  if (!loader_) throw std::logic_error("begin_load first");
  loader_->begin_file(name);
}

void Workspace::expect_file_bytes(uint64_t bytes) {
  if (!loader_) throw std::logic_error("begin_load first");
  loader_->expect_file_bytes(bytes);
}

void Workspace::feed(const char* bytes, size_t size) {
  if (!loader_) throw std::logic_error("begin_load first");
  loader_->feed(bytes, size);
}

const FileReport& Workspace::end_file() {
  if (!loader_) throw std::logic_error("begin_load first");
  return loader_->end_file();
}

PrepareOptions PrepareChoice::applied_to(PrepareOptions options) const {
  if (use_threshold) options.use_threshold = *use_threshold;
  if (min_value) options.min_value = *min_value;
  if (binary) options.value_mode = *binary ? ValueMode::kBinary : ValueMode::kRaw;
  return options;
}

namespace {
// The page's words for what to change (the threshold form, or other data).
void refuse_untrainable(const Dataset& data) {
  if (const std::optional<Untrainable> why = why_untrainable(data))
    throw UntrainableError(*why, why->threshold_helps ? "lower the threshold or turn it off"
                                                      : "load a data set with more users and items");
}
}  // namespace

void Workspace::finish_load(const PrepareChoice& choice) {
  if (!loader_) throw std::logic_error("begin_load first");
  std::unique_ptr<DatasetLoader> loader = std::move(loader_);
  RawInteractions raw = loader->finish();  // throws: the old data stay
  loader.reset();
  auto data =
      std::make_shared<const Dataset>(prepared(raw, choice.applied_to(default_prepare_options(raw.ratings_format))));
  refuse_untrainable(*data);  // throws: the old data stay
  raw_ = std::move(raw);
  data_ = std::move(data);
}

void Workspace::cancel_load() { loader_.reset(); }

void Workspace::prepare(const PrepareOptions& options) {
  if (raw_.ratings.empty()) throw std::logic_error("no data loaded");
  auto data = std::make_shared<const Dataset>(prepared(raw_, options));
  refuse_untrainable(*data);  // throws: the data set stays as it was
  data_ = std::move(data);
}

const Dataset& Workspace::data() const {
  if (!data_) throw std::logic_error("no data loaded");
  return *data_;
}

// ---- training ----

void Workspace::start_training(const AlsConfig& config, const Favorites* with_favorites) {
  if (!data_) throw std::logic_error("load data before training");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to train on: the threshold filtered out every rating");
  const MemoryCheck memory = check_training(config, with_favorites != nullptr);
  if (!memory.fits) throw MemoryLimitError(memory);
  std::shared_ptr<const Dataset> data = data_;
  const uint64_t fingerprint = data_fingerprint(*data_);
  throw_if_cancelled();  // (each step takes a while on big data)
  if (with_favorites) {
    if (with_favorites->items.empty()) throw std::invalid_argument("add favorites before training with them");
    std::string id = "me";
    while (data->users.find(id) != IdMap::kMissing) id += "'";
    data = std::make_shared<const Dataset>(with_added_user(*data, id, with_favorites->items, with_favorites->values));
    throw_if_cancelled();
  }
  trainer_ = std::make_unique<AlsTrainer>(data->user_items, config, &data->item_users);
  training_data_ = std::move(data);
  training_includes_me_ = with_favorites != nullptr;
  training_fingerprint_ = fingerprint;
}

bool Workspace::advance_training(double budget_seconds) {
  if (!trainer_) throw std::logic_error("no training in progress");
  auto state = std::make_unique<ModelState>();
  try {
    trainer_->advance(budget_seconds);
    if (!trainer_->done()) return false;
    state->model = trainer_->take_model();
    attach_recommender(*state, *training_data_);
  } catch (...) {
    cancel_training();  // a diverged run is dropped; the previous model stays
    throw;
  }
  state->data = std::move(training_data_);
  state->includes_me = training_includes_me_;
  state->data_fingerprint = training_fingerprint_;
  model_ = std::move(state);
  trainer_.reset();
  return true;
}

const TrainingProgress& Workspace::training_progress() const {
  if (!trainer_) throw std::logic_error("no training in progress");
  return trainer_->progress();
}

int Workspace::training_threads() const { return trainer_ ? trainer_->threads() : 0; }

void Workspace::cancel_training() {
  trainer_.reset();
  training_data_.reset();
}

// ---- queries ----

const ModelState& Workspace::model() const {
  if (!model_) throw no_model();
  return *model_;
}

std::vector<RecommendationRow> Workspace::recommend(const Favorites& favorites, const RecommendOptions& options) const {
  const Recommender& r = *model().recommender;
  const Favorites clean = clean_user_items(favorites, r.item_count());
  const std::vector<float> me = r.fold_in(clean);
  RecommendOptions o = options;
  o.min_support = resolve_min_support(options.min_support);
  o.exclude.insert(o.exclude.end(), clean.items.begin(), clean.items.end());
  o.exclude.insert(o.exclude.end(), model().absent_items.begin(), model().absent_items.end());
  const std::vector<ScoredItem> recommended = r.recommend(me.data(), o);
  std::vector<int32_t> items;
  for (const ScoredItem& s : recommended) items.push_back(s.id);
  const std::vector<Explanation> explanations = r.explain(clean, items);
  std::vector<RecommendationRow> rows;
  for (size_t k = 0; k < recommended.size(); ++k) rows.push_back({recommended[k], explanations[k]});
  return rows;
}

std::vector<ScoredItem> Workspace::similar_items(int32_t item, int count, int32_t min_support) const {
  SimilarOptions o;
  o.count = count;
  o.include_self = false;
  o.min_support = resolve_min_support(min_support);
  o.support_shrinkage = support_shrinkage_for(o.min_support);  // the rare-item rule's second half
  return model().recommender->similar_items(item, o);
}

int32_t Workspace::resolve_min_support(int32_t min_support) const {
  return min_support == kUseDefaultMinSupport ? model().default_min_support : std::max(0, min_support);
}

std::vector<ScoredItem> Workspace::similar_users(int32_t user, int count) const {
  return model().recommender->similar_users(user, count, false);
}

Workspace::Preference Workspace::predicted_preference(const Favorites& favorites, int32_t item) const {
  const ModelState& m = model();
  const Recommender& r = *m.recommender;
  if (item < 0 || item >= r.item_count()) throw std::out_of_range("predicted preference: item outside the model");
  const std::vector<float> me = r.fold_in(favorites);
  const int f = m.model.factors();
  const float* y = m.model.item_factors.row(item);
  return {r.predicted_preference(me.data(), item), std::vector<float>(me.begin(), me.begin() + f),
          std::vector<float>(y, y + f)};
}

Explanation Workspace::explain(const Favorites& favorites, int32_t item) const {
  return model().recommender->explain(favorites, item);
}

std::vector<ScoredItem> Workspace::popular(int count, const std::vector<int32_t>& exclude) const {
  const ModelState& m = model();
  std::vector<int64_t> counts(m.data->item_count());
  for (int32_t i = 0; i < m.data->item_count(); ++i) counts[i] = m.data->item_users.row_size(i);
  RecommendOptions o;
  o.count = count;
  o.exclude = exclude;
  return Recommender::popular(counts, o);
}

// ---- evaluation ----

void Workspace::start_evaluation(const AlsConfig& config, double test_fraction, int k, uint64_t seed,
                                 bool with_current_model) {
  if (!data_) throw std::logic_error("load data before evaluating");
  if (k < 1) throw std::invalid_argument("K must be at least 1");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to evaluate: the threshold filtered out every rating");
  auto e = std::make_unique<Evaluation>();
  e->split = train_test_split(data_->user_items, 1.0 - test_fraction, seed);
  if (e->split.test.nnz() == 0) throw std::invalid_argument("the test split is empty: the data set is too small");
  throw_if_cancelled();
  e->trainer = std::make_unique<AlsTrainer>(e->split.train, config);
  e->k = k;
  // The current model's rows must be the users of these data, in this order.
  e->with_current_model = with_current_model && model_ && model_->data == data_;
  e->pool = ThreadPool::for_job(config.threads);
  // Rough operation counts: CG passes over the ratings vs scoring every test user against every item.
  int64_t test_users = 0;
  for (int32_t u = 0; u < e->split.test.rows; ++u) test_users += e->split.test.row_size(u) > 0;
  e->training_work =
      2.0 * config.iterations * static_cast<double>(e->split.train.nnz()) * config.factors * (config.cg_steps + 1);
  e->scoring_work = static_cast<double>(test_users) * e->split.train.cols * config.factors;
  evaluation_ = std::move(e);
}

bool Workspace::advance_evaluation(double budget_seconds) {
  if (!evaluation_) throw std::logic_error("no evaluation in progress");
  Evaluation& e = *evaluation_;
  try {
    if (!e.scoring) {
      e.trainer->advance(budget_seconds);
      if (!e.trainer->done()) return false;
      e.model = e.trainer->take_model();
      e.scoring = std::make_unique<ModelEvaluation>(e.model, e.split, e.k);
      return false;  // the rankings start with the next slice
    }
    e.scoring->advance(budget_seconds, *e.pool);
    if (!e.scoring->done()) return false;
    EvaluationResult result;
    result.model = e.scoring->model_metrics();
    result.popularity = e.scoring->popularity_metrics();
    if (e.with_current_model && model_ && model_->data == data_) {
      result.has_current_model = true;
      result.current_model = evaluate_model(model_->model, e.split, e.k, *e.pool);
    }
    result.train_interactions = e.split.train.nnz();
    result.test_interactions = e.split.test.nnz();
    evaluation_result_ = result;
  } catch (...) {
    evaluation_.reset();
    throw;
  }
  evaluation_.reset();
  return true;
}

TrainingProgress Workspace::evaluation_progress() const {
  if (!evaluation_) throw std::logic_error("no evaluation in progress");
  const Evaluation& e = *evaluation_;
  TrainingProgress p = e.trainer->progress();
  const double trained = e.scoring ? 1.0 : p.fraction;
  const double scored = e.scoring && e.scoring->users() > 0
                            ? static_cast<double>(e.scoring->users_done()) / static_cast<double>(e.scoring->users())
                            : 0.0;
  p.fraction = (trained * e.training_work + scored * e.scoring_work) / (e.training_work + e.scoring_work);
  return p;
}

Workspace::EvaluationScoring Workspace::evaluation_scoring() const {
  if (!evaluation_ || !evaluation_->scoring) return {};
  return {true, evaluation_->scoring->users_done(), evaluation_->scoring->users()};
}

void Workspace::cancel_evaluation() { evaluation_.reset(); }

// ---- comparing model kinds ----

void Workspace::start_comparison(std::vector<ModelSettings> models, double test_fraction, int k, uint64_t seed,
                                 int threads) {
  if (!data_) throw std::logic_error("load data before comparing models");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to compare on: the threshold filtered out every rating");
  std::string not_ratings = explain_why_not_ratings(data_->format, data_->user_items);
  if (not_ratings.empty() && data_->options.value_mode == ValueMode::kBinary)
    not_ratings = "these data were prepared as binary (every kept rating is 1)";
  // (Checked before the last comparison is let go: refused, it stays. Its
  // models are not counted as held: they go before the new ones come.)
  const MemoryCheck memory = check_comparison(models, threads);
  if (!memory.fits) throw MemoryLimitError(memory);
  comparison_.reset();
  comparison_data_ = data_;
  comparison_ = std::make_unique<ModelComparison>(comparison_data_->user_items, std::move(models), test_fraction, k,
                                                  seed, threads, not_ratings);
}

bool Workspace::advance_comparison(double budget_seconds) {
  if (!comparison_) throw std::logic_error("no comparison in progress");
  comparison_->advance(budget_seconds);
  return comparison_->done();
}

const ModelComparison& Workspace::comparison() const {
  if (!comparison_) throw std::logic_error("no models compared yet");
  return *comparison_;
}

void Workspace::skip_compared_model(size_t index) {
  if (!comparison_) throw std::logic_error("no comparison in progress");
  comparison_->skip(index);
}

void Workspace::cancel_comparison() {
  comparison_.reset();
  comparison_data_.reset();
}

const ComparedModel& Workspace::compared_model(size_t index) const {
  const ModelComparison& c = comparison();
  if (index >= c.models().size()) throw std::out_of_range("no compared model " + std::to_string(index));
  const ComparedModel& m = c.models()[index];
  if (!m.model) throw std::logic_error(std::string(model_kind_title(m.settings.kind)) + " has no trained model");
  return m;
}

std::vector<RecommendationRow> Workspace::compared_recommendations(size_t index, const Favorites& favorites,
                                                                   int count) const {
  const RecommenderModel& model = *compared_model(index).model;
  const Favorites clean = clean_user_items(favorites, model.item_count());
  RecommendOptions o;
  o.count = count;
  o.min_support = default_min_support(model.item_support());
  const std::vector<ScoredItem> recommended = model.recommend(clean, o);
  std::vector<int32_t> items;
  for (const ScoredItem& s : recommended) items.push_back(s.id);
  std::vector<Explanation> explanations(items.size());
  if (model.explainability().exact && !clean.items.empty()) explanations = model.explain(clean, items);
  for (size_t k = 0; k < items.size(); ++k) explanations[k].score = recommended[k].score;  // no shares: the score
  std::vector<RecommendationRow> rows;
  for (size_t k = 0; k < recommended.size(); ++k) rows.push_back({recommended[k], explanations[k]});
  return rows;
}

std::vector<ScoredItem> Workspace::compared_similar_items(size_t index, int32_t item, int count,
                                                          int32_t min_support) const {
  const ComparedModel& m = compared_model(index);
  const RecommenderModel& model = *m.model;
  if (!model.has_similar_items())
    throw std::invalid_argument(std::string(model_kind_title(m.settings.kind)) +
                                " has no similar items: it ranks every item the same way for everyone");
  SimilarOptions o;
  o.count = count;
  o.include_self = false;
  o.min_support =
      min_support == kUseDefaultMinSupport ? default_min_support(model.item_support()) : std::max(0, min_support);
  o.support_shrinkage = support_shrinkage_for(o.min_support);
  return model.similar_items(item, o);
}

// ---- tuning ----

void Workspace::start_tuning(TuningOptions options, double test_fraction, uint64_t split_seed) {
  if (!data_) throw std::logic_error("load data before tuning");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to tune on: the threshold filtered out every rating");
  if (!(test_fraction > 0 && test_fraction < 1))
    throw std::invalid_argument("the test fraction must be between 0 and 1");
  tuning_.reset();  // a run in progress or the last report: replaced
  options.search_scaling = values_look_like_counts(data_->user_items);
  if (memory_budget_ > 0) {
    // Next to what is held: the two splits (about two copies of the ratings)
    // and, per trainer alive at once, what training takes.
    const uint64_t splits =
        2 * static_cast<uint64_t>(data_->user_items.nnz()) * 8 + 4 * static_cast<uint64_t>(data_->user_count()) * 8;
    const uint64_t held = held_bytes() + splits;
    const MemoryCheck one = judge(
        held,
        estimate_training_bytes(data_->user_count(), data_->item_count(), data_->user_items.nnz(), 256, 2).peak_bytes,
        memory_budget_, "tuning", "tune");
    if (!one.fits) throw MemoryLimitError(one);
    options.memory_budget_bytes = memory_budget_ - held;
  }
  tuning_ = std::make_unique<TuningRun>(train_test_split(data_->user_items, 1.0 - test_fraction, split_seed), options);
}

bool Workspace::advance_tuning(double budget_seconds) {
  if (!tuning()) throw std::logic_error("no tuning in progress");
  try {
    tuning_->advance(budget_seconds);
  } catch (...) {
    tuning_.reset();
    throw;
  }
  return tuning_->done();
}

const TuningRun& Workspace::tuning_run() const {
  if (!tuning_) throw std::logic_error("no tuning run yet");
  return *tuning_;
}

void Workspace::cancel_tuning() { tuning_.reset(); }

// ---- model files ----

std::string Workspace::save_model(bool include_interactions) const {
  const ModelState& m = model();
  return als::save_model(m.model, *m.data, include_interactions, {m.includes_me, m.data_fingerprint});
}

bool Workspace::load_model(std::string_view bytes) {
  SavedModel saved = als::load_model(bytes);  // throws: the current model stays
  if (saved.kind != ModelKind::kAls)
    throw ModelFileError(std::string("this file holds a ") + model_kind_title(saved.kind) +
                             " model; the page answers with ALS models (compare the other kinds in Compare models, "
                             "or use the file with the command line: als recommend --model FILE)",
                         FaultCode{"model.otherKind"}.text("kind", model_kind_name(saved.kind)));
  const bool matches = data_ && data_fingerprint(*data_) == saved.data_fingerprint;
  auto state = std::make_unique<ModelState>();
  state->model = std::move(saved.model);
  if (matches && !saved.has_interactions && !saved.includes_me) {
    state->data = data_;  // the loaded data hold the interactions the file left out
  } else {
    state->data = std::make_shared<const Dataset>(std::move(saved.data));
  }
  state->from_file = true;
  state->imported = !state->model.origin.empty();
  state->includes_me = saved.includes_me;
  state->data_fingerprint = saved.data_fingerprint;
  attach_recommender(*state, *state->data);
  model_ = std::move(state);
  return matches;
}

// ---- models trained elsewhere ----

void Workspace::begin_import(uint64_t total_bytes) {
  clear_import();
  if (!data_) throw std::logic_error("load the data set the model was trained on first: the model file has no ids");
  // At the peak the members and the model built from them (at most about
  // twice their size: rows padded to 16 floats) are alive next to what is held.
  const MemoryCheck check = judge(held_bytes(), 3 * total_bytes, memory_budget_, "importing this model", "import");
  if (!check.fits) throw MemoryLimitError(check);
  staged_limit_ = total_bytes;
}

std::vector<uint8_t>& Workspace::import_buffer(const std::string& member, uint64_t size) {
  if (staged_bytes_ + size > staged_limit_) throw std::logic_error("import: more bytes than begin_import announced");
  std::vector<uint8_t>& buffer = staged_[member];
  staged_bytes_ += size;
  buffer.resize(static_cast<size_t>(size));
  return buffer;
}

std::vector<uint8_t>& Workspace::import_buffer_of(const std::string& member) {
  auto it = staged_.find(member);
  if (it == staged_.end()) throw std::logic_error("import: no member " + member + " was staged");
  return it->second;
}

std::map<std::string, std::string_view> Workspace::staged_members() const {
  std::map<std::string, std::string_view> members;
  for (const auto& [name, bytes] : staged_)
    members.emplace(name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return members;
}

void Workspace::adopt_imported(AlsModel model, const ModelFit& fit) {
  auto state = std::make_unique<ModelState>();
  state->model = std::move(model);
  state->data = data_;
  state->imported = true;
  state->fit = fit;
  state->data_fingerprint = data_fingerprint(*data_);
  attach_recommender(*state, *data_);
  model_ = std::move(state);
}

Workspace::ImportOutcome Workspace::import_implicit(std::optional<RowConvention> convention) {
  if (!data_) throw std::logic_error("load the data set the model was trained on first: the model file has no ids");
  if (staged_.empty()) throw std::logic_error("no model file is being imported: choose the model file again");
  ImportOutcome outcome;
  try {
    const std::map<std::string, std::string_view> members = staged_members();
    const ImplicitArrays arrays = read_implicit_arrays(members);
    std::string why_not;
    outcome.choices = implicit_conventions(arrays, *data_, &why_not);
    if (outcome.choices.empty()) throw ModelImportError(why_not, FaultCode("import.otherData").text("detail", why_not));
    const ConventionChoice* chosen = nullptr;
    if (convention) {
      for (const ConventionChoice& c : outcome.choices)
        for (RowConvention k : c.conventions)
          if (k == *convention) chosen = &c;
      if (!chosen) {
        std::string fitting;
        for (const ConventionChoice& c : outcome.choices)
          for (RowConvention k : c.conventions)
            fitting += std::string(fitting.empty() ? "" : ", ") + row_convention_name(k);
        std::string why;
        map_rows(*convention, *data_, arrays.user_factors.shape[0], arrays.item_factors.shape[0], &why);
        throw ModelImportError(std::string("rows = ") + row_convention_name(*convention) + " does not fit: " + why +
                               " (what fits: " + fitting + ")");
      }
    } else if (outcome.choices.size() == 1) {
      chosen = &outcome.choices.front();
    } else {
      return outcome;  // the caller asks which; the members stay staged
    }
    AlsModel model = implicit_model(arrays, *chosen);
    outcome.fit = chosen->fit;
    clear_import();  // before building the recommender: the members are no longer needed
    adopt_imported(std::move(model), outcome.fit);
    outcome.adopted = true;
    return outcome;
  } catch (...) {
    clear_import();  // the previous model stays
    throw;
  }
}

Workspace::ImportOutcome Workspace::import_spark(const SparkSettings& settings) {
  if (!data_) throw std::logic_error("load the data set the model was trained on first");
  ImportOutcome outcome;
  try {
    auto column = [&](const std::string& name, auto element) {
      using T = decltype(element);
      auto it = staged_.find(name);
      if (it == staged_.end())
        throw ModelImportError("the Spark model has no " + name.substr(0, name.find('.')) + " column");
      if (it->second.size() % sizeof(T) != 0) throw ModelImportError(name + ": a partial value at the end");
      std::vector<T> values(it->second.size() / sizeof(T));
      if (!values.empty()) std::memcpy(values.data(), it->second.data(), it->second.size());
      it->second = std::vector<uint8_t>();
      return values;
    };
    SparkFactors users{column("userFactors.id", int32_t{}), column("userFactors.features", float{})};
    SparkFactors items{column("itemFactors.id", int32_t{}), column("itemFactors.features", float{})};
    clear_import();
    SparkImport imported = spark_model(users, items, settings, *data_);
    outcome.fit = imported.fit;
    outcome.users_not_in_data = imported.users_not_in_data;
    outcome.items_not_in_data = imported.items_not_in_data;
    adopt_imported(std::move(imported.model), outcome.fit);
    outcome.adopted = true;
    return outcome;
  } catch (...) {
    clear_import();
    throw;
  }
}

std::vector<std::pair<std::string, std::string>> Workspace::export_implicit() const {
  return implicit_npz_entries(model().model);
}

}  // namespace als
