#include "als/als_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>

#include "als/least_squares.h"
#include "core/cancellation.h"
#include "core/random.h"

namespace als {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kLeastTasksPerThread = 4;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// implicit's initialisation: uniform in [0, 0.01), users first, then items.
void fill_random(FactorMatrix& M, SplitMix64& rng) {
  for (int64_t r = 0; r < M.rows(); ++r)
    for (int k = 0; k < M.factors(); ++k) M(r, k) = rng.uniform_float() * 0.01f;
}

bool all_finite(const FactorMatrix& M) {
  for (int64_t r = 0; r < M.rows(); ++r)
    for (int k = 0; k < M.factors(); ++k)
      if (!std::isfinite(M(r, k))) return false;
  return true;
}

// Entries per task: small enough to balance threads, large enough that a
// task dwarfs scheduling overhead. Depends on the data only.
int64_t entries_per_task(const CsrMatrix& m) { return std::clamp<int64_t>(m.nnz() / 512, 2048, 65536); }

// Spark's formulation leaves entries <= 0 out of the rows altogether.
CsrMatrix positive_entries(const CsrMatrix& m) {
  CsrMatrix out;
  out.rows = m.rows;
  out.cols = m.cols;
  out.indptr.assign(static_cast<size_t>(m.rows) + 1, 0);
  for (int32_t r = 0; r < m.rows; ++r) {
    for (int64_t k = m.indptr[r]; k < m.indptr[r + 1]; ++k) {
      if (!(m.values[k] > 0)) continue;
      out.indices.push_back(m.indices[k]);
      out.values.push_back(m.values[k]);
    }
    out.indptr[r + 1] = out.nnz();
  }
  return out;
}

std::vector<int32_t> identity(int32_t n) {
  std::vector<int32_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  return order;
}

// Row numbers, most entries first (ties in index order).
std::vector<int32_t> by_popularity(const std::vector<int64_t>& sizes) {
  std::vector<int32_t> order = identity(static_cast<int32_t>(sizes.size()));
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return sizes[a] > sizes[b]; });
  return order;
}

std::vector<int64_t> row_sizes(const CsrMatrix& m) {
  std::vector<int64_t> sizes(static_cast<size_t>(m.rows));
  for (int32_t r = 0; r < m.rows; ++r) sizes[r] = m.row_size(r);
  return sizes;
}

std::vector<int64_t> column_sizes(const CsrMatrix& m) {
  std::vector<int64_t> sizes(static_cast<size_t>(m.cols), 0);
  for (int32_t c : m.indices) ++sizes[c];
  return sizes;
}

// rank[order[k]] = k
std::vector<int32_t> ranks(const std::vector<int32_t>& order) {
  std::vector<int32_t> rank(order.size());
  for (size_t k = 0; k < order.size(); ++k) rank[order[k]] = static_cast<int32_t>(k);
  return rank;
}

// The confidences of m's rows in the order row_order gives, column c
// renumbered col_rank[c], on the pool: each row keeps its entries in the
// order they had, so every sum over a row runs as before.
CsrMatrix reordered_confidences(const CsrMatrix& m, const ConfidenceWeights& weights,
                                const std::vector<int32_t>& row_order, const std::vector<int32_t>& col_rank,
                                ThreadPool& pool) {
  CsrMatrix out;
  out.rows = m.rows;
  out.cols = m.cols;
  out.indptr.assign(static_cast<size_t>(m.rows) + 1, 0);
  for (int32_t k = 0; k < m.rows; ++k) out.indptr[k + 1] = out.indptr[k] + m.row_size(row_order[k]);
  out.indices.resize(m.indices.size());
  out.values.resize(m.values.size());
  const int64_t parts = parts_worth(m.nnz(), pool);
  const std::vector<int32_t> first = split_by_entries(out.indptr, parts);
  pool.parallel_for(parts, [&](int64_t t) {
    for (int32_t k = first[t]; k < first[t + 1]; ++k) {
      const int32_t r = row_order[k];
      const int64_t from = m.indptr[r], n = m.row_size(r), to = out.indptr[k];
      weights.row_confidences(&m.indices[from], &m.values[from], n, &out.values[to]);
      for (int64_t e = 0; e < n; ++e) out.indices[to + e] = col_rank[m.indices[from + e]];
    }
  });
  return out;
}

// to.row(k) = from.row(order[k]), on the pool.
void gather_rows(const FactorMatrix& from, const std::vector<int32_t>& order, FactorMatrix& to, ThreadPool& pool) {
  if (to.rows() != from.rows() || to.factors() != from.factors()) to = FactorMatrix(from.rows(), from.factors());
  const int64_t rows = from.rows();
  const size_t bytes = static_cast<size_t>(from.stride()) * sizeof(float);
  const int64_t parts = std::max<int64_t>(1, std::min<int64_t>(pool.size(), rows / 4096));
  pool.parallel_for(parts, [&](int64_t t) {
    for (int64_t k = rows * t / parts; k < rows * (t + 1) / parts; ++k)
      std::memcpy(to.row(k), from.row(order[static_cast<size_t>(k)]), bytes);
  });
}

}  // namespace

void validate_config(const AlsConfig& c) {
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (c.factors < 1 || c.factors > 1024)
    fail("factors must be between 1 and 1024 (got " + std::to_string(c.factors) + ")");
  if (!(c.regularization >= 0) || !std::isfinite(c.regularization)) fail("regularization must be a number >= 0");
  if (c.iterations < 0 || c.iterations > 1000) fail("iterations must be between 0 and 1000");
  if (c.cg_steps < 1 || c.cg_steps > 100) fail("cg_steps must be between 1 and 100");
  if (!(c.confidence.alpha > 0) || !std::isfinite(c.confidence.alpha)) fail("alpha must be a number > 0");
  if (c.confidence.scaling == ConfidenceScaling::kLog && !(c.confidence.log_epsilon > 0))
    fail("log scaling needs epsilon > 0");
  if (c.confidence.scaling == ConfidenceScaling::kBm25 &&
      (!(c.confidence.bm25_k1 >= 0) || !(c.confidence.bm25_b >= 0 && c.confidence.bm25_b <= 1)))
    fail("BM25 needs k1 >= 0 and 0 <= b <= 1");
}

AlsTrainer::AlsTrainer(const CsrMatrix& user_items, const AlsConfig& config, const CsrMatrix* item_users)
    : config_(config) {
  validate_config(config_);
  pool_ = ThreadPool::for_job(config_.threads);
  model_.config = config_;
  // (On big data each step takes a while: a cancel from outside stops between them.)
  CsrMatrix positive;
  const CsrMatrix* rated = &user_items;
  if (config_.formulation == Formulation::kSpark) {  // Spark leaves entries <= 0 out altogether
    positive = positive_entries(user_items);
    rated = &positive;
    throw_if_cancelled();
  }
  model_.confidence = ConfidenceWeights(*rated, config_.confidence);
  throw_if_cancelled();
  // Locality. Solving a row gathers the fixed side's factor row of each of
  // its ratings. With both sides in popularity order (most-rated first: the
  // rows solved one after another, and the factor rows they gather, a copy of
  // the fixed side made per half step) the rows gathered most often share
  // pages and cache lines: ALS at ml-25m size trains 3-5 % faster natively,
  // 8 % in a tab (no huge pages there). The model is the same to the bit: the
  // factors stay in their own order (row k of the reordered C solves into
  // factor row order[k]), every row's entries keep theirs, and the Gram
  // matrices are summed over the factors as they are.
  const bool by_rank = config_.gather_by_popularity;
  user_order_ = by_rank ? by_popularity(row_sizes(*rated)) : identity(rated->rows);
  item_order_ = by_rank ? by_popularity(column_sizes(*rated)) : identity(rated->cols);
  // Cui straight into that order (one pass over the data), and Ciu as its
  // transpose visiting the users in their own order, so that each item's row
  // lists its users as the transpose of the unordered Cui would; or, where a
  // confidence depends on the value alone, straight from the items' rows the
  // caller has (listing their users in that order already).
  user_confidences_ = reordered_confidences(*rated, model_.confidence, user_order_, ranks(item_order_), *pool_);
  throw_if_cancelled();
  for (float c : user_confidences_.values)
    if (!std::isfinite(c)) throw std::invalid_argument("a confidence is not finite: lower alpha");
  const std::vector<int32_t> user_rank = ranks(user_order_);
  const bool copy_item_side = item_users != nullptr && rated == &user_items && model_.confidence.per_value() &&
                              item_users->rows == user_items.cols && item_users->cols == user_items.rows &&
                              item_users->nnz() == user_items.nnz();
  item_confidences_ = copy_item_side
                          ? reordered_confidences(*item_users, model_.confidence, item_order_, user_rank, *pool_)
                          : transpose_in_order(user_confidences_, &user_rank, *pool_);
  throw_if_cancelled();

  model_.user_factors = FactorMatrix(user_items.rows, config_.factors);
  model_.item_factors = FactorMatrix(user_items.cols, config_.factors);
  SplitMix64 rng(config_.seed);
  fill_random(model_.user_factors, rng);
  fill_random(model_.item_factors, rng);

  user_tasks_ = partition_rows(user_confidences_, entries_per_task(user_confidences_));
  item_tasks_ = partition_rows(item_confidences_, entries_per_task(item_confidences_));
  // Work units: one per task of each half, plus the loss pass (about one CG pass).
  const double per_iteration = static_cast<double>(user_tasks_.size() + item_tasks_.size()) +
                               (config_.compute_loss ? 0.25 * user_tasks_.size() : 0.0);
  work_total_ = std::max(1.0, per_iteration * config_.iterations);
  progress_.iterations = config_.iterations;
  tasks_per_slice_ = kLeastTasksPerThread * static_cast<size_t>(pool_->size());
}

AlsTrainer::~AlsTrainer() = default;

void AlsTrainer::begin_half_step() {
  if (half_ == 2) {
    // The loss of the factors this iteration ended with.
    gather_rows(model_.item_factors, item_order_, items_by_popularity_, *pool_);
    loss_pass_ =
        std::make_unique<TrainingLossPass>(user_confidences_, model_.user_factors, model_.item_factors,
                                           config_.regularization, *pool_, items_by_popularity_, user_order_.data());
  } else {
    // Gram matrix of the side held fixed: YᵀY + λI for the user step, XᵀX + λI for the item step.
    const FactorMatrix& fixed = half_ == 0 ? model_.item_factors : model_.user_factors;
    gram_ = gram_matrix(fixed, config_.regularization, *pool_);
    if (half_ == 0)
      gather_rows(fixed, item_order_, items_by_popularity_, *pool_);
    else
      gather_rows(fixed, user_order_, users_by_popularity_, *pool_);
  }
  next_task_ = 0;
  half_started_ = true;
}

size_t AlsTrainer::half_tasks() const {
  return half_ == 0 ? user_tasks_.size() : half_ == 1 ? item_tasks_.size() : loss_pass_->tasks();
}

void AlsTrainer::run_slice() {
  const size_t first = next_task_;
  const size_t count = std::min(tasks_per_slice_, half_tasks() - first);
  const auto start = Clock::now();
  if (half_ == 2) {
    loss_pass_->run_tasks(first, count, *pool_);
    work_done_ += 0.25 * static_cast<double>(user_tasks_.size()) * static_cast<double>(count) / loss_pass_->tasks();
  } else {
    const bool users = half_ == 0;
    const std::vector<RowRange>& tasks = users ? user_tasks_ : item_tasks_;
    const CsrMatrix& C = users ? user_confidences_ : item_confidences_;
    const FactorMatrix& Y = users ? items_by_popularity_ : users_by_popularity_;  // (C's column k is row k here)
    FactorMatrix& X = users ? model_.user_factors : model_.item_factors;
    const bool use_cg = config_.solver == Solver::kConjugateGradient;
    pool_->parallel_for(static_cast<int64_t>(count), [&](int64_t t) {
      const RowRange& range = tasks[first + t];
      solve_rows(C, gram_, Y, use_cg, config_.cg_steps, range.begin, range.end, X, config_.formulation,
                 config_.regularization, users ? user_order_.data() : item_order_.data());
    });
    work_done_ += static_cast<double>(count);
  }
  next_task_ += count;
  // The next slice: twice as many tasks while a slice takes under a quarter
  // of the budget, half as many when one took more than all of it (at least
  // four tasks per thread, so that uneven rows still balance across threads).
  const double took = seconds_since(start);
  const size_t least = kLeastTasksPerThread * static_cast<size_t>(pool_->size());
  if (took < 0.25 * budget_seconds_ && count == tasks_per_slice_)
    tasks_per_slice_ *= 2;
  else if (took > budget_seconds_)
    tasks_per_slice_ = std::max(least, tasks_per_slice_ / 2);
}

void AlsTrainer::end_half_step() {
  half_started_ = false;
  if (half_ == 0) {
    half_ = 1;
    return;
  }
  if (half_ == 1) {
    if (!all_finite(model_.user_factors) || !all_finite(model_.item_factors))
      throw std::runtime_error(
          "training diverged (factors are not finite): try increasing regularization or lowering alpha");
    if (config_.compute_loss) {
      half_ = 2;
      return;
    }
  } else {
    const double loss = loss_pass_->result();
    loss_pass_.reset();
    model_.loss_history.push_back(loss);
    progress_.loss.push_back(loss);
  }
  end_iteration();
  half_ = 0;
}

void AlsTrainer::end_iteration() {
  ++iteration_;
  progress_.iterations_done = iteration_;
}

void AlsTrainer::advance(double budget_seconds, bool stop_after_iteration) {
  const auto start = Clock::now();
  const int iterations_before = iteration_;
  budget_seconds_ = budget_seconds;
  while (!done()) {
    if (!half_started_) begin_half_step();
    if (next_task_ < half_tasks()) run_slice();
    if (next_task_ >= half_tasks()) end_half_step();
    if (stop_after_iteration && iteration_ > iterations_before) break;
    if (seconds_since(start) >= budget_seconds) break;
  }
  progress_.seconds += seconds_since(start);
  progress_.fraction = done() ? 1.0 : std::min(1.0, work_done_ / work_total_);
}

AlsModel AlsTrainer::take_model() {
  if (!done()) throw std::logic_error("take_model: training has not finished");
  model_.training_seconds = progress_.seconds;
  return std::move(model_);
}

AlsModel train_als(const CsrMatrix& user_items, const AlsConfig& config,
                   const std::function<bool(const TrainingProgress&)>& on_iteration) {
  AlsTrainer trainer(user_items, config);
  while (!trainer.done()) {
    trainer.advance(1e9, /*stop_after_iteration=*/true);
    if (on_iteration && !on_iteration(trainer.progress())) throw TrainingCancelled();
  }
  return trainer.take_model();
}

}  // namespace als
