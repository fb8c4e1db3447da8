#include "tuning/settings_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "eval/block_top_k.h"
#include "session/memory_estimate.h"

namespace als {

namespace {

constexpr int kHalving = 3;  // η: a third of each rung goes on to the next
constexpr int kMaxBracket = 27;

int survivors_of(int count) { return (count + kHalving - 1) / kHalving; }

// A different seed for each use of the one the user gave.
uint64_t derived_seed(uint64_t seed, uint64_t use) { return seed ^ (0x9E3779B97F4A7C15ull * (use + 1)); }

}  // namespace

struct SettingsSearch::Candidate {
  TrialSettings settings;  // settings.iterations is not used: the rungs decide
  int bracket = 0;
  bool tutorial = false;
  std::unique_ptr<AlsTrainer> trainer;  // alive while it may still go on to the next rung
  double best_score = -std::numeric_limits<double>::infinity();
};

struct SettingsSearch::Bracket {
  int first = 0, count = 0;  // candidates_[first, first + count)
  bool planned = false;      // count fixed (time budgets: once a trial was timed)
  int rung = 0;              // index into options_.rungs
  std::vector<int> queue;    // candidates to train to this rung, in order
  size_t next = 0;
  std::vector<std::pair<double, int>> ranking;  // (score, candidate) at this rung, best first
  int keep = 0;                                 // how many go on to the next rung (0 at the last)
};

struct SettingsSearch::Step {
  int candidate = 0;
  int from = 0, target = 0;  // iterations
  std::unique_ptr<BlockTopK> top_k;
  std::unique_ptr<SteppedRanking> scorer;
  double train_seconds = 0, score_seconds = 0;
};

SettingsSearch::SettingsSearch(const CsrMatrix& training_part, const TuningOptions& options)
    : options_(options), space_(SearchSpace::for_options(options)), rng_(derived_seed(options.base.seed, 1)) {
  validate_tuning_options(options_);
  options_.base.compute_loss = false;  // trials are scored on validation, not by the loss
  split_ = train_test_split(training_part, 1.0 - options_.validation_fraction, derived_seed(options_.base.seed, 2));
  validation_users_ =
      sample_test_users(split_.test, options_.max_validation_users, derived_seed(options_.base.seed, 3));
  if (split_.train.nnz() == 0 || validation_users_.empty())
    throw std::invalid_argument("too few ratings to hold out a validation split: the tuner needs a bigger data set");
  pool_ = ThreadPool::for_job(options_.base.threads);
  max_bracket_size_ = kMaxBracket;
  if (options_.memory_budget_bytes > 0) {
    // At most ⌈n/3⌉ trainers wait for the next rung while one more trains.
    const uint64_t per_trainer = estimate_training_bytes(split_.train.rows, split_.train.cols, split_.train.nnz(),
                                                         space_.factor_levels.back(), pool_->size())
                                     .peak_bytes;
    const int64_t alive = static_cast<int64_t>(options_.memory_budget_bytes / std::max<uint64_t>(per_trainer, 1));
    max_bracket_size_ = static_cast<int>(std::clamp<int64_t>(kHalving * (alive - 1), 1, kMaxBracket));
  }
}

SettingsSearch::~SettingsSearch() = default;

double SettingsSearch::elapsed() const {
  if (!started_) return 0;
  if (done_) return finished_seconds_;
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

double SettingsSearch::remaining_budget() const {
  if (options_.budget.in_iterations()) return options_.budget.iterations - iterations_used_;
  return options_.budget.seconds - elapsed();
}

SearchProgress SettingsSearch::progress() const {
  SearchProgress p;
  p.seconds = elapsed();
  p.iterations_used = iterations_used_;
  p.fraction = done_                             ? 1.0
               : options_.budget.in_iterations() ? static_cast<double>(iterations_used_) / options_.budget.iterations
                                                 : std::min(1.0, p.seconds / options_.budget.seconds);
  p.trials = static_cast<int>(trials_.size());
  p.brackets = brackets_;
  p.done = done_;
  return p;
}

const TrialResult* SettingsSearch::best() const {
  const TrialResult* best = nullptr;
  for (const TrialResult& t : trials_)
    if (t.ok() && (!best || t.score > best->score)) best = &t;
  return best;
}

// ---- costs: iterations, or seconds learnt from the trials so far ----

// Work of one iteration (CG: the nonzeros times f, the Gram and the CG
// products (users + items) times f²) and of scoring (every item for every
// validation user), in units whose seconds the trials so far tell.
double SettingsSearch::estimated_cost(const Candidate& c, int iterations) const {
  if (options_.budget.in_iterations()) return iterations;
  const double f = c.settings.factors;
  const double iteration_work = split_.train.nnz() * f + double(split_.train.rows + split_.train.cols) * f * f;
  const double score_work = double(validation_users_.size()) * split_.train.cols * f;
  const double per_train = train_work_ > 0 ? train_seconds_ / train_work_ : 0;
  const double per_score = score_work_ > 0 ? score_seconds_ / score_work_ : 0;
  return iterations * iteration_work * per_train + score_work * per_score;
}

// Cost of the bracket's first `count` candidates through every rung, each
// rung keeping a third (which ones is not known yet: the mean stands in);
// the tutorial's settings go all the way.
double SettingsSearch::bracket_cost(int count) const {
  const Bracket& b = *bracket_;
  const std::vector<int>& rungs = options_.rungs;
  double total = 0;
  std::vector<const Candidate*> halving;
  for (int j = 0; j < count; ++j) {
    const Candidate& c = candidates_[b.first + j];
    if (c.tutorial)
      total += estimated_cost(c, rungs.back());
    else
      halving.push_back(&c);
  }
  if (halving.empty()) return total;
  int alive = static_cast<int>(halving.size());
  for (size_t r = 0; r < rungs.size() && alive > 0; ++r) {
    const int iterations = rungs[r] - (r ? rungs[r - 1] : 0);
    double mean = 0;
    for (const Candidate* c : halving) mean += estimated_cost(*c, iterations);
    total += alive * (mean / halving.size());
    alive = survivors_of(alive);
  }
  return total;
}

// Cost of the first `count` candidates at the first rung only.
double SettingsSearch::first_rung_cost(int count) const {
  double total = 0;
  for (int j = 0; j < count; ++j) total += estimated_cost(candidates_[bracket_->first + j], options_.rungs.front());
  return total;
}

// How many of the drawn candidates the bracket can afford: half of what is
// left for the first bracket, 60 % for later ones (so refinement continues),
// everything that is left when that would be fewer than 3.
int SettingsSearch::planned_count(double remaining) const {
  const int drawn = bracket_->count;
  const auto fitting = [&](double share) {
    int n = 0;
    while (n < drawn && bracket_cost(n + 1) <= share) ++n;
    return n;
  };
  int n = fitting(remaining * (brackets_ == 1 ? 0.5 : 0.6));
  if (n < 3) n = fitting(remaining);
  if (n == 0) {
    // Not even one candidate can go through every rung: a last round of
    // first-rung trials (the later rungs drop out when they do not fit).
    while (n < drawn && first_rung_cost(n + 1) <= remaining) ++n;
  }
  // Keep the tutorial's settings (the reference point, second in the first
  // round) when their first rung fits, even if their later rungs may not.
  if (n == 1 && drawn >= 2 && candidates_[bracket_->first + 1].tutorial && first_rung_cost(2) <= remaining) n = 2;
  return n;
}

// ---- candidates ----

std::vector<TrialSettings> SettingsSearch::draw_candidates(int bracket, int count) {
  std::vector<TrialSettings> drawn;
  if (bracket == 0) {
    // Spread over the space, the one with the fewest factors first (with a
    // time budget it is the cheap trial that tells the cost of the others),
    // then the tutorial's settings, the reference point.
    std::vector<TrialSettings> spread = spread_settings(space_, count - 1, rng_);
    const auto fewest =
        std::min_element(spread.begin(), spread.end(),
                         [](const TrialSettings& a, const TrialSettings& b) { return a.factors < b.factors; });
    if (fewest != spread.end()) std::rotate(spread.begin(), fewest, fewest + 1);
    for (size_t j = 0; j < spread.size(); ++j) {
      drawn.push_back(spread[j]);
      if (j == 0) drawn.push_back(tutorial_settings());
    }
    if (drawn.empty()) drawn.push_back(tutorial_settings());
    return drawn;
  }
  // Centres: the three best candidates so far (by their best score at any rung).
  std::vector<int> order;
  for (int c = 0; c < static_cast<int>(candidates_.size()); ++c)
    if (std::isfinite(candidates_[c].best_score)) order.push_back(c);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return candidates_[a].best_score > candidates_[b].best_score; });
  order.resize(std::min<size_t>(order.size(), 3));
  const int explore = order.empty() ? count : count / 3;
  std::vector<TrialSettings> anywhere = spread_settings(space_, explore, rng_);
  const auto same = [](const TrialSettings& a, const TrialSettings& b) {
    return a.factors == b.factors && a.regularization == b.regularization && a.alpha == b.alpha &&
           a.scaling == b.scaling;
  };
  const auto seen = [&](const TrialSettings& s) {
    for (const Candidate& c : candidates_)
      if (same(c.settings, s)) return true;
    for (const TrialSettings& d : drawn)
      if (same(d, s)) return true;
    return false;
  };
  size_t next_anywhere = 0;
  for (int j = 0; j < count; ++j) {
    // Every third candidate from anywhere, the others near a centre in turn.
    if (order.empty() || (j % 3 == 2 && next_anywhere < anywhere.size())) {
      drawn.push_back(anywhere[next_anywhere++]);
      continue;
    }
    const TrialSettings& centre = candidates_[order[(j - j / 3) % order.size()]].settings;
    TrialSettings s = nearby_settings(space_, centre, rng_);
    for (int tries = 0; tries < 8 && seen(s); ++tries) s = nearby_settings(space_, centre, rng_);
    drawn.push_back(s);
  }
  return drawn;
}

bool SettingsSearch::start_bracket() {
  const int index = brackets_;
  bracket_ = std::make_unique<Bracket>();
  Bracket& b = *bracket_;
  b.first = static_cast<int>(candidates_.size());
  for (TrialSettings s : draw_candidates(index, max_bracket_size_)) {
    Candidate c;
    c.tutorial = index == 0 && s == tutorial_settings();
    s.iterations = 0;
    c.settings = s;
    c.bracket = index;
    candidates_.push_back(std::move(c));
  }
  b.count = static_cast<int>(candidates_.size()) - b.first;
  ++brackets_;
  // Plan now when the costs are known (iterations, or seconds once a trial
  // was timed); else run the first candidate and plan after it.
  const bool costs_known = options_.budget.in_iterations() || train_work_ > 0;
  if (costs_known) {
    const int n = planned_count(remaining_budget());
    if (n == 0) {
      candidates_.resize(b.first);
      bracket_.reset();
      --brackets_;
      return false;
    }
    b.count = n;
    candidates_.resize(b.first + n);
    b.planned = true;
  }
  for (int j = 0; j < b.count; ++j) b.queue.push_back(b.first + j);
  b.keep = keep_at_rung(b, b.count);
  return true;
}

// ---- the steps: train one candidate to the next rung, score it ----

bool SettingsSearch::begin_next_step() {
  for (;;) {
    if (!bracket_ && !start_bracket()) return false;
    Bracket& b = *bracket_;
    if (b.next >= b.queue.size()) {
      end_rung();
      continue;
    }
    const int id = b.queue[b.next];
    Candidate& c = candidates_[id];
    const int from = c.trainer ? c.trainer->progress().iterations_done : 0;
    const int target = options_.rungs[b.rung];
    ++b.next;
    if (estimated_cost(c, target - from) > remaining_budget()) {
      // What is left does not pay for this one: it drops out, cheaper ones
      // may still fit (the search ends when no new round fits at all).
      c.trainer.reset();
      continue;
    }
    iterations_used_ += target - from;
    step_ = std::make_unique<Step>();
    step_->candidate = id;
    step_->from = from;
    step_->target = target;
    return true;
  }
}

void SettingsSearch::run_step(double budget_seconds) {
  Step& s = *step_;
  Candidate& c = candidates_[s.candidate];
  const auto start = Clock::now();
  const auto spent = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  try {
    if (!c.trainer) {
      AlsConfig config = c.settings.config(options_.base);
      config.iterations = options_.rungs.back();
      c.trainer = std::make_unique<AlsTrainer>(split_.train, config);
    }
    while (c.trainer->progress().iterations_done < s.target) {
      c.trainer->advance(budget_seconds - spent(), /*stop_after_iteration=*/true);
      if (spent() >= budget_seconds) break;
    }
    const double trained = spent();
    s.train_seconds += trained;
    if (c.trainer->progress().iterations_done < s.target) return;
    if (!s.scorer) {
      s.top_k = std::make_unique<BlockTopK>(c.trainer->model());
      s.scorer = std::make_unique<SteppedRanking>(block_model_ranking(*s.top_k, split_.train), split_.test, options_.k,
                                                  validation_users_);
    }
    s.scorer->advance(std::max(0.0, budget_seconds - trained), *pool_);
    s.score_seconds += spent() - trained;
    if (!s.scorer->done()) return;
    const RankingMetrics metrics = s.scorer->result();
    finish_step(metric_value(metrics, options_.metric), metrics, "");
  } catch (const std::exception& e) {
    finish_step(0, RankingMetrics{}, e.what());  // e.g. diverged: this candidate is out, the search goes on
  }
}

void SettingsSearch::finish_step(double score, const RankingMetrics& metrics, const std::string& error) {
  const Step& s = *step_;
  Candidate& c = candidates_[s.candidate];
  Bracket& b = *bracket_;
  TrialResult r;
  r.index = static_cast<int>(trials_.size());
  r.candidate = s.candidate;
  r.bracket = c.bracket;
  r.settings = c.settings;
  r.settings.iterations = s.target;
  r.validation = metrics;
  r.validation.k = options_.k;
  r.score = score;
  r.seconds = s.train_seconds + s.score_seconds;
  r.tutorial = c.tutorial;
  r.error = error;
  trials_.push_back(r);
  if (error.empty()) {
    const double f = c.settings.factors;
    train_seconds_ += s.train_seconds;
    train_work_ +=
        (s.target - s.from) * (split_.train.nnz() * f + double(split_.train.rows + split_.train.cols) * f * f);
    score_seconds_ += s.score_seconds;
    score_work_ += double(validation_users_.size()) * split_.train.cols * f;
    c.best_score = std::max(c.best_score, score);
    // The rung's ranking; only its top `keep` keep their trainers for the
    // next rung. The tutorial's settings go on anyway (the reference point).
    if (c.tutorial) {
      if (b.rung + 1 >= static_cast<int>(options_.rungs.size())) c.trainer.reset();
    } else {
      const std::pair<double, int> entry{score, s.candidate};
      const auto at = std::upper_bound(b.ranking.begin(), b.ranking.end(), entry, [](const auto& x, const auto& y) {
        return x.first > y.first || (x.first == y.first && x.second < y.second);
      });
      const int position = static_cast<int>(at - b.ranking.begin());
      b.ranking.insert(at, entry);
      if (position >= b.keep)
        c.trainer.reset();  // not among the best `keep`: out
      else if (static_cast<int>(b.ranking.size()) > b.keep)
        candidates_[b.ranking[b.keep].second].trainer.reset();
    }
  } else {
    c.trainer.reset();
  }
  step_.reset();
  if (!b.planned && train_work_ > 0) {
    // Time budget: the first trial was timed; size the bracket (the part of
    // it still to run gets what is left).
    const int n = std::max(1, planned_count(remaining_budget()));
    b.count = std::min(b.count, n);
    candidates_.resize(b.first + b.count);
    b.queue.resize(std::min(b.queue.size(), static_cast<size_t>(b.count)));
    b.keep = keep_at_rung(b, b.count);
    b.planned = true;
    while (static_cast<int>(b.ranking.size()) > b.keep) {
      candidates_[b.ranking.back().second].trainer.reset();
      b.ranking.pop_back();
    }
  }
}

void SettingsSearch::end_rung() {
  Bracket& b = *bracket_;
  const bool last = b.rung + 1 >= static_cast<int>(options_.rungs.size());
  std::vector<int> survivors;
  if (!last) {
    for (int j = 0; j < std::min<int>(b.keep, static_cast<int>(b.ranking.size())); ++j)
      survivors.push_back(b.ranking[j].second);
    for (int id : b.queue)
      if (candidates_[id].tutorial && candidates_[id].trainer) survivors.push_back(id);
  }
  if (survivors.empty()) {
    end_bracket();
    return;
  }
  std::sort(survivors.begin(), survivors.end());  // candidate order: the same for any timing
  b.queue = survivors;
  b.next = 0;
  b.ranking.clear();
  ++b.rung;
  b.keep = keep_at_rung(b, static_cast<int>(b.queue.size()));
}

// A third of the rung's candidates (the tutorial's settings not counted:
// they go on anyway), none at the last rung.
int SettingsSearch::keep_at_rung(const Bracket& b, int count) const {
  if (b.rung + 1 >= static_cast<int>(options_.rungs.size())) return 0;
  for (int j = 0; j < count && j < static_cast<int>(b.queue.size()); ++j)
    if (candidates_[b.queue[j]].tutorial) --count;
  return survivors_of(count);
}

void SettingsSearch::end_bracket() {
  for (int j = bracket_->first; j < bracket_->first + bracket_->count; ++j) candidates_[j].trainer.reset();
  bracket_.reset();
}

void SettingsSearch::advance(double budget_seconds) {
  if (done_) return;
  if (!started_) {
    started_ = true;
    start_ = Clock::now();
  }
  const auto slice_start = Clock::now();
  const auto spent = [&] { return std::chrono::duration<double>(Clock::now() - slice_start).count(); };
  while (!done_) {
    // A time budget is a deadline: a trial still running then is dropped.
    const bool out_of_time = !options_.budget.in_iterations() && elapsed() >= options_.budget.seconds;
    if (out_of_time || (!step_ && !begin_next_step())) {
      step_.reset();
      if (bracket_) end_bracket();
      finished_seconds_ = elapsed();  // the clock stops with the search
      done_ = true;
      break;
    }
    run_step(std::max(0.0, budget_seconds - spent()));
    if (spent() >= budget_seconds) break;
  }
}

}  // namespace als
