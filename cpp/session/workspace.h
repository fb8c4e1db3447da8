// Everything one visitor works on, in one place, for the web worker (through
// the bindings) and the tests: the data read so far, the prepared data set,
// a training run in progress, and the current model.
//
// Nothing the user has is lost by a failure: a new data set replaces the old
// one only once it loaded without error; a new model replaces the old one
// only once training finished; a model file replaces the model only once it
// was read completely. Long work (loading, training, evaluating) is done in
// steps so the worker can answer messages and cancel between them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "als/als_trainer.h"
#include "core/fault_code.h"
#include "data/dataset.h"
#include "eval/evaluate.h"
#include "eval/model_comparison.h"
#include "io/dataset_loader.h"
#include "model/implicit_model.h"
#include "model/model_file.h"
#include "model/spark_model.h"
#include "queries/item_support.h"
#include "queries/recommender.h"
#include "tuning/tuning_run.h"

namespace als {

struct ModelState {
  std::shared_ptr<const Dataset> data;  // the data the model was trained on (ids, titles, interactions)
  AlsModel model;
  std::unique_ptr<Recommender> recommender;
  bool includes_me = false;       // trained with the favorites added as a user
  uint64_t data_fingerprint = 0;  // of the data set it belongs to (without "me")
  bool from_file = false;
  int32_t default_min_support = 0;    // default_min_support() of the model's data (queries/item_support.h)
  bool imported = false;              // trained elsewhere (implicit, Spark) and matched to the data
  ModelFit fit;                       // how it was matched (imported models)
  std::vector<int32_t> absent_items;  // items without a row in the model (all-zero rows): never recommended
};

// Refused up front: the work would need more memory than the budget.
struct MemoryCheck {
  bool fits = true;
  uint64_t needed_bytes = 0;  // what is held now + the step's peak
  uint64_t budget_bytes = 0;  // 0: no limit
  std::string message;        // why not, with the numbers
  FaultCode fault;            // the same for the page (memory.load | .train | .tune | .import)
};

class MemoryLimitError : public std::runtime_error {
 public:
  explicit MemoryLimitError(const MemoryCheck& check) : std::runtime_error(check.message), fault(check.fault) {}
  FaultCode fault;
};

// What the visitor chose over a format's default preparation (the threshold
// form on the page); unset fields keep the default.
struct PrepareChoice {
  std::optional<bool> use_threshold;
  std::optional<double> min_value;
  std::optional<bool> binary;
  PrepareOptions applied_to(PrepareOptions options) const;
};

// A favorites list: item indices of the model's data set, with ratings.
using Favorites = UserItems;

struct RecommendationRow {
  ScoredItem item;
  Explanation explanation;  // explanation.score == item.score up to float rounding
};

class Workspace {
 public:
  Workspace();

  // ---- memory ----
  // The most heap the workspace may use (the wasm heap limit); 0: no limit.
  void set_memory_budget(uint64_t bytes) { memory_budget_ = bytes; }
  // Would loading a ratings file of this size (and titles) fit, next to what is held now?
  MemoryCheck check_load(uint64_t ratings_file_bytes, FileFormat format, uint64_t titles_file_bytes) const;
  // Would training with these settings fit? start_training refuses when not.
  MemoryCheck check_training(const AlsConfig& config, bool with_favorites) const;
  // Comparing `models` keeps each trained model (for the lists of "for me")
  // beside the split: all of them retained, plus the largest training peak.
  MemoryCheck check_comparison(const std::vector<ModelSettings>& models, int threads = 0) const;

  // ---- loading (streamed) ----
  void begin_load(const LoadOptions& options);
  void begin_file(const std::string& name);
  void expect_file_bytes(uint64_t bytes);  // optional: the file's size, see DatasetLoader
  void feed(const char* bytes, size_t size);
  const FileReport& end_file();
  // Finishes loading and prepares with the format's default options (and
  // the choice made over them). On success the new data replace the old; on
  // error the old data stay: unreadable files (ParseError), or a data set
  // that cannot be trained (UntrainableError: fewer than 2 users or items
  // after the threshold). Nothing of the refused files is kept: the page
  // offers to load them again with another threshold.
  void finish_load(const PrepareChoice& choice = {});
  void cancel_load();
  bool loading() const { return static_cast<bool>(loader_); }

  // Re-prepares the loaded data with other options (threshold, ...); refuses
  // (UntrainableError) options that leave nothing to train, keeping the data
  // set as it was.
  void prepare(const PrepareOptions& options);
  bool has_data() const { return static_cast<bool>(data_); }
  const Dataset& data() const;
  const RawInteractions& raw() const { return raw_; }

  // ---- training (stepped) ----
  // with_favorites: the tutorial's way, "me" added to the data as a user.
  void start_training(const AlsConfig& config, const Favorites* with_favorites = nullptr);
  bool training() const { return static_cast<bool>(trainer_); }
  // Advances training; returns true when it has finished and the model was replaced.
  bool advance_training(double budget_seconds);
  const TrainingProgress& training_progress() const;
  int training_threads() const;
  void cancel_training();

  // ---- the model ----
  bool has_model() const { return static_cast<bool>(model_); }
  const ModelState& model() const;
  const Dataset& model_data() const { return *model().data; }

  // options.min_support / min_support: kUseDefaultMinSupport (the model's
  // default rule), 0 (every item: the raw output), or a minimum.
  std::vector<RecommendationRow> recommend(const Favorites& favorites, const RecommendOptions& options) const;
  std::vector<ScoredItem> similar_items(int32_t item, int count, int32_t min_support = kUseDefaultMinSupport) const;
  int32_t resolve_min_support(int32_t min_support) const;
  std::vector<ScoredItem> similar_users(int32_t user, int count) const;
  struct Preference {
    float score = 0;                 // x_me·y_item
    std::vector<float> user_vector;  // x_me (the folded-in favorites), f values
    std::vector<float> item_vector;  // y_item, f values
  };
  Preference predicted_preference(const Favorites& favorites, int32_t item) const;
  Explanation explain(const Favorites& favorites, int32_t item) const;
  std::vector<ScoredItem> popular(int count, const std::vector<int32_t>& exclude) const;

  // ---- models trained elsewhere (implicit's .npz, Spark's ALSModel) ----
  // Starts an import of members totalling `total_bytes`; refused up front
  // (MemoryLimitError, with the numbers) when it would not fit the budget.
  void begin_import(uint64_t total_bytes);
  // Room for one member's bytes (an .npy of the .npz; for Spark the columns
  // "userFactors.id" int32, "userFactors.features" float32, and the same for items).
  std::vector<uint8_t>& import_buffer(const std::string& member, uint64_t size);
  std::vector<uint8_t>& import_buffer_of(const std::string& member);  // one staged before
  void clear_import() {
    staged_.clear();
    staged_bytes_ = 0;
  }
  struct ImportOutcome {
    bool adopted = false;                                  // the imported model now answers every query
    std::vector<ConventionChoice> choices;                 // the conventions that fit (to choose from when not adopted)
    ModelFit fit;                                          // of the adopted model
    int64_t users_not_in_data = 0, items_not_in_data = 0;  // Spark: model rows the data lack
  };
  // implicit: with no convention given, adopts when the sizes leave one
  // choice and otherwise returns the choices (the members stay staged for
  // the next call). On failure the previous model stays.
  ImportOutcome import_implicit(std::optional<RowConvention> convention);
  ImportOutcome import_spark(const SparkSettings& settings);
  // here -> implicit: the .npz members and what implicit cannot reproduce.
  std::vector<std::pair<std::string, std::string>> export_implicit() const;

  // ---- evaluation (stepped: trains a model on the training split) ----
  // with_current_model: also score the current model on the same test split
  // (honest only for a model that never saw those ratings: for one trained
  // on all the data, imported or not, the score is optimistic).
  void start_evaluation(const AlsConfig& config, double test_fraction, int k, uint64_t seed,
                        bool with_current_model = false);
  bool evaluating() const { return static_cast<bool>(evaluation_); }
  bool advance_evaluation(double budget_seconds);  // true when the metrics are ready
  // Training on the split, then scoring every test user (fraction: of both).
  TrainingProgress evaluation_progress() const;
  struct EvaluationScoring {
    bool started = false;               // training is done, the test users are being scored
    int64_t users_done = 0, users = 0;  // model and baseline rankings, each user counted twice
  };
  EvaluationScoring evaluation_scoring() const;
  void cancel_evaluation();
  struct EvaluationResult {
    RankingMetrics model, popularity;
    bool has_current_model = false;
    RankingMetrics current_model;  // the model that answers, on the same test split (trained on all the data)
    int64_t train_interactions = 0, test_interactions = 0;
  };
  const EvaluationResult& evaluation_result() const { return evaluation_result_; }

  // ---- tuning (stepped: settings searched on a validation split carved
  // from the training part, then compared on the test split) ----
  // The split is the evaluation's (same fraction and seed -> the same test
  // split as start_evaluation). The scaling is searched too when the values
  // look like play counts. The current model is never touched.
  void start_tuning(TuningOptions options, double test_fraction, uint64_t split_seed);
  bool tuning() const { return tuning_ && !tuning_->done(); }
  bool advance_tuning(double budget_seconds);  // true when the comparison is ready
  const TuningRun& tuning_run() const;         // the run in progress, or the last finished one
  void cancel_tuning();

  // ---- comparing model kinds (stepped; on the evaluation's split for the
  // same fraction and seed; the current model is never touched) ----
  void start_comparison(std::vector<ModelSettings> models, double test_fraction, int k, uint64_t seed, int threads = 0);
  bool comparing() const { return comparison_ && !comparison_->done(); }
  bool advance_comparison(double budget_seconds);  // true when every model is done (or failed, or skipped)
  const ModelComparison& comparison() const;       // the run in progress, or the last finished one
  bool has_comparison() const { return static_cast<bool>(comparison_); }
  void skip_compared_model(size_t index);
  void cancel_comparison();
  // What compared model `index` (trained on the split's training part)
  // recommends for the favorites, each row explained when the kind can be.
  std::vector<RecommendationRow> compared_recommendations(size_t index, const Favorites& favorites, int count) const;
  // The items compared model `index` finds most similar to `item` (itself
  // left out), with the Similar step's rule for rare items (min_support:
  // kUseDefaultMinSupport is the default rule for the split's training part).
  // A kind without similar items (popularity) says so (std::invalid_argument).
  std::vector<ScoredItem> compared_similar_items(size_t index, int32_t item, int count,
                                                 int32_t min_support = kUseDefaultMinSupport) const;

  // ---- model files ----
  std::string save_model(bool include_interactions) const;
  // Returns whether the model matches the data set now loaded (same ids).
  bool load_model(std::string_view bytes);

 private:
  // Compared model `index`, trained (else std::out_of_range / std::logic_error, saying which).
  const ComparedModel& compared_model(size_t index) const;
  struct Evaluation {
    TrainTestSplit split;
    std::unique_ptr<AlsTrainer> trainer;
    int k;
    bool with_current_model = false;
    AlsModel model;                            // trained on split.train, once the trainer is done
    std::unique_ptr<ModelEvaluation> scoring;  // then the rankings, a slice at a time
    std::shared_ptr<ThreadPool> pool;
    double training_work = 1, scoring_work = 0;  // to weigh the two in the progress fraction
  };

  uint64_t held_bytes() const;
  // Installs a model trained elsewhere on the data loaded now.
  void adopt_imported(AlsModel model, const ModelFit& fit);
  std::map<std::string, std::string_view> staged_members() const;
  Dataset prepared(const RawInteractions& raw, const PrepareOptions& options) const;

  uint64_t memory_budget_ = 0;
  int load_threads_ = 1;  // LoadOptions::threads of the last load: also prepare's
  std::unique_ptr<DatasetLoader> loader_;
  RawInteractions raw_;
  std::shared_ptr<const Dataset> data_;
  std::unique_ptr<AlsTrainer> trainer_;
  std::shared_ptr<const Dataset> training_data_;
  bool training_includes_me_ = false;
  uint64_t training_fingerprint_ = 0;
  std::unique_ptr<ModelState> model_;
  std::unique_ptr<Evaluation> evaluation_;
  EvaluationResult evaluation_result_;
  std::map<std::string, std::vector<uint8_t>> staged_;  // members of a model being imported
  uint64_t staged_bytes_ = 0, staged_limit_ = 0;
  std::unique_ptr<TuningRun> tuning_;
  std::shared_ptr<const Dataset> comparison_data_;  // what the comparison's split refers to
  std::unique_ptr<ModelComparison> comparison_;
};

}  // namespace als
