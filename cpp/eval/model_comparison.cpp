#include "eval/model_comparison.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "queries/item_support.h"

namespace als {

const char* compared_state_name(ComparedState state) {
  switch (state) {
    case ComparedState::kWaiting:
      return "waiting";
    case ComparedState::kTraining:
      return "training";
    case ComparedState::kScoring:
      return "scoring";
    case ComparedState::kDone:
      return "done";
    case ComparedState::kFailed:
      return "failed";
    case ComparedState::kSkipped:
      return "skipped";
  }
  return "waiting";
}

ModelComparison::ModelComparison(const CsrMatrix& user_items, std::vector<ModelSettings> models, double test_fraction,
                                 int k, uint64_t seed, int threads, std::string not_ratings)
    : not_ratings_(std::move(not_ratings)), k_(k) {
  if (k < 1) throw std::invalid_argument("K must be at least 1");
  if (!(test_fraction > 0 && test_fraction < 1))
    throw std::invalid_argument("the test fraction must lie between 0 and 1 (0.2 holds out a fifth)");
  if (models.empty()) throw std::invalid_argument("choose at least one model to compare");
  bool has_popularity = false;
  for (const ModelSettings& m : models) has_popularity = has_popularity || m.kind == ModelKind::kPopular;
  if (!has_popularity) models.insert(models.begin(), ModelSettings::of(ModelKind::kPopular));
  split_ = train_test_split(user_items, 1.0 - test_fraction, seed);
  if (split_.test.nnz() == 0) throw std::invalid_argument("the test split is empty: the data set is too small");
  item_support_ = item_support(transpose(split_.train));
  for (ModelSettings& settings : models) {
    settings.set_threads(threads);
    ComparedModel m;
    m.settings = settings;
    models_.push_back(std::move(m));
  }
  pool_ = ThreadPool::for_job(threads);
}

double ModelComparison::fraction() const {
  double sum = 0;
  for (const ComparedModel& m : models_)
    sum +=
        m.state == ComparedState::kWaiting || m.state == ComparedState::kTraining || m.state == ComparedState::kScoring
            ? m.fraction
            : 1.0;
  return models_.empty() ? 1.0 : sum / static_cast<double>(models_.size());
}

void ModelComparison::fail_model(const std::string& message, FaultCode fault) {
  ComparedModel& m = models_[next_];
  m.state = ComparedState::kFailed;
  m.message = message;
  m.fault = std::move(fault);
  trainer_.reset();
  scoring_.reset();
  scored_.reset();
  ++next_;
}

void ModelComparison::start_model() {
  ComparedModel& m = models_[next_];
  if (predicts_ratings(m.settings.kind) && !not_ratings_.empty()) {
    fail_model(std::string(model_kind_title(m.settings.kind)) + ": " + not_ratings_,
               FaultCode{"compare.notRatings"}.text("model", model_kind_name(m.settings.kind)));
    return;
  }
  try {
    trainer_ = make_trainer(split_.train, m.settings);
    m.state = ComparedState::kTraining;
  } catch (const std::invalid_argument& e) {
    fail_model(e.what(),
               FaultCode{"compare.settings"}.text("model", model_kind_name(m.settings.kind)).text("detail", e.what()));
  }
}

void ModelComparison::finish_model() {
  ComparedModel& m = models_[next_];
  m.ranking = scoring_->result();
  if (predicts_ratings(m.settings.kind)) m.rating_errors = rating_metrics(*scored_, split_);
  m.state = ComparedState::kDone;
  m.fraction = 1;
  m.model = std::move(scored_);
  scoring_.reset();
  ++next_;
}

void ModelComparison::advance(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  do {
    // Skipped or failed models are passed over.
    while (next_ < models_.size() && models_[next_].state != ComparedState::kWaiting &&
           models_[next_].state != ComparedState::kTraining && models_[next_].state != ComparedState::kScoring)
      ++next_;
    if (done()) return;
    ComparedModel& m = models_[next_];
    if (m.state == ComparedState::kWaiting) {
      start_model();
      continue;
    }
    if (m.state == ComparedState::kTraining) {
      try {
        trainer_->advance(std::max(0.0, budget_seconds - elapsed()));
      } catch (const std::exception& e) {
        fail_model(
            std::string(model_kind_title(m.settings.kind)) + ": " + e.what(),
            FaultCode{"compare.failed"}.text("model", model_kind_name(m.settings.kind)).text("detail", e.what()));
        continue;
      }
      m.training = trainer_->progress();
      m.training_seconds = m.training.seconds;
      m.fraction = 0.8 * m.training.fraction;
      if (!trainer_->done()) continue;
      scored_ = trainer_->take_model();
      trainer_.reset();
      scored_->set_item_support(item_support_);
      const RecommenderModel* model = scored_.get();
      const CsrMatrix* train = &split_.train;
      RecommendFunction recommend = [model, train](int32_t user, int k, std::vector<int32_t>& ids) {
        UserItems liked;
        for (int64_t p = train->indptr[user]; p < train->indptr[user + 1]; ++p) {
          liked.items.push_back(train->indices[p]);
          liked.values.push_back(train->values[p]);
        }
        RecommendOptions options;
        options.count = k;
        ids.clear();
        for (const ScoredItem& s : model->recommend_for_user(user, liked, options)) ids.push_back(s.id);
      };
      scoring_ = std::make_unique<RankingEvaluation>(std::move(recommend), split_.test, k_);
      m.state = ComparedState::kScoring;
      continue;
    }
    const Clock::time_point scoring_start = Clock::now();
    scoring_->advance(std::max(0.0, budget_seconds - elapsed()), *pool_);
    m.scoring_seconds += std::chrono::duration<double>(Clock::now() - scoring_start).count();
    m.fraction = 0.8 + 0.2 * (scoring_->users() > 0
                                  ? static_cast<double>(scoring_->users_done()) / static_cast<double>(scoring_->users())
                                  : 1.0);
    if (scoring_->done()) finish_model();
  } while (elapsed() < budget_seconds && !done());
}

void ModelComparison::skip(size_t index) {
  if (index >= models_.size()) throw std::out_of_range("no compared model " + std::to_string(index));
  ComparedModel& m = models_[index];
  if (m.state != ComparedState::kWaiting && m.state != ComparedState::kTraining && m.state != ComparedState::kScoring)
    return;
  if (index == next_) {
    trainer_.reset();
    scoring_.reset();
    scored_.reset();
    ++next_;
  }
  m.state = ComparedState::kSkipped;
}

}  // namespace als
