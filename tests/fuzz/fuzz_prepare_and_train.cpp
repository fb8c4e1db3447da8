// A small ratings text, whatever it holds, through the whole app path: load
// (format detected from a name), prepare (threshold, duplicates, binary),
// train 2 iterations of 2 factors with fuzzed settings, evaluate, query.
// Degenerate data (one user, one item, every value filtered out, zeros,
// negatives, 1e9) must give either finite results or a clear error — never
// a crash, and never a NaN or an infinity in a loss, score or contribution.
// (Fewer than 2 users or 2 items after the threshold is refused at load, with
// a clear message, and the workspace takes nothing.)
//
// Input: [settings] [regularization] [alpha] [name] text
//   settings: bit 0 Cholesky, bit 1 one_plus, bits 2-3 scaling, bit 4 binary,
//             bit 5 threshold, bits 6-7 duplicate rule
//   name % 5: ratings.dat, ratings.csv, u.data, the Last.fm file, ratings.tsv (generic)
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "session/workspace.h"

namespace {

constexpr const char* kNames[] = {"ratings.dat", "ratings.csv", "u.data", "usersha1-artmbid-artname-plays.tsv",
                                  "ratings.tsv"};
constexpr float kRegularization[] = {0.0f, 1e-6f, 0.01f, 1.0f, 1e3f};
constexpr float kAlpha[] = {1.0f, 40.0f, 1e-6f, 1e4f, 1e30f};

using als::fuzz::require;
using als::fuzz::require_finite;

// Errors the app shows the user: they must say what to do or what is wrong.
void require_clear(const std::exception& e) {
  const std::string message = e.what();
  require(message.size() >= 12, "an error message says what is wrong");
}

void check_scores(const std::vector<als::ScoredItem>& items) {
  for (const als::ScoredItem& s : items) require_finite(s.score, "a score");
}

void query(const als::Workspace& ws, const als::Favorites& favorites) {
  const als::ModelState& m = ws.model();
  for (double loss : m.model.loss_history) require_finite(loss, "a training loss");
  for (int64_t r = 0; r < m.model.item_factors.rows(); ++r)
    for (int k = 0; k < m.model.factors(); ++k) require_finite(m.model.item_factors(r, k), "an item factor");
  als::RecommendOptions options;
  options.count = 4;
  for (const als::RecommendationRow& row : ws.recommend(favorites, options)) {
    require_finite(row.item.score, "a recommendation score");
    require_finite(row.explanation.score, "an explained score");
    for (const als::Contribution& c : row.explanation.contributions) require_finite(c.contribution, "a contribution");
  }
  check_scores(ws.similar_items(0, 4));
  check_scores(ws.similar_users(0, 4));
  require_finite(ws.predicted_preference(favorites, 0).score, "a predicted preference");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a small text: training cost stays tiny
  als::fuzz::InputBytes input(data, size);
  const uint8_t settings = input.take();
  const float regularization = kRegularization[input.take() % 5];
  const float alpha = kAlpha[input.take() % 5];
  const char* name = kNames[input.take() % 5];
  const std::string_view text = input.rest();

  als::Workspace ws;
  ws.begin_load({});
  ws.begin_file(name);
  ws.feed(text.data(), text.size());
  ws.end_file();
  // The threshold and value mode chosen at load; a data set that cannot be
  // trained (fewer than 2 users or items left) is refused and not taken.
  als::PrepareChoice choice;
  choice.use_threshold = (settings & 0x20) != 0;
  choice.binary = (settings & 0x10) != 0;
  try {
    ws.finish_load(choice);
  } catch (const als::ParseError& e) {
    require_clear(e);
    return 0;
  } catch (const als::UntrainableError& e) {
    require_clear(e);
    require(!ws.has_data() && !ws.loading(), "a data set refused as untrainable is not taken");
    return 0;
  }
  require(ws.data().user_count() >= 2 && ws.data().item_count() >= 2, "a data set taken has 2 users and 2 items");
  als::PrepareOptions prepare = ws.data().options;
  prepare.duplicates = static_cast<als::DuplicateRule>((settings >> 6) % 3);
  const als::Dataset* before = &ws.data();
  try {
    ws.prepare(prepare);  // another duplicate rule can change what the threshold keeps
  } catch (const als::UntrainableError& e) {
    require_clear(e);
    require(&ws.data() == before, "a refused preparation keeps the data set");
  }
  const als::Dataset& prepared = ws.data();
  require(prepared.stats.kept_ratings == prepared.user_items.nnz(), "kept ratings are the matrix's");
  require_finite(prepared.stats.density, "the density");
  require_finite(prepared.stats.mean_value, "the mean value");

  als::AlsConfig config;
  config.factors = 2;
  config.iterations = 2;
  config.threads = 1;
  config.solver = settings & 1 ? als::Solver::kCholesky : als::Solver::kConjugateGradient;
  config.regularization = regularization;
  config.confidence.alpha = alpha;
  config.confidence.one_plus = settings & 2;
  config.confidence.scaling = static_cast<als::ConfidenceScaling>((settings >> 2) % 3);

  als::Favorites favorites;
  for (int32_t i = 0; i < prepared.item_count() && i < 3; ++i) {
    favorites.items.push_back(i);
    favorites.values.push_back(static_cast<float>(5 - 2 * i));  // 5, 3, 1
  }
  try {
    ws.start_training(config);
    while (!ws.advance_training(1e9)) {
    }
    query(ws, favorites);
  } catch (const std::invalid_argument& e) {
    require_clear(e);  // nothing to train on, ...
  } catch (const std::runtime_error& e) {
    require_clear(e);  // diverged, not positive definite: "try increasing regularization"
    require(!ws.training(), "a failed training run is dropped");
  }

  try {
    ws.start_evaluation(config, 0.5, 3, 7);
    while (!ws.advance_evaluation(1e9)) {
    }
    const als::Workspace::EvaluationResult& r = ws.evaluation_result();
    for (const als::RankingMetrics* m : {&r.model, &r.popularity}) {
      require_finite(m->precision, "precision");
      require_finite(m->map, "MAP");
      require_finite(m->ndcg, "NDCG");
      require_finite(m->auc, "AUC");
    }
  } catch (const std::invalid_argument& e) {
    require_clear(e);  // the test split is empty
  } catch (const std::runtime_error& e) {
    require_clear(e);
  }
  return 0;
}
