#include "models/bpr_model.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>
#include <string_view>

#include "core/parallel.h"
#include "core/random.h"
#include "model/binary_io.h"
#include "model/model_file.h"
#include "models/bpr_update.h"
#include "models/model_sections.h"
#include "models/training_diverged.h"

namespace als {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// implicit: (rand(factors + 1) − 0.5) / factors.
void fill_row(float* row, int columns, int factors, SplitMix64& rng) {
  for (int k = 0; k < columns; ++k) row[k] = (rng.uniform_float() - 0.5f) / static_cast<float>(factors);
}

// The fold-in's initial vector comes from a stream of its own.
constexpr uint64_t kFoldInSeedSalt = 0xB9B0F01D1Eull;
constexpr int64_t kMostFoldInSteps = 2'000'000;

}  // namespace

// ---- the model ----

BprModel::BprModel(const BprConfig& config, FactorMatrix user_factors, FactorMatrix item_factors,
                   std::vector<int64_t> item_counts)
    : settings_(ModelSettings::of(ModelKind::kBpr)),
      user_factors_(std::move(user_factors)),
      item_factors_(std::move(item_factors)),
      item_counts_(std::move(item_counts)),
      negatives_(item_counts_) {
  settings_.bpr = config;
  if (static_cast<int64_t>(item_counts_.size()) != item_factors_.rows())
    throw std::invalid_argument("BPR: one count per item is needed");
  cache_item_norms();
}

std::vector<float> BprModel::fold_in(const UserItems& user) const {
  const int factors = settings_.bpr.factors;
  const int stride = item_factors_.stride();
  std::vector<float> x(static_cast<size_t>(stride), 0.0f);
  std::vector<int32_t> liked;
  for (int32_t i : user.items)
    if (i >= 0 && i < item_count()) liked.push_back(i);
  std::sort(liked.begin(), liked.end());
  liked.erase(std::unique(liked.begin(), liked.end()), liked.end());
  x[factors] = 1.0f;  // the bias column: an empty user ranks by the item biases, as implicit's zero rows
  if (liked.empty() || negatives_.total() == 0) return x;

  SplitMix64 rng(settings_.bpr.seed ^ kFoldInSeedSalt);
  fill_row(x.data(), factors, factors, rng);
  const bpr::StepSettings step{settings_.bpr.learning_rate, settings_.bpr.regularization};
  const int64_t steps =
      std::min<int64_t>(kMostFoldInSteps, static_cast<int64_t>(liked.size()) * settings_.bpr.iterations);
  for (int64_t s = 0; s < steps; ++s) {
    const int32_t l = liked[rng.below(liked.size())];
    const int32_t d = negatives_.draw(rng);
    if (l == d || (settings_.bpr.verify_negative_samples && std::binary_search(liked.begin(), liked.end(), d)))
      continue;
    bpr::sgd_user_step(x.data(), item_factors_.row(l), item_factors_.row(d), factors, stride, step);
  }
  return x;
}

Explainability BprModel::explainability() const {
  return {false, "sgd",
          "BPR's user vector comes from many small random steps (stochastic gradient descent), not from a formula "
          "that splits into one share per liked item"};
}

std::vector<Explanation> BprModel::explain(const UserItems& /*user*/, const std::vector<int32_t>& /*items*/) const {
  throw std::logic_error(explainability().why_not);
}

std::vector<std::pair<std::string, std::string>> BprModel::file_sections() const {
  binary::Writer users, items;
  binary::put_factors(users, user_factors_);
  binary::put_factors(items, item_factors_);
  binary::Writer counts;
  counts.put_vector(item_counts_);
  return {{"BPRX", std::move(users.bytes())}, {"BPRY", std::move(items.bytes())}, {"BPRN", std::move(counts.bytes())}};
}

std::unique_ptr<RecommenderModel> bpr_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items) {
  const int columns = settings.bpr.factors + 1;
  auto factors_of = [&](const std::string& tag, const std::string& what, int32_t rows) {
    binary::Reader r(required_section(sections, tag, what), "the BPR " + what);
    FactorMatrix m = binary::get_factors(r);  // refuses non-finite values
    if (!r.at_end() || m.rows() != rows || m.factors() != columns)
      throw corrupt_model_file("the BPR " + what + " do not match the ids and settings");
    return m;
  };
  FactorMatrix x = factors_of("BPRX", "user factors", users);
  FactorMatrix y = factors_of("BPRY", "item factors", items);
  for (int64_t u = 0; u < x.rows(); ++u)
    if (x(u, columns - 1) != 1.0f) throw corrupt_model_file("a BPR user's bias column is not 1");
  binary::Reader r(required_section(sections, "BPRN", "the item counts"), "the BPR item counts");
  std::vector<int64_t> counts = r.get_vector<int64_t>(static_cast<uint64_t>(items));
  if (!r.at_end() || counts.size() != static_cast<size_t>(items))
    throw corrupt_model_file("the BPR item counts do not match the items");
  for (int64_t c : counts)
    if (c < 0 || c > (int64_t(1) << 40)) throw corrupt_model_file("a BPR item count out of range");
  return std::make_unique<BprModel>(settings.bpr, std::move(x), std::move(y), std::move(counts));
}

// ---- the trainer ----

namespace {

class BprTrainer : public ModelTrainer {
 public:
  BprTrainer(const CsrMatrix& user_items, const BprConfig& config)
      : config_(config),
        pool_(ThreadPool::for_job(config.threads)),
        entries_(user_items),
        item_counts_(entries_per_column(user_items)),
        X_(user_items.rows, config.factors + 1),
        Y_(user_items.cols, config.factors + 1) {
    if (!rows_sorted(user_items)) throw std::invalid_argument("BPR: the rows of the training matrix must be sorted");
    // implicit fills the item factors first, then the users'.
    SplitMix64 rng(config.seed);
    const int columns = config.factors + 1;
    for (int32_t i = 0; i < user_items.cols; ++i) {
      fill_row(Y_.row(i), columns, config.factors, rng);
      if (item_counts_[i] == 0) std::fill(Y_.row(i), Y_.row(i) + columns, 0.0f);
    }
    for (int32_t u = 0; u < user_items.rows; ++u) {
      fill_row(X_.row(u), columns, config.factors, rng);
      if (user_items.row_size(u) == 0) std::fill(X_.row(u), X_.row(u) + columns, 0.0f);
      X_(u, config.factors) = 1.0f;
    }
    progress_.iterations = config.iterations;
    tasks_per_slice_ = static_cast<size_t>(pool_->size());
  }

  bool done() const override { return epoch_ >= config_.iterations; }
  const TrainingProgress& progress() const override { return progress_; }
  int threads() const override { return pool_->size(); }

  void advance(double budget_seconds) override {
    const auto start = Clock::now();
    while (!done()) {
      run_slice(budget_seconds);
      if (seconds_since(start) >= budget_seconds) break;
    }
    progress_.seconds += seconds_since(start);
  }

  std::unique_ptr<RecommenderModel> take_model() override {
    if (!done()) throw std::logic_error("BPR: training is not done");
    auto model = std::make_unique<BprModel>(config_, std::move(X_), std::move(Y_), std::move(item_counts_));
    model->loss_history = progress_.loss;
    model->training_seconds = progress_.seconds;
    return model;
  }

 private:
  // Samples of task t of an epoch: [t·nnz/T, (t+1)·nnz/T).
  int64_t task_samples(int task) const {
    const int64_t nnz = entries_.user_items->nnz();
    return nnz * (task + 1) / kBprTasksPerEpoch - nnz * task / kBprTasksPerEpoch;
  }

  void run_slice(double budget_seconds) {
    const int first = next_task_;
    const int count = static_cast<int>(std::min<size_t>(tasks_per_slice_, kBprTasksPerEpoch - first));
    std::vector<bpr::SampleCounts> counts(static_cast<size_t>(count));
    const bpr::StepSettings step{config_.learning_rate, config_.regularization};
    const auto start = Clock::now();
    pool_->parallel_for(count, [&](int64_t t) {
      const int task = first + static_cast<int>(t);
      SplitMix64 rng(bpr::task_seed(config_.seed, epoch_, task));
      counts[t] = bpr::run_samples(entries_, X_, Y_, config_.factors, task_samples(task), rng, step,
                                   config_.verify_negative_samples);
    });
    for (const bpr::SampleCounts& c : counts) {
      epoch_counts_.samples += c.samples;
      epoch_counts_.correct += c.correct;
      epoch_counts_.skipped += c.skipped;
    }
    next_task_ += count;
    // Twice the tasks while a slice takes under a quarter of the budget, half
    // when one took longer than all of it (never changes the result).
    const double took = seconds_since(start);
    const size_t least = static_cast<size_t>(pool_->size());
    if (took < 0.25 * budget_seconds && static_cast<size_t>(count) == tasks_per_slice_)
      tasks_per_slice_ = std::min<size_t>(tasks_per_slice_ * 2, kBprTasksPerEpoch);
    else if (took > budget_seconds)
      tasks_per_slice_ = std::max(least, tasks_per_slice_ / 2);
    progress_.fraction = (static_cast<double>(epoch_) * kBprTasksPerEpoch + next_task_) /
                         (double(kBprTasksPerEpoch) * config_.iterations);
    if (next_task_ == kBprTasksPerEpoch) end_epoch();
  }

  void end_epoch() {
    if (!factors_are_sound(X_) || !factors_are_sound(Y_)) {
      std::ostringstream message;
      message << "BPR diverged in iteration " << epoch_ + 1
              << " (the factors became infinite or NaN): lower the learning rate (now " << config_.learning_rate
              << "; implicit's default is 0.01)";
      throw TrainingDiverged(message.str());
    }
    const int64_t ranked = epoch_counts_.samples - epoch_counts_.skipped;
    const double correct = ranked > 0 ? static_cast<double>(epoch_counts_.correct) / ranked : 0.0;
    progress_.loss.push_back(1.0 - correct);
    epoch_counts_ = {};
    next_task_ = 0;
    ++epoch_;
    progress_.iterations_done = epoch_;
  }

  BprConfig config_;
  std::shared_ptr<ThreadPool> pool_;
  bpr::TrainingEntries entries_;
  std::vector<int64_t> item_counts_;
  FactorMatrix X_, Y_;
  int epoch_ = 0;
  int next_task_ = 0;
  size_t tasks_per_slice_ = 1;
  bpr::SampleCounts epoch_counts_;
  TrainingProgress progress_;
};

}  // namespace

std::unique_ptr<ModelTrainer> make_bpr_trainer(const CsrMatrix& user_items, const BprConfig& config) {
  return std::make_unique<BprTrainer>(user_items, config);
}

}  // namespace als
