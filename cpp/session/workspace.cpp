#include "session/workspace.h"

#include <cstdio>
#include <stdexcept>

#include "session/memory_estimate.h"

namespace als {

namespace {
std::logic_error no_model() { return std::logic_error("no model yet: train one or load a model file"); }
}  // namespace

Workspace::Workspace() = default;

// ---- memory ----

namespace {
std::string gigabytes(uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
  return text;
}

MemoryCheck judge(uint64_t held, uint64_t peak, uint64_t budget, const std::string& what) {
  MemoryCheck check;
  check.needed_bytes = held + peak;
  check.budget_bytes = budget;
  check.fits = budget == 0 || check.needed_bytes <= budget;
  if (!check.fits)
    check.message = what + " needs about " + gigabytes(check.needed_bytes) + " of memory (" + gigabytes(held) +
                    " held now + " + gigabytes(peak) + "), more than the " + gigabytes(budget) +
                    " this browser tab can give: try a smaller data set, fewer factors, or the command-line tool";
  return check;
}
}  // namespace

// What the workspace holds now, by the same estimates (the raw ratings and
// the prepared data set, the current model).
uint64_t Workspace::held_bytes() const {
  uint64_t held = 0;
  if (data_) {
    const bool text_ids = raw_.ratings_format == FileFormat::kLastFmPlays || raw_.ratings_format == FileFormat::kGenericRatings;
    held += estimate_load_bytes_for_ratings(static_cast<int64_t>(raw_.ratings.size()), raw_.users.size(), raw_.items.size(),
                                            text_ids).retained_bytes;
  }
  if (model_)
    held += estimate_training_bytes(model_->model.user_factors.rows(), model_->model.item_factors.rows(),
                                    model_->data->user_items.nnz(), model_->model.factors()).retained_bytes;
  return held;
}

MemoryCheck Workspace::check_load(uint64_t ratings_file_bytes, FileFormat format, uint64_t titles_file_bytes) const {
  const MemoryEstimate load = estimate_load_bytes(ratings_file_bytes, format, titles_file_bytes);
  return judge(held_bytes(), load.peak_bytes, memory_budget_, "loading these files");
}

MemoryCheck Workspace::check_training(const AlsConfig& config, bool with_favorites) const {
  if (!data_) return {};
  const MemoryEstimate train = estimate_training_bytes(data_->user_count() + (with_favorites ? 1 : 0), data_->item_count(),
                                                       data_->user_items.nnz(), config.factors,
                                                       config.threads > 0 ? config.threads : 2);
  return judge(held_bytes(), train.peak_bytes, memory_budget_, "training " + std::to_string(config.factors) + " factors");
}

// ---- loading ----

void Workspace::begin_load(const LoadOptions& options) { loader_ = std::make_unique<DatasetLoader>(options); }

void Workspace::begin_file(const std::string& name) {
  if (!loader_) throw std::logic_error("begin_load first");
  loader_->begin_file(name);
}

void Workspace::feed(const char* bytes, size_t size) {
  if (!loader_) throw std::logic_error("begin_load first");
  loader_->feed(bytes, size);
}

const FileReport& Workspace::end_file() {
  if (!loader_) throw std::logic_error("begin_load first");
  return loader_->end_file();
}

void Workspace::finish_load() {
  if (!loader_) throw std::logic_error("begin_load first");
  std::unique_ptr<DatasetLoader> loader = std::move(loader_);
  RawInteractions raw = loader->finish();  // throws: the old data stay
  loader.reset();
  auto data = std::make_shared<const Dataset>(prepare_dataset(raw, default_prepare_options(raw.ratings_format)));
  raw_ = std::move(raw);
  data_ = std::move(data);
}

void Workspace::cancel_load() { loader_.reset(); }

void Workspace::prepare(const PrepareOptions& options) {
  if (raw_.ratings.empty()) throw std::logic_error("no data loaded");
  data_ = std::make_shared<const Dataset>(prepare_dataset(raw_, options));
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
  if (!memory.fits) throw MemoryLimitError(memory.message);
  std::shared_ptr<const Dataset> data = data_;
  const uint64_t fingerprint = data_fingerprint(*data_);
  if (with_favorites) {
    if (with_favorites->items.empty()) throw std::invalid_argument("add favorites before training with them");
    std::string id = "me";
    while (data->users.find(id) != IdMap::kMissing) id += "'";
    data = std::make_shared<const Dataset>(with_added_user(*data, id, with_favorites->items, with_favorites->values));
  }
  trainer_ = std::make_unique<AlsTrainer>(data->user_items, config);
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
    state->recommender = std::make_unique<Recommender>(state->model);  // throws when the factors overflow
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
  o.exclude.insert(o.exclude.end(), clean.items.begin(), clean.items.end());
  const std::vector<ScoredItem> recommended = r.recommend(me.data(), o);
  std::vector<int32_t> items;
  for (const ScoredItem& s : recommended) items.push_back(s.id);
  const std::vector<Explanation> explanations = r.explain(clean, items);
  std::vector<RecommendationRow> rows;
  for (size_t k = 0; k < recommended.size(); ++k) rows.push_back({recommended[k], explanations[k]});
  return rows;
}

std::vector<ScoredItem> Workspace::similar_items(int32_t item, int count) const {
  return model().recommender->similar_items(item, count, false);
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

void Workspace::start_evaluation(const AlsConfig& config, double test_fraction, int k, uint64_t seed) {
  if (!data_) throw std::logic_error("load data before evaluating");
  if (k < 1) throw std::invalid_argument("K must be at least 1");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to evaluate: the threshold filtered out every rating");
  auto e = std::make_unique<Evaluation>();
  e->split = train_test_split(data_->user_items, 1.0 - test_fraction, seed);
  if (e->split.test.nnz() == 0) throw std::invalid_argument("the test split is empty: the data set is too small");
  e->trainer = std::make_unique<AlsTrainer>(e->split.train, config);
  e->k = k;
  evaluation_ = std::move(e);
}

bool Workspace::advance_evaluation(double budget_seconds) {
  if (!evaluation_) throw std::logic_error("no evaluation in progress");
  Evaluation& e = *evaluation_;
  try {
    e.trainer->advance(budget_seconds);
    if (!e.trainer->done()) return false;
    const AlsModel model = e.trainer->take_model();
    const std::shared_ptr<ThreadPool> pool = ThreadPool::for_job(model.config.threads);
    EvaluationResult result;
    result.model = evaluate_model(model, e.split, e.k, *pool);
    result.popularity = evaluate_popularity(e.split, e.k, *pool);
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

const TrainingProgress& Workspace::evaluation_progress() const {
  if (!evaluation_) throw std::logic_error("no evaluation in progress");
  return evaluation_->trainer->progress();
}

void Workspace::cancel_evaluation() { evaluation_.reset(); }

// ---- tuning ----

void Workspace::start_tuning(TuningOptions options, double test_fraction, uint64_t split_seed) {
  if (!data_) throw std::logic_error("load data before tuning");
  if (data_->user_items.nnz() == 0)
    throw std::invalid_argument("nothing to tune on: the threshold filtered out every rating");
  if (!(test_fraction > 0 && test_fraction < 1)) throw std::invalid_argument("the test fraction must be between 0 and 1");
  tuning_.reset();  // a run in progress or the last report: replaced
  options.search_scaling = values_look_like_counts(data_->user_items);
  if (memory_budget_ > 0) {
    // Next to what is held: the two splits (about two copies of the ratings)
    // and, per trainer alive at once, what training takes.
    const uint64_t splits = 2 * static_cast<uint64_t>(data_->user_items.nnz()) * 8 + 4 * static_cast<uint64_t>(data_->user_count()) * 8;
    const uint64_t held = held_bytes() + splits;
    const MemoryCheck one = judge(held, estimate_training_bytes(data_->user_count(), data_->item_count(), data_->user_items.nnz(),
                                                                 256, 2).peak_bytes, memory_budget_, "tuning");
    if (!one.fits) throw MemoryLimitError(one.message);
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
  const bool matches = data_ && data_fingerprint(*data_) == saved.data_fingerprint;
  auto state = std::make_unique<ModelState>();
  state->model = std::move(saved.model);
  if (matches && !saved.has_interactions && !saved.includes_me) {
    state->data = data_;  // the loaded data hold the interactions the file left out
  } else {
    state->data = std::make_shared<const Dataset>(std::move(saved.data));
  }
  state->from_file = true;
  state->includes_me = saved.includes_me;
  state->data_fingerprint = saved.data_fingerprint;
  state->recommender = std::make_unique<Recommender>(state->model);
  model_ = std::move(state);
  return matches;
}

}  // namespace als
