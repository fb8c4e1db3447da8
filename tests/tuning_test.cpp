// The tuner (cpp/tuning/): what it searches, that it never reads the test
// split, that an iteration budget makes it reproducible for any thread count,
// successive halving with warm starts, and the comparison on the test split.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "eval/evaluate.h"
#include "synthetic/synthetic_data.h"
#include "tuning/search_space.h"
#include "tuning/tuning_run.h"

namespace als {
namespace {

// A small generated MovieLens-like set with taste structure (ratings >= 3):
// small enough that a few hundred trials run in seconds under the sanitizers.
CsrMatrix tuning_data(int32_t users = 160, int32_t items = 120, int64_t ratings = 4800) {
  SyntheticSpec spec = *synthetic_preset("demo");
  spec.users = users;
  spec.items = items;
  spec.ratings = ratings;
  std::vector<Triplet> kept;
  std::map<int32_t, int32_t> movie_index;  // movie ids have gaps
  for (const SyntheticRating& r : generate_ratings(spec)) {
    if (r.rating < 3) continue;
    const int32_t item = movie_index.emplace(r.movie_id, static_cast<int32_t>(movie_index.size())).first->second;
    kept.push_back({r.user_id - 1, item, r.rating});
  }
  return csr_from_triplets(users, static_cast<int32_t>(movie_index.size()), kept, DuplicateRule::kLast);
}

// Short rungs (1, 2, 4 iterations instead of 2, 5, 15) and at most 32
// factors keep the tests quick (under the sanitizers too).
TuningOptions iteration_budget(int iterations, int threads = 2) {
  TuningOptions o;
  o.base.threads = threads;
  o.base.seed = 7;
  o.budget.iterations = iterations;
  o.rungs = {1, 2, 4};
  o.max_factors = 32;
  return o;
}

void run_to_end(TuningRun& run) {
  while (!run.done()) run.advance(0.05);
}

// Everything a trial says, in one comparable line.
std::string describe(const TrialResult& t) {
  char text[200];
  std::snprintf(text, sizeof text, "#%d c%d b%d f%d reg%.9g a%.9g s%d it%d score %.17g p%.17g map%.17g ndcg%.17g %s",
                t.index, t.candidate, t.bracket, t.settings.factors, t.settings.regularization, t.settings.alpha,
                static_cast<int>(t.settings.scaling), t.settings.iterations, t.score, t.validation.precision,
                t.validation.map, t.validation.ndcg, t.error.c_str());
  return text;
}

std::vector<std::string> describe_all(const std::vector<TrialResult>& trials) {
  std::vector<std::string> out;
  for (const TrialResult& t : trials) out.push_back(describe(t));
  return out;
}

// ---- settings, metrics, flags ----

TEST(TuningSettings, ParsesTheMetricsAndSaysWhatIsAccepted) {
  int k = 0;
  EXPECT_EQ(parse_metric("p@10", &k), TuningMetric::kPrecision);
  EXPECT_EQ(k, 10);
  EXPECT_EQ(parse_metric("precision@5", &k), TuningMetric::kPrecision);
  EXPECT_EQ(k, 5);
  EXPECT_EQ(parse_metric("MAP@20", &k), TuningMetric::kMap);
  EXPECT_EQ(k, 20);
  EXPECT_EQ(parse_metric("ndcg", &k), TuningMetric::kNdcg);
  EXPECT_EQ(k, 10);
  for (const char* bad : {"auc@10", "ndcg@", "ndcg@0", "p@ten", ""}) {
    try {
      parse_metric(bad, &k);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("ndcg@K"), std::string::npos) << e.what();
    }
  }
}

TEST(TuningSettings, FlagsSayEverySettingThatIsNotTheDefault) {
  AlsConfig base;
  TrialSettings s;
  s.factors = 32;
  s.regularization = 30;
  s.alpha = 1;
  s.iterations = 15;
  EXPECT_EQ(settings_flags(s, base), "--factors 32 --regularization 30 --alpha 1 --iterations 15");
  s.regularization = round_significant(0.0047);
  s.scaling = ConfidenceScaling::kLog;
  base.seed = 9;
  base.confidence.one_plus = true;
  EXPECT_EQ(settings_flags(s, base),
            "--factors 32 --regularization 0.0047 --alpha 1 --iterations 15 --scaling log --one-plus --seed 9");
}

TEST(TuningSettings, RoundsToTwoSignificantDigitsThatReadBackExactly) {
  EXPECT_FLOAT_EQ(round_significant(0.012345), 0.012f);
  EXPECT_FLOAT_EQ(round_significant(31.62), 32.0f);
  EXPECT_FLOAT_EQ(round_significant(0.001), 0.001f);
  EXPECT_EQ(round_significant(0.3), std::strtof("0.3", nullptr));
}

// ---- the search space ----

TEST(SearchSpace, SpreadSettingsPutOneCandidateInEveryStratumOfBothLogScales) {
  const SearchSpace space;
  SplitMix64 rng(3);
  const int n = 12;
  const std::vector<TrialSettings> spread = spread_settings(space, n, rng);
  ASSERT_EQ(spread.size(), static_cast<size_t>(n));
  std::set<int> reg_strata, alpha_strata;
  std::map<int, int> factors;
  for (const TrialSettings& s : spread) {
    const double ur = (std::log10(s.regularization) - space.log10_regularization_min) /
                      (space.log10_regularization_max - space.log10_regularization_min);
    const double ua = (std::log10(s.alpha) - space.log10_alpha_min) / (space.log10_alpha_max - space.log10_alpha_min);
    // Rounding to 2 digits moves a value by < 5 %: never across more than a sliver of a stratum.
    reg_strata.insert(std::clamp(static_cast<int>(std::floor(ur * n)), 0, n - 1));
    alpha_strata.insert(std::clamp(static_cast<int>(std::floor(ua * n)), 0, n - 1));
    EXPECT_GE(s.regularization, 0.00099f);
    EXPECT_LE(s.regularization, 100.0f);
    EXPECT_GE(s.alpha, 0.099f);
    EXPECT_LE(s.alpha, 32.0f);
    ++factors[s.factors];
    EXPECT_EQ(s.scaling, ConfidenceScaling::kNone);
  }
  EXPECT_GE(reg_strata.size(), static_cast<size_t>(n - 2)) << "the regularization strata are not all covered";
  EXPECT_GE(alpha_strata.size(), static_cast<size_t>(n - 2));
  EXPECT_EQ(factors.size(), space.start_levels.size()) << "every start level is used";
  for (const auto& [f, count] : factors) EXPECT_EQ(count, n / 4) << f << " factors";
}

TEST(SearchSpace, KeepsToTheLargestFactorsAllowed) {
  TuningOptions options;
  options.max_factors = 32;
  const SearchSpace space = SearchSpace::for_options(options);
  EXPECT_EQ(space.factor_levels, (std::vector<int>{8, 16, 32}));
  EXPECT_EQ(space.start_levels, (std::vector<int>{16, 32}));
  options.max_factors = 4;
  EXPECT_EQ(SearchSpace::for_options(options).start_levels, (std::vector<int>{4}));
}

TEST(SearchSpace, NearbySettingsStayWithinHalfADecadeAndOneFactorLevel) {
  SearchSpace space;
  space.scalings = true;
  SplitMix64 rng(4);
  TrialSettings centre;
  centre.factors = 32;
  centre.regularization = 1;
  centre.alpha = 2;
  std::set<int> seen_factors;
  for (int k = 0; k < 200; ++k) {
    const TrialSettings s = nearby_settings(space, centre, rng);
    EXPECT_LE(std::fabs(std::log10(s.regularization)), 0.5 + 0.03);
    EXPECT_LE(std::fabs(std::log10(s.alpha / 2.0)), 0.5 + 0.03);
    seen_factors.insert(s.factors);
  }
  EXPECT_EQ(seen_factors, (std::set<int>{16, 32, 64}));
}

// ---- the search ----

TEST(SettingsSearch, NeverReadsTheTestSplit) {
  // The same training part; the test split with and without planted
  // interactions that exist only there. Every trial must come out the same
  // (the planted ones change what reads the test split: the comparison).
  const CsrMatrix data = tuning_data(100, 70, 2500);
  const TrainTestSplit split = train_test_split(data, 0.8, 1);
  std::vector<Triplet> test;
  for (int32_t u = 0; u < split.test.rows; ++u)
    for (int64_t k = split.test.indptr[u]; k < split.test.indptr[u + 1]; ++k)
      test.push_back({u, split.test.indices[k], split.test.values[k]});
  const size_t original = test.size();
  for (int32_t u = 0; u < data.rows; ++u)
    for (int32_t i = u % 7; i < data.cols; i += 11)
      if (data.at(u, i) == 0.0f) test.push_back({u, i, 5.0f});  // never rated: only in the test split
  ASSERT_GT(test.size(), original + 300);
  TrainTestSplit planted{split.train, csr_from_triplets(data.rows, data.cols, test, DuplicateRule::kLast)};

  TuningRun clean(split, iteration_budget(60));
  TuningRun with_planted(planted, iteration_budget(60));
  run_to_end(clean);
  run_to_end(with_planted);
  ASSERT_GT(clean.search().trials().size(), 10u);
  EXPECT_EQ(describe_all(clean.search().trials()), describe_all(with_planted.search().trials()));
  EXPECT_NE(clean.comparison()->result().tuned.precision, with_planted.comparison()->result().tuned.precision)
      << "the planted interactions should change the test-split comparison";
}

TEST(SettingsSearch, SameSeedAndIterationBudgetGiveTheSameTrialsWithAnyThreadCount) {
  const CsrMatrix data = tuning_data();
  const CsrMatrix training_part = train_test_split(data, 0.8, 1).train;
  std::vector<std::vector<std::string>> runs;
  std::vector<std::string> flags;
  for (int threads : {1, 2, 7}) {
    SettingsSearch search(training_part, iteration_budget(60, threads));
    while (!search.done()) search.advance(0.05);
    runs.push_back(describe_all(search.trials()));
    flags.push_back(settings_flags(search.best()->settings, AlsConfig{}));
  }
  ASSERT_GT(runs[0].size(), 10u);
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_EQ(runs[0], runs[2]);
  EXPECT_EQ(flags[0], flags[1]);
  EXPECT_EQ(flags[0], flags[2]);
}

TEST(SettingsSearch, TheChosenSettingsScoreHighestAndBeatTheWorstTrial) {
  const CsrMatrix data = tuning_data();
  SettingsSearch search(train_test_split(data, 0.8, 1).train, iteration_budget(60));
  while (!search.done()) search.advance(0.05);
  const TrialResult* best = search.best();
  ASSERT_NE(best, nullptr);
  double worst = 1e9;
  for (const TrialResult& t : search.trials()) {
    ASSERT_TRUE(t.ok()) << t.error;
    EXPECT_LE(t.score, best->score);
    worst = std::min(worst, t.score);
  }
  EXPECT_GT(best->score, worst) << "the best settings are no better than the worst trial";
  EXPECT_EQ(best->score, metric_value(best->validation, TuningMetric::kPrecision));
}

TEST(SettingsSearch, SpendsTheIterationBudgetInSuccessiveHalvingRounds) {
  const CsrMatrix data = tuning_data();
  const TuningOptions options = iteration_budget(80);
  SettingsSearch search(train_test_split(data, 0.8, 1).train, options);
  while (!search.done()) search.advance(0.05);
  const SearchProgress p = search.progress();
  EXPECT_LE(p.iterations_used, 80);
  EXPECT_GT(p.iterations_used, 60) << "most of the budget is used";
  EXPECT_GE(p.brackets, 2) << "a first spread-out round, then refinement";

  // Per candidate: the rungs it was scored at, in order; the iterations it cost.
  std::map<int, std::vector<int>> rungs_of;
  int iterations = 0;
  for (const TrialResult& t : search.trials()) {
    std::vector<int>& seen = rungs_of[t.candidate];
    iterations += t.settings.iterations - (seen.empty() ? 0 : seen.back());
    seen.push_back(t.settings.iterations);
  }
  EXPECT_EQ(iterations, p.iterations_used) << "each rung continues where the previous one stopped (warm start)";
  for (const auto& [candidate, seen] : rungs_of)
    for (size_t r = 0; r < seen.size(); ++r) EXPECT_EQ(seen[r], options.rungs[r]) << "candidate " << candidate;

  // In each bracket, a rung holds at most a third of the previous one (the
  // tutorial's settings aside), and those are the best of it.
  const auto& trials = search.trials();
  EXPECT_FALSE(trials[0].tutorial) << "a cheap trial first";
  EXPECT_TRUE(trials[1].tutorial) << "then the tutorial's settings";
  EXPECT_EQ(trials[1].settings.factors, 100);
  EXPECT_LE(trials[0].settings.factors, 16) << "the spread candidate with the fewest factors";
  EXPECT_EQ(rungs_of[trials[1].candidate].size(), options.rungs.size()) << "the tutorial's settings go all the way";
  for (int b = 0; b < p.brackets; ++b) {
    for (size_t r = 1; r < options.rungs.size(); ++r) {
      std::vector<std::pair<double, int>> previous;
      std::set<int> next;
      for (const TrialResult& t : trials) {
        if (t.bracket != b || t.tutorial) continue;
        if (t.settings.iterations == options.rungs[r - 1]) previous.push_back({t.score, t.candidate});
        if (t.settings.iterations == options.rungs[r]) next.insert(t.candidate);
      }
      if (previous.empty()) continue;
      EXPECT_LE(next.size(), (previous.size() + 2) / 3) << "bracket " << b << " rung " << r;
      std::sort(previous.begin(), previous.end(),
                [](auto a, auto c) { return a.first > c.first || (a.first == c.first && a.second < c.second); });
      for (size_t j = 0; j < next.size(); ++j)
        EXPECT_TRUE(next.count(previous[j].second)) << "bracket " << b << " rung " << r;
    }
  }
}

TEST(SettingsSearch, AWarmStartedTrialScoresAsTrainingFromScratch) {
  const CsrMatrix data = tuning_data();
  const TuningOptions options = iteration_budget(40);
  SettingsSearch search(train_test_split(data, 0.8, 1).train, options);
  while (!search.done()) search.advance(0.05);
  const TrialResult* continued = nullptr;
  for (const TrialResult& t : search.trials())
    if (t.settings.iterations == options.rungs[1] && !t.tutorial) continued = &t;
  ASSERT_NE(continued, nullptr);
  // Train the same settings from scratch to that rung and score them the same way.
  AlsConfig config = continued->settings.config(options.base);
  const TrainTestSplit& inner = search.validation_split();
  AlsModel model = train_als(inner.train, config);
  ThreadPool pool(1);
  const Recommender recommender(model);
  SteppedRanking ranking(model_ranking(recommender, inner.train), inner.test, options.k);
  ranking.finish(pool);
  EXPECT_NEAR(ranking.result().precision, continued->validation.precision, 0.003)
      << "(the search's fast scorer may order near-ties differently)";
}

TEST(SettingsSearch, ATimeBudgetIsADeadline) {
  const CsrMatrix data = tuning_data();
  TuningOptions options;
  options.base.threads = 2;
  options.budget.seconds = 0.5;
  SettingsSearch search(train_test_split(data, 0.8, 1).train, options);
  while (!search.done()) search.advance(0.05);
  EXPECT_GE(search.trials().size(), 1u);
  EXPECT_LT(search.progress().seconds, 0.5 + 2.0) << "a trial running at the deadline is dropped, not finished";
  EXPECT_EQ(search.progress().fraction, 1.0);
}

TEST(SettingsSearch, ATrialThatFailsIsReportedAndTheSearchGoesOn) {
  // Values so large that alpha >= ~7 makes a confidence infinite: those
  // trials fail with the trainer's message, the others are scored.
  CsrMatrix data = tuning_data();
  for (float& v : data.values) v = v * 1e37f;
  SettingsSearch search(train_test_split(data, 0.8, 1).train, iteration_budget(60));
  while (!search.done()) search.advance(0.05);
  int failed = 0, scored = 0;
  for (const TrialResult& t : search.trials()) {
    if (t.ok())
      ++scored;
    else {
      ++failed;
      EXPECT_NE(t.error.find("alpha"), std::string::npos) << t.error;
    }
  }
  EXPECT_GT(failed, 0);
  EXPECT_GT(scored, 0);
}

TEST(TuningRun, SaysSoWhenTheBudgetIsTooSmallForOneTrial) {
  const CsrMatrix data = tuning_data();
  TuningOptions options = iteration_budget(1);
  options.rungs = {2, 5, 15};  // the first rung needs 2
  TuningRun run(train_test_split(data, 0.8, 1), options);
  try {
    run_to_end(run);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no trial finished within the budget (1 iterations)"), std::string::npos)
        << e.what();
  }
}

TEST(TuningRun, ComparesOnTheTestSplitExactlyAsEvaluateDoes) {
  const CsrMatrix data = tuning_data(100, 70, 2500);
  const TrainTestSplit split = train_test_split(data, 0.8, 1);
  TuningRun run(split, iteration_budget(30));
  run_to_end(run);
  const ComparisonResult& c = run.comparison()->result();
  EXPECT_EQ(c.tuned_settings, run.search().best()->settings);
  EXPECT_EQ(c.tutorial_settings, tutorial_settings());
  ThreadPool pool(2);
  AlsConfig tuned = c.tuned_settings.config(run.search().options().base);
  EXPECT_EQ(c.tuned.precision, evaluate_model(train_als(split.train, tuned), split, 10, pool).precision);
  AlsConfig tutorial = tutorial_settings().config(run.search().options().base);
  EXPECT_EQ(c.tutorial.precision, evaluate_model(train_als(split.train, tutorial), split, 10, pool).precision);
  EXPECT_EQ(c.popularity.precision, evaluate_popularity(split, 10, pool).precision);
  EXPECT_GT(c.tuned.precision, c.popularity.precision);
}

TEST(TuningRun, LooksForTheScalingOnlyForPlayCounts) {
  CsrMatrix counts = tuning_data();
  EXPECT_FALSE(values_look_like_counts(counts));
  for (float& v : counts.values) v = std::floor(v * 7);
  EXPECT_TRUE(values_look_like_counts(counts));
  TuningOptions options = iteration_budget(60);
  options.search_scaling = true;
  SettingsSearch search(train_test_split(counts, 0.8, 1).train, options);
  while (!search.done()) search.advance(0.05);
  std::set<ConfidenceScaling> tried;
  for (const TrialResult& t : search.trials()) tried.insert(t.settings.scaling);
  EXPECT_EQ(tried.size(), 3u) << "none, log and BM25 are all tried";
}

}  // namespace
}  // namespace als
