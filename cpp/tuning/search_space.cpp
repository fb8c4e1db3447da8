#include "tuning/search_space.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace als {

SearchSpace SearchSpace::for_options(const TuningOptions& options) {
  SearchSpace space;
  space.scalings = options.search_scaling;
  // Only the levels up to max_factors (at least one level: max_factors itself).
  const auto cap = [&](std::vector<int>& levels) {
    levels.erase(std::remove_if(levels.begin(), levels.end(), [&](int f) { return f > options.max_factors; }),
                 levels.end());
    if (levels.empty()) levels.push_back(options.max_factors);
  };
  cap(space.factor_levels);
  cap(space.start_levels);
  return space;
}

float round_significant(double x, int digits) {
  if (!(x > 0) || !std::isfinite(x)) return static_cast<float>(x);
  // Through decimal text, so 0.3 stays the float nearest 0.3 (what strtod gives the CLI).
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  return std::strtof(text, nullptr);
}

namespace {

constexpr ConfidenceScaling kScalings[] = {ConfidenceScaling::kNone, ConfidenceScaling::kLog, ConfidenceScaling::kBm25};

double between(double lo, double hi, double u) { return lo + (hi - lo) * u; }

// In-place Fisher–Yates shuffle with our generator (std::shuffle's is implementation-defined).
template <class T>
void shuffle(std::vector<T>& v, SplitMix64& rng) {
  for (size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[rng.below(k)]);
}

std::vector<int> strata(int n, SplitMix64& rng) {
  std::vector<int> order(n);
  for (int k = 0; k < n; ++k) order[k] = k;
  shuffle(order, rng);
  return order;
}

int level_index(const std::vector<int>& levels, int factors) {
  int best = 0;
  for (int k = 1; k < static_cast<int>(levels.size()); ++k)
    if (std::abs(levels[k] - factors) < std::abs(levels[best] - factors)) best = k;
  return best;
}

}  // namespace

std::vector<TrialSettings> spread_settings(const SearchSpace& space, int n, SplitMix64& rng) {
  std::vector<TrialSettings> out;
  if (n <= 0) return out;
  const std::vector<int> reg_strata = strata(n, rng);
  const std::vector<int> alpha_strata = strata(n, rng);
  std::vector<int> factors;
  while (static_cast<int>(factors.size()) < n) {
    std::vector<int> round = space.start_levels;
    shuffle(round, rng);
    factors.insert(factors.end(), round.begin(), round.end());
  }
  for (int k = 0; k < n; ++k) {
    TrialSettings s;
    s.factors = factors[k];
    const double u_reg = (reg_strata[k] + rng.uniform()) / n;
    const double u_alpha = (alpha_strata[k] + rng.uniform()) / n;
    s.regularization = round_significant(
        std::pow(10.0, between(space.log10_regularization_min, space.log10_regularization_max, u_reg)));
    s.alpha = round_significant(std::pow(10.0, between(space.log10_alpha_min, space.log10_alpha_max, u_alpha)));
    s.scaling = space.scalings ? kScalings[rng.below(3)] : ConfidenceScaling::kNone;
    out.push_back(s);
  }
  return out;
}

TrialSettings nearby_settings(const SearchSpace& space, const TrialSettings& center, SplitMix64& rng) {
  TrialSettings s = center;
  const auto moved = [&](double value, double lo, double hi) {
    const double log_value = std::clamp(std::log10(value) + between(-0.5, 0.5, rng.uniform()), lo, hi);
    return round_significant(std::pow(10.0, log_value));
  };
  s.regularization = moved(center.regularization, space.log10_regularization_min, space.log10_regularization_max);
  s.alpha = moved(center.alpha, space.log10_alpha_min, space.log10_alpha_max);
  const int level = level_index(space.factor_levels, center.factors) + static_cast<int>(rng.below(3)) - 1;
  s.factors = space.factor_levels[std::clamp(level, 0, static_cast<int>(space.factor_levels.size()) - 1)];
  if (space.scalings && rng.below(3) == 0) s.scaling = kScalings[rng.below(3)];
  return s;
}

}  // namespace als
