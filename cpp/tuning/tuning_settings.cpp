#include "tuning/tuning_settings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "als/als_trainer.h"

namespace als {

const char* metric_name(TuningMetric metric) {
  switch (metric) {
    case TuningMetric::kMap:
      return "map";
    case TuningMetric::kNdcg:
      return "ndcg";
    default:
      return "precision";
  }
}

TuningMetric parse_metric(const std::string& text, int* k) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const size_t at = lower.find('@');
  const std::string name = lower.substr(0, at);
  const auto fail = [&] {
    throw std::invalid_argument("metric '" + text + "': use precision@K (or p@K), map@K or ndcg@K, e.g. ndcg@10");
  };
  int parsed_k = 10;
  if (at != std::string::npos) {
    const std::string digits = lower.substr(at + 1);
    if (digits.empty() || digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) fail();
    parsed_k = std::stoi(digits);
    if (parsed_k < 1) fail();
  }
  TuningMetric metric = TuningMetric::kPrecision;
  if (name == "map")
    metric = TuningMetric::kMap;
  else if (name == "ndcg")
    metric = TuningMetric::kNdcg;
  else if (name != "p" && name != "precision")
    fail();
  if (k) *k = parsed_k;
  return metric;
}

double metric_value(const RankingMetrics& m, TuningMetric metric) {
  switch (metric) {
    case TuningMetric::kMap:
      return m.map;
    case TuningMetric::kNdcg:
      return m.ndcg;
    default:
      return m.precision;
  }
}

AlsConfig TrialSettings::config(const AlsConfig& base) const {
  AlsConfig c = base;
  c.factors = factors;
  c.regularization = regularization;
  c.confidence.alpha = alpha;
  c.confidence.scaling = scaling;
  c.iterations = iterations;
  return c;
}

bool TrialSettings::operator==(const TrialSettings& o) const {
  return factors == o.factors && regularization == o.regularization && alpha == o.alpha && scaling == o.scaling &&
         iterations == o.iterations;
}

TrialSettings tutorial_settings() {
  const AlsConfig defaults;
  TrialSettings s;
  s.factors = defaults.factors;
  s.regularization = defaults.regularization;
  s.alpha = defaults.confidence.alpha;
  s.scaling = defaults.confidence.scaling;
  s.iterations = defaults.iterations;
  return s;
}

void validate_tuning_options(const TuningOptions& o) {
  auto fail = [](const std::string& what) { throw std::invalid_argument(what); };
  if (o.budget.in_iterations()) {
    if (o.budget.iterations > 1000000) fail("the iteration budget must be at most 1,000,000");
  } else if (!(o.budget.seconds > 0) || o.budget.seconds > 86400) {
    fail("the time budget must be between 0 and 86,400 seconds");
  }
  if (o.k < 1 || o.k > 1000) fail("K must be between 1 and 1000");
  if (!(o.validation_fraction > 0 && o.validation_fraction < 1))
    fail("the validation fraction must be between 0 and 1");
  if (o.max_validation_users < 1) fail("max_validation_users must be at least 1");
  if (o.max_factors < 1 || o.max_factors > 1024) fail("max_factors must be between 1 and 1024");
  if (o.rungs.empty()) fail("successive halving needs at least one rung");
  for (size_t r = 0; r < o.rungs.size(); ++r)
    if (o.rungs[r] < 1 || o.rungs[r] > 1000 || (r > 0 && o.rungs[r] <= o.rungs[r - 1]))
      fail("rungs must be increasing iteration counts between 1 and 1000");
  AlsConfig check = o.base;
  check.iterations = o.rungs.back();
  validate_config(check);
}

namespace {
std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}
}  // namespace

std::string settings_flags(const TrialSettings& s, const AlsConfig& base) {
  const AlsConfig defaults;
  std::string out = "--factors " + std::to_string(s.factors) + " --regularization " + number(s.regularization) +
                    " --alpha " + number(s.alpha) + " --iterations " + std::to_string(s.iterations);
  if (s.scaling != ConfidenceScaling::kNone) out += std::string(" --scaling ") + scaling_name(s.scaling);
  if (base.confidence.one_plus) out += " --one-plus";
  if (base.solver != defaults.solver) out += std::string(" --solver ") + solver_name(base.solver);
  if (base.solver == Solver::kConjugateGradient && base.cg_steps != defaults.cg_steps)
    out += " --cg-steps " + std::to_string(base.cg_steps);
  if (base.seed != defaults.seed) out += " --seed " + std::to_string(base.seed);
  return out;
}

}  // namespace als
