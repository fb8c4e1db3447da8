#include "cli/tune_command.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "cli/printing.h"
#include "tuning/tuning_run.h"

namespace als::cli {

const char* const kTunedOptions[5] = {"factors", "regularization", "alpha", "iterations", "scaling"};

namespace {

const char* metric_label(TuningMetric metric) {
  switch (metric) {
    case TuningMetric::kMap:
      return "MAP";
    case TuningMetric::kNdcg:
      return "NDCG";
    default:
      return "precision";
  }
}

void print_trial_header(bool scaling, const std::string& metric) {
  std::printf("%5s %5s %7s %14s %7s %s%10s %13s %8s\n", "trial", "round", "factors", "regularization", "alpha",
              scaling ? "scaling " : "", "iterations", metric.c_str(), "seconds");
}

void print_trial(const TrialResult& t, bool scaling) {
  std::printf("%5d %5d %7d %14g %7g ", t.index + 1, t.bracket + 1, t.settings.factors, t.settings.regularization,
              t.settings.alpha);
  if (scaling) std::printf("%-8s", scaling_name(t.settings.scaling));
  std::printf("%10d ", t.settings.iterations);
  if (t.ok())
    std::printf("%13.4f %8.2f%s\n", t.score, t.seconds, t.tutorial ? "  the tutorial's settings" : "");
  else
    std::printf("%13s %8.2f  failed: %s\n", "-", t.seconds, t.error.c_str());
  std::fflush(stdout);
}

// JSON for benchmarks and scripts (--json FILE).
void json_metrics(std::FILE* out, const char* name, const RankingMetrics& m, bool comma) {
  std::fprintf(
      out,
      "\"%s\": {\"k\": %d, \"precision\": %.17g, \"map\": %.17g, \"ndcg\": %.17g, \"auc\": %.17g, \"users\": %lld}%s",
      name, m.k, m.precision, m.map, m.ndcg, m.auc, static_cast<long long>(m.users), comma ? ", " : "");
}

void json_trial(std::FILE* out, const TrialResult& t) {
  std::fprintf(out,
               "{\"index\": %d, \"candidate\": %d, \"bracket\": %d, \"factors\": %d, \"regularization\": %.9g, "
               "\"alpha\": %.9g, \"scaling\": \"%s\", \"iterations\": %d, \"score\": %.17g, \"seconds\": %.6f, "
               "\"tutorial\": %s, \"ok\": %s, ",
               t.index, t.candidate, t.bracket, t.settings.factors, t.settings.regularization, t.settings.alpha,
               scaling_name(t.settings.scaling), t.settings.iterations, t.score, t.seconds,
               t.tutorial ? "true" : "false", t.ok() ? "true" : "false");
  json_metrics(out, "validation", t.validation, false);
  std::fprintf(out, "}");
}

void write_json(const std::string& path, const TuningRun& run, const AlsConfig& base, double test_fraction) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (!out) throw UsageError("cannot write " + path);
  const SettingsSearch& search = run.search();
  const TuningOptions& o = search.options();
  const SearchProgress p = search.progress();
  const ComparisonResult& c = run.comparison()->result();
  std::fprintf(
      out,
      "{\"metric\": \"%s\", \"k\": %d, \"budget_seconds\": %.6f, \"budget_iterations\": %d, "
      "\"search_seconds\": %.6f, \"iterations_used\": %d, \"rounds\": %d, \"comparison_seconds\": %.6f, "
      "\"test_fraction\": %.6f, \"fit_interactions\": %lld, \"validation_interactions\": %lld, "
      "\"validation_users\": %lld, \"train_interactions\": %lld, \"test_interactions\": %lld, \"flags\": \"%s\",\n",
      metric_name(o.metric), o.k, o.budget.in_iterations() ? 0.0 : o.budget.seconds, o.budget.iterations, p.seconds,
      p.iterations_used, p.brackets, run.comparison_seconds(), test_fraction,
      static_cast<long long>(search.validation_split().train.nnz()),
      static_cast<long long>(search.validation_split().test.nnz()), static_cast<long long>(search.validation_users()),
      static_cast<long long>(c.train_interactions), static_cast<long long>(c.test_interactions),
      settings_flags(c.tuned_settings, base).c_str());
  std::fprintf(out, "\"best\": ");
  json_trial(out, *search.best());
  std::fprintf(out, ",\n\"test\": {");
  json_metrics(out, "tuned", c.tuned, true);
  json_metrics(out, "tutorial", c.tutorial, true);
  json_metrics(out, "popularity", c.popularity, false);
  std::fprintf(out, ", \"tuned_seconds\": %.6f, \"tutorial_seconds\": %.6f},\n\"trials\": [\n", c.tuned_seconds,
               c.tutorial_seconds);
  const auto& trials = search.trials();
  for (size_t k = 0; k < trials.size(); ++k) {
    json_trial(out, trials[k]);
    std::fprintf(out, k + 1 < trials.size() ? ",\n" : "\n");
  }
  std::fprintf(out, "]}\n");
  std::fclose(out);
}

std::string percent_change(double tuned, double reference) {
  if (!(reference > 0)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f %%", 100.0 * (tuned / reference - 1.0));
  return text;
}

}  // namespace

int run_tune(const Arguments& args, const Dataset& data, const AlsConfig& base) {
  TuningOptions options;
  options.base = base;
  options.budget.seconds = args.number("budget", 30);
  options.budget.iterations = static_cast<int>(args.integer("budget-iterations", 0));
  if (options.budget.iterations < 0) throw UsageError("--budget-iterations must be a positive number of iterations");
  try {
    options.metric = parse_metric(args.text("metric", "precision@10"), &options.k);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--") + e.what());
  }
  options.search_scaling = values_look_like_counts(data.user_items);
  const double test_fraction = args.number("test-fraction", 0.2);
  if (!(test_fraction > 0 && test_fraction < 1)) throw UsageError("--test-fraction must be between 0 and 1");
  const uint64_t split_seed = static_cast<uint64_t>(args.integer("split-seed", 1));  // as `als evaluate`
  const std::string json = args.text("json", "");

  TuningRun run(train_test_split(data.user_items, 1.0 - test_fraction, split_seed), options);
  const SettingsSearch& search = run.search();
  const TrainTestSplit& inner = search.validation_split();
  const std::string metric = std::string(metric_label(options.metric)) + "@" + std::to_string(options.k);
  std::printf("test split: %s ratings (%g%%) set aside until the end; the search sees the other %s\n",
              with_thousands(run.split().test.nnz()).c_str(), 100 * test_fraction,
              with_thousands(run.split().train.nnz()).c_str());
  std::printf("validation: %s of them held out (scored for %s users), trials train on %s\n",
              with_thousands(inner.test.nnz()).c_str(), with_thousands(search.validation_users()).c_str(),
              with_thousands(inner.train.nnz()).c_str());
  if (options.budget.in_iterations())
    std::printf("budget: %d ALS iterations over all trials; metric %s\n", options.budget.iterations, metric.c_str());
  else
    std::printf("budget: %g s; metric %s\n", options.budget.seconds, metric.c_str());
  print_trial_header(options.search_scaling, metric);

  size_t printed = 0;
  bool announced = false;
  while (!run.done()) {
    run.advance(0.1);
    for (; printed < search.trials().size(); ++printed) print_trial(search.trials()[printed], options.search_scaling);
    if (run.phase() != TuningRun::Phase::kSearching && !announced) {
      announced = true;
      std::fprintf(stderr, "search over: training the tuned and the tutorial's settings on the training part ...\n");
    }
  }

  const SearchProgress p = search.progress();
  const TrialResult& best = *search.best();
  const TrialResult* tutorial = nullptr;
  for (const TrialResult& t : search.trials())
    if (t.tutorial && t.ok()) tutorial = &t;  // its last (highest) rung
  char budget[48];
  if (options.budget.in_iterations())
    std::snprintf(budget, sizeof budget, "%d iterations", options.budget.iterations);
  else
    std::snprintf(budget, sizeof budget, "%g s", options.budget.seconds);
  std::printf("\nsearch: %.1f s (budget %s), %d iterations, %zu trials in %d rounds\n", p.seconds, budget,
              p.iterations_used, search.trials().size(), p.brackets);
  std::printf("best on validation: trial %d, %s %.4f", best.index + 1, metric.c_str(), best.score);
  if (tutorial)
    std::printf(" (the tutorial's settings: %.4f at %d iterations)", tutorial->score, tutorial->settings.iterations);
  std::printf("\n");
  const ComparisonResult& c = run.comparison()->result();
  std::printf("on the test split, never seen by the search (both models trained on all %s training ratings):\n",
              with_thousands(c.train_interactions).c_str());
  print_metrics("tuned", c.tuned);
  print_metrics("tutorial", c.tutorial);
  print_metrics("popularity", c.popularity);
  std::printf("tuned vs the tutorial's settings on the test split: %s %s", metric.c_str(),
              percent_change(metric_value(c.tuned, options.metric), metric_value(c.tutorial, options.metric)).c_str());
  if (options.metric != TuningMetric::kPrecision)
    std::printf(", precision@%d %s", options.k, percent_change(c.tuned.precision, c.tutorial.precision).c_str());
  std::printf(" (comparison took %.1f s)\n", run.comparison_seconds());
  if (!json.empty()) write_json(json, run, base, test_fraction);
  std::printf("%s\n", settings_flags(best.settings, base).c_str());
  return 0;
}

}  // namespace als::cli
