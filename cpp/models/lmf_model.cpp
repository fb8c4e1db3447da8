#include "models/lmf_model.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "als/row_partition.h"
#include "core/parallel.h"
#include "core/random.h"
#include "model/binary_io.h"
#include "model/model_file.h"
#include "models/lmf_update.h"
#include "models/model_sections.h"
#include "models/popularity_sampler.h"
#include "models/training_diverged.h"

namespace als {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr uint64_t kFoldInSeedSalt = 0x1F0D1E5EEDull;

// The fixed columns: the user's 1 at `factors`, the item's at `factors` + 1.
void set_fixed_column(FactorMatrix& m, int column) {
  for (int64_t r = 0; r < m.rows(); ++r) m(r, column) = 1.0f;
}

}  // namespace

// ---- the model ----

LmfModel::LmfModel(const LmfConfig& config, FactorMatrix user_factors, FactorMatrix item_factors,
                   std::vector<int64_t> item_counts)
    : settings_(ModelSettings::of(ModelKind::kLmf)),
      user_factors_(std::move(user_factors)),
      item_factors_(std::move(item_factors)),
      item_counts_(std::move(item_counts)) {
  settings_.lmf = config;
  if (static_cast<int64_t>(item_counts_.size()) != item_factors_.rows())
    throw std::invalid_argument("LMF: one count per item is needed");
  cache_item_norms();
}

std::vector<float> LmfModel::fold_in(const UserItems& user) const {
  const LmfConfig& c = settings_.lmf;
  const int stride = item_factors_.stride(), columns = c.factors + 2;
  std::vector<float> x(static_cast<size_t>(stride), 0.0f);
  std::vector<int32_t> items;
  std::vector<float> values;
  for (size_t k = 0; k < user.items.size(); ++k)
    if (user.items[k] >= 0 && user.items[k] < item_count()) {
      items.push_back(user.items[k]);
      values.push_back(k < user.values.size() ? user.values[k] : 1.0f);
    }
  const PopularitySampler sampler(item_counts_);
  x[c.factors] = 1.0f;
  if (items.empty() || sampler.total() == 0) return x;  // as an empty training row after its first step

  SplitMix64 rng(c.seed ^ kFoldInSeedSalt);
  lmf::NormalSource normal(rng);
  for (int k = 0; k < columns; ++k) x[k] = normal.next();
  x[c.factors] = 1.0f;
  std::vector<float> sum_squares(static_cast<size_t>(stride), 0.0f), deriv(static_cast<size_t>(stride));
  const int64_t negative_count = lmf::negatives_for(static_cast<int64_t>(items.size()), c.neg_prop, columns);
  std::vector<int32_t> negatives(static_cast<size_t>(negative_count));
  const lmf::StepSettings step{c.learning_rate, c.regularization};
  for (int epoch = 0; epoch < c.iterations; ++epoch) {
    for (int32_t& n : negatives) n = sampler.draw(rng);
    lmf::update_row(x.data(), sum_squares.data(), item_factors_, items.data(), values.data(),
                    static_cast<int64_t>(items.size()), negatives.data(), negative_count, step, deriv.data());
    x[c.factors] = 1.0f;
  }
  return x;
}

Explainability LmfModel::explainability() const {
  return {false, "sgd",
          "logistic MF's user vector comes from gradient steps on sampled items, not from a formula that splits "
          "into one share per liked item"};
}

std::vector<Explanation> LmfModel::explain(const UserItems& /*user*/, const std::vector<int32_t>& /*items*/) const {
  throw std::logic_error(explainability().why_not);
}

std::vector<std::pair<std::string, std::string>> LmfModel::file_sections() const {
  binary::Writer users, items, counts;
  binary::put_factors(users, user_factors_);
  binary::put_factors(items, item_factors_);
  counts.put_vector(item_counts_);
  return {{"LMFX", std::move(users.bytes())}, {"LMFY", std::move(items.bytes())}, {"LMFN", std::move(counts.bytes())}};
}

std::unique_ptr<RecommenderModel> lmf_model_from_sections(const ModelSettings& settings,
                                                          const std::map<std::string, std::string_view>& sections,
                                                          int32_t users, int32_t items) {
  const int factors = settings.lmf.factors, columns = factors + 2;
  auto factors_of = [&](const std::string& tag, const std::string& what, int32_t rows, int fixed_column) {
    binary::Reader r(required_section(sections, tag, what), "the LMF " + what);
    FactorMatrix m = binary::get_factors(r);  // refuses non-finite values
    if (!r.at_end() || m.rows() != rows || m.factors() != columns)
      throw corrupt_model_file("the LMF " + what + " do not match the ids and settings");
    for (int64_t row = 0; row < m.rows(); ++row)
      if (m(row, fixed_column) != 1.0f) throw corrupt_model_file("a fixed column of the LMF " + what + " is not 1");
    return m;
  };
  FactorMatrix x = factors_of("LMFX", "user factors", users, factors);
  FactorMatrix y = factors_of("LMFY", "item factors", items, factors + 1);
  binary::Reader r(required_section(sections, "LMFN", "the item counts"), "the LMF item counts");
  std::vector<int64_t> counts = r.get_vector<int64_t>(static_cast<uint64_t>(items));
  if (!r.at_end() || counts.size() != static_cast<size_t>(items))
    throw corrupt_model_file("the LMF item counts do not match the items");
  for (int64_t c : counts)
    if (c < 0 || c > (int64_t(1) << 40)) throw corrupt_model_file("an LMF item count out of range");
  return std::make_unique<LmfModel>(settings.lmf, std::move(x), std::move(y), std::move(counts));
}

// ---- the trainer ----

namespace {

int64_t entries_per_task(const CsrMatrix& m) { return std::clamp<int64_t>(m.nnz() / 256, 1024, 32768); }

class LmfTrainer : public ModelTrainer {
 public:
  LmfTrainer(const CsrMatrix& user_items, const LmfConfig& config)
      : config_(config),
        pool_(ThreadPool::for_job(config.threads)),
        user_items_(&user_items),
        item_users_(transpose(user_items)),
        X_(user_items.rows, config.factors + 2),
        Y_(user_items.cols, config.factors + 2),
        user_sums_(user_items.rows, config.factors + 2),
        item_sums_(user_items.cols, config.factors + 2) {
    // implicit draws the item factors first, then the users'.
    const int columns = config.factors + 2;
    SplitMix64 rng(config.seed);
    lmf::NormalSource normal(rng);
    for (int32_t i = 0; i < Y_.rows(); ++i) {
      for (int k = 0; k < columns; ++k) Y_(i, k) = normal.next();
      Y_(i, config.factors + 1) = 1.0f;
      if (item_users_.row_size(i) == 0) std::fill(Y_.row(i), Y_.row(i) + columns, 0.0f);
    }
    for (int32_t u = 0; u < X_.rows(); ++u) {
      for (int k = 0; k < columns; ++k) X_(u, k) = normal.next();
      X_(u, config.factors) = 1.0f;
      if (user_items.row_size(u) == 0) std::fill(X_.row(u), X_.row(u) + columns, 0.0f);
    }
    user_tasks_ = partition_rows(user_items, entries_per_task(user_items));
    item_tasks_ = partition_rows(item_users_, entries_per_task(item_users_));
    progress_.iterations = config.iterations;
    tasks_per_slice_ = 4 * static_cast<size_t>(pool_->size());
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
    if (!done()) throw std::logic_error("LMF: training is not done");
    auto model = std::make_unique<LmfModel>(config_, std::move(X_), std::move(Y_), entries_per_column(*user_items_));
    model->loss_history = progress_.loss;
    model->training_seconds = progress_.seconds;
    return model;
  }

 private:
  void run_slice(double budget_seconds) {
    const bool users = half_ == 0;
    const std::vector<RowRange>& tasks = users ? user_tasks_ : item_tasks_;
    const CsrMatrix& rows = users ? *user_items_ : item_users_;
    const FactorMatrix& fixed = users ? Y_ : X_;
    FactorMatrix& moving = users ? X_ : Y_;
    FactorMatrix& sums = users ? user_sums_ : item_sums_;
    const size_t first = next_task_;
    const size_t count = std::min(tasks_per_slice_, tasks.size() - first);
    std::vector<lmf::RowCounts> counts(count);
    const lmf::StepSettings step{config_.learning_rate, config_.regularization};
    const int columns = config_.factors + 2;
    const uint64_t nnz = static_cast<uint64_t>(rows.nnz());
    const auto start = Clock::now();
    pool_->parallel_for(static_cast<int64_t>(count), [&](int64_t t) {
      std::vector<float> deriv(static_cast<size_t>(moving.stride()));
      std::vector<int32_t> negatives;
      const RowRange& range = tasks[first + t];
      for (int32_t r = range.begin; r < range.end; ++r) {
        const int64_t seen = rows.row_size(r);
        if (seen == 0) continue;
        SplitMix64 rng(lmf::row_seed(config_.seed, epoch_, half_, r));
        negatives.resize(static_cast<size_t>(lmf::negatives_for(seen, config_.neg_prop, columns)));
        for (int32_t& n : negatives) n = rows.indices[rng.below(nnz)];
        const lmf::RowCounts c =
            lmf::update_row(moving.row(r), sums.row(r), fixed, rows.indices.data() + rows.row_begin(r),
                            rows.values.data() + rows.row_begin(r), seen, negatives.data(),
                            static_cast<int64_t>(negatives.size()), step, deriv.data());
        counts[t].pairs += c.pairs;
        counts[t].correct += c.correct;
      }
    });
    if (users)
      for (const lmf::RowCounts& c : counts) {
        epoch_counts_.pairs += c.pairs;
        epoch_counts_.correct += c.correct;
      }
    next_task_ += count;
    const double took = seconds_since(start);
    const size_t least = 4 * static_cast<size_t>(pool_->size());
    if (took < 0.25 * budget_seconds && count == tasks_per_slice_)
      tasks_per_slice_ *= 2;
    else if (took > budget_seconds)
      tasks_per_slice_ = std::max(least, tasks_per_slice_ / 2);
    const double halves_done =
        2.0 * epoch_ + half_ + static_cast<double>(next_task_) / std::max<size_t>(1, tasks.size());
    progress_.fraction = halves_done / (2.0 * config_.iterations);
    if (next_task_ == tasks.size()) end_half_step();
  }

  void end_half_step() {
    next_task_ = 0;
    if (half_ == 0) {
      set_fixed_column(X_, config_.factors);  // implicit: user_factors[:, -2] = 1
      half_ = 1;
      return;
    }
    set_fixed_column(Y_, config_.factors + 1);  // item_factors[:, -1] = 1
    half_ = 0;
    if (!factors_are_sound(X_) || !factors_are_sound(Y_)) {
      std::ostringstream message;
      message << "logistic MF diverged in iteration " << epoch_ + 1
              << " (the factors became infinite or NaN): lower the learning rate (now " << config_.learning_rate
              << "; implicit's default is 1)";
      throw TrainingDiverged(message.str());
    }
    const double correct = epoch_counts_.pairs > 0 ? double(epoch_counts_.correct) / epoch_counts_.pairs : 0.0;
    progress_.loss.push_back(1.0 - correct);
    epoch_counts_ = {};
    ++epoch_;
    progress_.iterations_done = epoch_;
  }

  LmfConfig config_;
  std::shared_ptr<ThreadPool> pool_;
  const CsrMatrix* user_items_;
  CsrMatrix item_users_;
  FactorMatrix X_, Y_;
  FactorMatrix user_sums_, item_sums_;  // AdaGrad: Σ g² per column
  std::vector<RowRange> user_tasks_, item_tasks_;
  int epoch_ = 0;
  int half_ = 0;  // 0: the users step, 1: the items
  size_t next_task_ = 0;
  size_t tasks_per_slice_ = 1;
  lmf::RowCounts epoch_counts_;
  TrainingProgress progress_;
};

}  // namespace

std::unique_ptr<ModelTrainer> make_lmf_trainer(const CsrMatrix& user_items, const LmfConfig& config) {
  return std::make_unique<LmfTrainer>(user_items, config);
}

}  // namespace als
