#include "models/explicit_als_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "als/explicit_least_squares.h"
#include "als/factor_kernels.h"
#include "core/random.h"
#include "models/rating_data.h"

namespace als {

namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

constexpr size_t kLeastTasksPerThread = 4;
// A task of about this many ratings: enough to dwarf scheduling, small enough to balance.
int64_t entries_per_task(const CsrMatrix& m) { return std::clamp<int64_t>(m.nnz() / 256, 4096, 65536); }

bool all_finite(const FactorMatrix& M) {
  for (size_t k = 0; k < M.size(); ++k)
    if (!std::isfinite(M.data()[k])) return false;
  return true;
}
}  // namespace

void fill_unit_gaussian_rows(FactorMatrix& M, uint64_t seed) {
  SplitMix64 rng(seed);
  constexpr double kTwoPi = 6.283185307179586;
  for (int64_t r = 0; r < M.rows(); ++r) {
    float* row = M.row(r);
    for (int k = 0; k < M.factors(); k += 2) {
      // Box–Muller: two independent N(0, 1) from two uniforms in (0, 1].
      const double radius = std::sqrt(-2.0 * std::log(1.0 - rng.uniform()));
      const double angle = kTwoPi * rng.uniform();
      row[k] = static_cast<float>(radius * std::cos(angle));
      if (k + 1 < M.factors()) row[k + 1] = static_cast<float>(radius * std::sin(angle));
    }
    const float norm = std::sqrt(kernels::dot(row, row, M.stride()));
    if (norm > 0)
      for (int k = 0; k < M.factors(); ++k) row[k] /= norm;
  }
}

ExplicitAlsTrainer::ExplicitAlsTrainer(const CsrMatrix& user_ratings, const ExplicitAlsConfig& config)
    : config_(config), user_ratings_(&user_ratings) {
  validate_settings([&] {
    ModelSettings s = ModelSettings::of(ModelKind::kExplicitAls);
    s.explicit_als = config;
    return s;
  }());
  require_rating_data(user_ratings);
  pool_ = ThreadPool::for_job(config_.threads);
  item_ratings_ = transpose(user_ratings, *pool_);
  user_factors_ = FactorMatrix(user_ratings.rows, config_.factors);
  item_factors_ = FactorMatrix(user_ratings.cols, config_.factors);
  // Spark: seedGen = XORShiftRandom(seed); users from seedGen.nextLong(), then items.
  SplitMix64 seeds(config_.seed);
  const uint64_t user_seed = seeds.next();
  const uint64_t item_seed = seeds.next();
  fill_unit_gaussian_rows(user_factors_, user_seed);
  fill_unit_gaussian_rows(item_factors_, item_seed);

  user_tasks_ = partition_rows(user_ratings, entries_per_task(user_ratings));
  item_tasks_ = partition_rows(item_ratings_, entries_per_task(item_ratings_));
  task_squared_errors_.assign(user_tasks_.size(), 0.0);
  work_total_ = std::max(1.0, static_cast<double>(user_tasks_.size() + item_tasks_.size()) * config_.iterations);
  progress_.iterations = config_.iterations;
  tasks_per_slice_ = kLeastTasksPerThread * static_cast<size_t>(pool_->size());
}

void ExplicitAlsTrainer::run_slice(double budget_seconds) {
  const bool items = half_ == 0;
  const std::vector<RowRange>& tasks = items ? item_tasks_ : user_tasks_;
  const size_t first = next_task_;
  const size_t count = std::min(tasks_per_slice_, tasks.size() - first);
  const auto start = Clock::now();
  if (items) {
    pool_->parallel_for(static_cast<int64_t>(count), [&](int64_t t) {
      const RowRange& range = tasks[first + t];
      solve_explicit_rows(item_ratings_, user_factors_, config_.regularization, range.begin, range.end, item_factors_);
    });
  } else {
    const CsrMatrix& R = *user_ratings_;
    pool_->parallel_for(static_cast<int64_t>(count), [&](int64_t t) {
      const RowRange& range = tasks[first + t];
      solve_explicit_rows(R, item_factors_, config_.regularization, range.begin, range.end, user_factors_);
      // The squared errors of these users against the factors the iteration ends with.
      double squared = 0;
      for (int32_t u = range.begin; u < range.end; ++u)
        for (int64_t k = R.indptr[u]; k < R.indptr[u + 1]; ++k) {
          const double e = static_cast<double>(kernels::dot(user_factors_.row(u), item_factors_.row(R.indices[k]),
                                                            item_factors_.stride())) -
                           R.values[k];
          squared += e * e;
        }
      task_squared_errors_[first + t] = squared;
    });
  }
  next_task_ += count;
  work_done_ += static_cast<double>(count);
  // As AlsTrainer: grow the slice while it takes under a quarter of the
  // budget, shrink it when it took more than all of it (never the result).
  const double took = seconds_since(start);
  if (took < 0.25 * budget_seconds && count == tasks_per_slice_)
    tasks_per_slice_ *= 2;
  else if (took > budget_seconds)
    tasks_per_slice_ = std::max(kLeastTasksPerThread * static_cast<size_t>(pool_->size()), tasks_per_slice_ / 2);
}

void ExplicitAlsTrainer::end_half_step() {
  next_task_ = 0;
  if (half_ == 0) {
    half_ = 1;
    return;
  }
  if (!all_finite(user_factors_) || !all_finite(item_factors_))
    throw std::runtime_error("training diverged (factors are not finite): try increasing regularization");
  double squared = 0;
  for (double s : task_squared_errors_) squared += s;
  const double rmse = std::sqrt(squared / static_cast<double>(std::max<int64_t>(1, user_ratings_->nnz())));
  progress_.loss.push_back(rmse);
  half_ = 0;
  ++iteration_;
  progress_.iterations_done = iteration_;
}

void ExplicitAlsTrainer::advance(double budget_seconds) {
  const auto start = Clock::now();
  while (!done()) {
    const size_t tasks = half_ == 0 ? item_tasks_.size() : user_tasks_.size();
    if (next_task_ < tasks) run_slice(budget_seconds);
    if (next_task_ >= tasks) end_half_step();
    if (seconds_since(start) >= budget_seconds) break;
  }
  progress_.seconds += seconds_since(start);
  progress_.fraction = done() ? 1.0 : std::min(1.0, work_done_ / work_total_);
}

std::unique_ptr<RecommenderModel> ExplicitAlsTrainer::take_model() {
  if (!done()) throw std::logic_error("take_model: training has not finished");
  if (taken_) throw std::logic_error("take_model: the model was taken already");
  taken_ = true;
  auto model = std::make_unique<ExplicitAlsModel>(config_, std::move(user_factors_), std::move(item_factors_));
  model->training_seconds = progress_.seconds;
  model->loss_history = progress_.loss;
  return model;
}

std::unique_ptr<ModelTrainer> make_explicit_als_trainer(const CsrMatrix& user_ratings,
                                                        const ExplicitAlsConfig& config) {
  return std::make_unique<ExplicitAlsTrainer>(user_ratings, config);
}

}  // namespace als
