// Where the tuner looks: factors on a ladder of powers of two, regularization
// and alpha on log scales (wide: λ from 10⁻³ to 10², α from 0.1 to 30), and
// for play counts the confidence scaling. Candidates are drawn from a seeded
// SplitMix64, so the same seed gives the same candidates everywhere.
//
// Values are rounded to two significant digits when drawn: the settings a
// trial trains with are exactly the ones printed (and pasted into `als train`).
#pragma once

#include <vector>

#include "core/random.h"
#include "tuning/tuning_settings.h"

namespace als {

struct SearchSpace {
  std::vector<int> factor_levels = {8, 16, 32, 64, 128, 256};  // where refinement may go
  std::vector<int> start_levels = {16, 32, 64, 128};           // what the first round spreads over
  double log10_regularization_min = -3, log10_regularization_max = 2;
  double log10_alpha_min = -1, log10_alpha_max = 1.5;
  bool scalings = false;  // also none / log / BM25

  static SearchSpace for_options(const TuningOptions& options);
};

// x rounded to `digits` significant decimal digits (0.012345 -> 0.012).
float round_significant(double x, int digits = 2);

// n settings spread over the whole space, a Latin hypercube: each of n equal
// strata of log λ and of log α holds exactly one candidate, the factor levels
// come in turn (shuffled), so even a few candidates cover every region.
std::vector<TrialSettings> spread_settings(const SearchSpace& space, int n, SplitMix64& rng);

// One candidate near `center`: log λ and log α moved by up to ±0.5 decade,
// factors one level up or down (or kept), the scaling mostly kept; clamped
// to the space (factors to its ladder).
TrialSettings nearby_settings(const SearchSpace& space, const TrialSettings& center, SplitMix64& rng);

}  // namespace als
