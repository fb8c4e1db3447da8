// The Workspace the web worker drives, on degenerate data and settings. The
// rule: no NaN or infinity ever reaches a result (loss, score, contribution,
// metric) — each case gives a sensible answer or a clear error that says what
// to change ("try increasing regularization", "lower alpha"), and a failure
// never costs the user the model or data they already had.
#include "session/workspace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/cancellation.h"
#include "eval/evaluate.h"
#include "model/binary_io.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

// A value of a fault's code for the page (NaN / "" when it has none).
double number_in(const FaultCode& fault, const std::string& name) {
  for (const auto& [n, v] : fault.numbers)
    if (n == name) return v;
  return std::nan("");
}
std::string text_in(const FaultCode& fault, const std::string& name) {
  for (const auto& [n, v] : fault.texts)
    if (n == name) return v;
  return "";
}

// ---- helpers ---------------------------------------------------------------

// MovieLens 1M lines "user::item::rating::timestamp" from (user, item, rating).
struct Rating {
  int user, item;
  double value;
};
std::string ratings_dat(const std::vector<Rating>& ratings) {
  std::string text;
  for (const Rating& r : ratings) {
    std::string value = std::to_string(r.value);
    value.erase(value.find_last_not_of('0') + 1);
    if (value.back() == '.') value.pop_back();
    text += std::to_string(r.user) + "::" + std::to_string(r.item) + "::" + value + "::978300760\n";
  }
  return text;
}

void load(Workspace& ws, const std::string& name, const std::string& text, const PrepareChoice& choice = {}) {
  ws.begin_load({});
  ws.begin_file(name);
  ws.feed(text.data(), text.size());
  ws.end_file();
  ws.finish_load(choice);
}

// A data set with taste structure: users u like items of their parity.
std::string parity_ratings(int users, int items) {
  std::vector<Rating> r;
  for (int u = 1; u <= users; ++u)
    for (int i = 1; i <= items; ++i)
      if ((u + i) % 2 == 0 || (u * i) % 7 == 0) r.push_back({u, i, (u + i) % 2 == 0 ? 5.0 : 3.0});
  return ratings_dat(r);
}

AlsConfig small_config(Solver solver = Solver::kConjugateGradient, int factors = 3) {
  AlsConfig c;
  c.factors = factors;
  c.iterations = 5;
  c.solver = solver;
  c.threads = 2;
  return c;
}

// Trains to the end in one budget; true when the model was replaced.
bool train(Workspace& ws, const AlsConfig& config, const Favorites* favorites = nullptr) {
  ws.start_training(config, favorites);
  while (!ws.advance_training(1e9)) {
  }
  return true;
}

Favorites favorites_of(std::vector<int32_t> items, float value = 5.0f) {
  Favorites f;
  f.items = std::move(items);
  f.values.assign(f.items.size(), value);
  return f;
}

// Every number the app shows from this model and these favorites is finite,
// and each explanation adds up to the score shown.
void expect_finite_answers(const Workspace& ws, const Favorites& favorites) {
  const ModelState& m = ws.model();
  for (double loss : m.model.loss_history) EXPECT_TRUE(std::isfinite(loss)) << "loss " << loss;
  for (const FactorMatrix* f : {&m.model.user_factors, &m.model.item_factors})
    for (int64_t r = 0; r < f->rows(); ++r)
      for (int k = 0; k < f->factors(); ++k) ASSERT_TRUE(std::isfinite((*f)(r, k)));
  RecommendOptions options;
  options.count = 5;
  for (const RecommendationRow& row : ws.recommend(favorites, options)) {
    EXPECT_TRUE(std::isfinite(row.item.score));
    EXPECT_TRUE(std::isfinite(row.explanation.score));
    for (const Contribution& c : row.explanation.contributions) EXPECT_TRUE(std::isfinite(c.contribution));
    EXPECT_NEAR(row.explanation.score, row.item.score, 1e-3 * (1 + std::fabs(row.item.score)));
  }
  const int32_t items = m.recommender->item_count(), users = m.recommender->user_count();
  for (int32_t i = 0; i < items; ++i) {
    for (const ScoredItem& s : ws.similar_items(i, 5)) EXPECT_TRUE(std::isfinite(s.score));
    EXPECT_TRUE(std::isfinite(ws.predicted_preference(favorites, i).score));
    const Explanation e = ws.explain(favorites, i);
    EXPECT_TRUE(std::isfinite(e.score));
    for (const Contribution& c : e.contributions) EXPECT_TRUE(std::isfinite(c.contribution));
  }
  for (int32_t u = 0; u < users; ++u)
    for (const ScoredItem& s : ws.similar_users(u, 5)) EXPECT_TRUE(std::isfinite(s.score));
}

// Runs f, which must throw E with a message containing `words`.
template <class E, class F>
void expect_error(F&& f, const std::string& words) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one saying \"" << words << "\"";
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

// Either finite answers or a clear error — from training or from a query —
// that says which setting to change. Returns what happened, for the record.
std::string expect_finite_or_clear_error(Workspace& ws, const AlsConfig& config, const Favorites& favorites,
                                         const std::vector<std::string>& advice) {
  try {
    train(ws, config);
    expect_finite_answers(ws, favorites);
    return "finite";
  } catch (const std::exception& e) {
    std::string message = e.what();
    bool advised = false;
    for (const std::string& words : advice) advised = advised || message.find(words) != std::string::npos;
    EXPECT_TRUE(advised) << message;
    EXPECT_FALSE(ws.training());
    return message;
  }
}

// ---- the threshold filters everything out ------------------------------------

TEST(Workspace, EverythingFilteredOutIsRefusedAndTheOldDataAndModelStay) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(12, 10));
  train(ws, small_config());
  const ModelState* before = &ws.model();
  const Dataset* data_before = &ws.data();

  const std::string all_low = ratings_dat({{1, 1, 1}, {1, 2, 2}, {2, 1, 2.5}, {3, 3, 1}});
  expect_error<UntrainableError>([&] { load(ws, "ratings.dat", all_low); },
                                 "nothing left after \"rating ≥ 3\": 4 ratings read, all below 3 — lower the "
                                 "threshold or turn it off");
  EXPECT_FALSE(ws.loading());
  EXPECT_EQ(&ws.data(), data_before);  // the previous data set stays
  EXPECT_EQ(ws.data().user_count(), 12);
  EXPECT_EQ(&ws.model(), before);  // and the previous model still answers
  expect_finite_answers(ws, favorites_of({0, 2}));

  // What the page offers: the same files again, with the threshold turned off.
  PrepareChoice no_threshold;
  no_threshold.use_threshold = false;
  load(ws, "ratings.dat", all_low, no_threshold);
  EXPECT_EQ(ws.data().stats.kept_ratings, 4);
  EXPECT_FALSE(ws.data().options.use_threshold);
  train(ws, small_config());
  expect_finite_answers(ws, favorites_of({0}));
  // A lower threshold that still keeps everyone but one user: refused again, saying so.
  PrepareChoice low;
  low.min_value = 2.5;
  expect_error<UntrainableError>([&] { load(ws, "ratings.dat", all_low, low); },
                                 "only 1 user and 1 item left after \"rating ≥ 2.5\" (1 of 4 ratings kept)");
  EXPECT_EQ(ws.data().stats.kept_ratings, 4);
}

TEST(Workspace, AThresholdThatLeavesNothingIsRefusedAndTheDataSetStays) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(12, 10));
  const Dataset* before = &ws.data();
  PrepareOptions too_high = ws.data().options;
  too_high.min_value = 5.5;
  expect_error<UntrainableError>([&] { ws.prepare(too_high); }, "nothing left after \"rating ≥ 5.5\"");
  EXPECT_EQ(&ws.data(), before);
  EXPECT_EQ(ws.data().options.min_value, 3.0);
  train(ws, small_config());
  expect_finite_answers(ws, favorites_of({0}));
}

// ---- one user, one item, users dropped by the threshold ----------------------

TEST(Workspace, OneUserOrOneItemIsRefusedAsATrainingSet) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(12, 10));
  train(ws, small_config());
  const ModelState* before = &ws.model();
  expect_error<UntrainableError>(
      [&] {
        load(ws, "ratings.dat", ratings_dat({{7, 1, 5}, {7, 2, 4}, {7, 3, 3}}));
      },
      "only 1 user and 3 items in the data (3 ratings): ALS needs at least 2 users and 2 "
      "items — load a data set with more users and items");
  expect_error<UntrainableError>(
      [&] {
        load(ws, "ratings.dat", ratings_dat({{1, 9, 5}, {2, 9, 4}}));
      },
      "only 2 users and 1 item in the data");
  expect_error<UntrainableError>(
      [&] {
        load(ws, "ratings.dat", ratings_dat({{1, 9, 5}}));
      },
      "only 1 user and 1 item in the data (1 rating)");
  // The threshold made it so: lowering it would help, and the message says so.
  try {
    load(ws, "ratings.dat", ratings_dat({{1, 9, 5}, {2, 9, 1}, {2, 8, 2}}));
    ADD_FAILURE() << "a 1 x 1 set after the threshold was accepted";
  } catch (const UntrainableError& e) {
    EXPECT_TRUE(e.threshold_helps);
    EXPECT_NE(std::string(e.what()).find("left after \"rating ≥ 3\" (1 of 3 ratings kept)"), std::string::npos)
        << e.what();
    // The same for the page, which words it in the visitor's language.
    EXPECT_EQ(e.fault.code, "untrainable.tooFewKept");
    EXPECT_EQ(number_in(e.fault, "users"), 1);
    EXPECT_EQ(number_in(e.fault, "items"), 1);
    EXPECT_EQ(number_in(e.fault, "kept"), 1);
    EXPECT_EQ(number_in(e.fault, "count"), 3);
    EXPECT_EQ(number_in(e.fault, "min"), 3);
    EXPECT_EQ(text_in(e.fault, "valueName"), "rating");
  }
  try {
    load(ws, "ratings.dat", ratings_dat({{7, 1, 5}, {7, 2, 4}}));
    ADD_FAILURE() << "one user was accepted";
  } catch (const UntrainableError& e) {
    EXPECT_FALSE(e.threshold_helps);
    EXPECT_EQ(e.fault.code, "untrainable.tooFew");
    EXPECT_EQ(number_in(e.fault, "users"), 1);
    EXPECT_EQ(number_in(e.fault, "items"), 2);
    EXPECT_EQ(number_in(e.fault, "kept"), 2);
    EXPECT_TRUE(std::isnan(number_in(e.fault, "count"))) << "no threshold to name";
  }
  try {
    load(ws, "ratings.dat", ratings_dat({{1, 1, 1}, {2, 2, 2}}));
    ADD_FAILURE() << "nothing kept was accepted";
  } catch (const UntrainableError& e) {
    EXPECT_EQ(e.fault.code, "untrainable.nothingKept");
    EXPECT_EQ(number_in(e.fault, "count"), 2);
    EXPECT_EQ(number_in(e.fault, "min"), 3);
  }
  EXPECT_EQ(&ws.model(), before);
  EXPECT_EQ(ws.data().user_count(), 12);
  expect_finite_answers(ws, favorites_of({0, 2}));
}

// A model of one user or one item still answers sensibly when it comes from a
// model file (the Workspace no longer trains such sets itself).
Workspace workspace_with_model_of(const std::string& ratings, Solver solver) {
  DatasetLoader loader;
  loader.begin_file("ratings.dat");
  loader.feed(ratings);
  loader.end_file();
  const Dataset data = prepare_dataset(loader.finish(), default_prepare_options(FileFormat::kMovieLensDatRatings));
  AlsTrainer trainer(data.user_items, small_config(solver));
  while (!trainer.done()) trainer.advance(1e9);
  Workspace ws;
  ws.load_model(save_model(trainer.take_model(), data, true, {}));
  return ws;
}

TEST(Workspace, OneUserModel) {
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    Workspace ws =
        workspace_with_model_of(ratings_dat({{7, 1, 5}, {7, 2, 4}, {7, 3, 3}, {7, 4, 5}, {7, 5, 4}}), solver);
    ASSERT_EQ(ws.model().recommender->user_count(), 1);
    EXPECT_TRUE(ws.similar_users(0, 5).empty());  // nobody else
    const Favorites liked = favorites_of({0, 1});
    RecommendOptions options;
    options.count = 10;
    EXPECT_EQ(ws.recommend(liked, options).size(), 3u);  // the three not liked
    expect_finite_answers(ws, liked);
  }
}

TEST(Workspace, OneItemModel) {
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    Workspace ws = workspace_with_model_of(ratings_dat({{1, 9, 5}, {2, 9, 4}, {3, 9, 3}, {4, 9, 5}}), solver);
    ASSERT_EQ(ws.model().recommender->item_count(), 1);
    RecommendOptions options;
    EXPECT_TRUE(ws.recommend(favorites_of({0}), options).empty());  // the one item is liked
    EXPECT_TRUE(ws.similar_items(0, 5).empty());
    const Explanation e = ws.explain(favorites_of({0}), 0);
    ASSERT_EQ(e.contributions.size(), 1u);
    EXPECT_NEAR(e.contributions[0].contribution, e.score, 1e-6);
    expect_finite_answers(ws, favorites_of({0}));
  }
}

TEST(Workspace, UsersWithoutRatingsAfterTheThresholdAreDroppedNotZeroRows) {
  Workspace ws;
  // User 2 rated only below 3, user 3 has one rating of 3 left.
  load(ws, "ratings.dat",
       ratings_dat({{1, 1, 5}, {1, 2, 4}, {1, 3, 4}, {2, 1, 2}, {2, 2, 1}, {3, 3, 3}, {4, 1, 4}, {4, 3, 5}}));
  EXPECT_EQ(ws.data().stats.raw_users, 4);
  EXPECT_EQ(ws.data().user_count(), 3);
  EXPECT_EQ(ws.data().users.find("2"), IdMap::kMissing);
  for (int32_t u = 0; u < ws.data().user_count(); ++u) EXPECT_GT(ws.data().user_items.row_size(u), 0);
  train(ws, small_config(Solver::kCholesky));
  expect_finite_answers(ws, favorites_of({1}));
}

TEST(Workspace, EvaluationOfATinyDataSetHasFiniteMetricsOrSaysTheTestSplitIsEmpty) {
  // Half the interactions held out: some users keep none in training (empty rows).
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(6, 5));
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    try {
      ws.start_evaluation(small_config(), 0.5, 3, seed);
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("test split is empty"), std::string::npos) << e.what();
      continue;
    }
    while (!ws.advance_evaluation(1e9)) {
    }
    const Workspace::EvaluationResult& r = ws.evaluation_result();
    for (const RankingMetrics* m : {&r.model, &r.popularity}) {
      EXPECT_TRUE(std::isfinite(m->precision) && std::isfinite(m->map) && std::isfinite(m->ndcg) &&
                  std::isfinite(m->auc));
    }
  }
}

// ---- settings at their limits -------------------------------------------------

TEST(Workspace, MoreFactorsThanUsersOrItems) {
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    Workspace ws;
    load(ws, "ratings.dat", parity_ratings(3, 4));
    train(ws, small_config(solver, 10));
    EXPECT_EQ(ws.model().model.factors(), 10);
    expect_finite_answers(ws, favorites_of({0, 3}));
  }
}

TEST(Workspace, ZeroRegularization) {
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    SCOPED_TRACE(solver_name(solver));
    // Enough users and items: the systems stay positive definite without λ.
    Workspace ws;
    load(ws, "ratings.dat", parity_ratings(40, 30));
    AlsConfig config = small_config(solver);
    config.regularization = 0;
    train(ws, config);
    expect_finite_answers(ws, favorites_of({0, 1, 4}));
    // More factors than users and items: singular without λ. A clear error, or finite.
    Workspace tiny;
    load(tiny, "ratings.dat", parity_ratings(3, 4));
    config.factors = 8;
    std::cout << "[ note     ] regularization 0, " << solver_name(solver) << ", 8 factors, 3 x 4: "
              << expect_finite_or_clear_error(tiny, config, favorites_of({0}), {"regularization"}) << "\n";
  }
}

TEST(Workspace, HugeAlpha) {
  for (Solver solver : {Solver::kConjugateGradient, Solver::kCholesky}) {
    SCOPED_TRACE(solver_name(solver));
    Workspace ws;
    load(ws, "ratings.dat", parity_ratings(20, 15));
    AlsConfig config = small_config(solver);
    config.confidence.alpha = 1e30f;
    std::cout << "[ note     ] alpha 1e30, " << solver_name(solver) << ": "
              << expect_finite_or_clear_error(ws, config, favorites_of({0, 2}), {"alpha", "regularization"}) << "\n";
    // An alpha whose confidences overflow a float is refused before any work.
    config.confidence.alpha = 1e38f;
    expect_error<std::invalid_argument>([&] { ws.start_training(config); }, "alpha");
  }
}

TEST(Workspace, ZeroIterationsGiveTheStartingFactors) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(10, 8));
  AlsConfig config = small_config();
  config.iterations = 0;
  train(ws, config);
  EXPECT_TRUE(ws.model().model.loss_history.empty());
  for (int64_t i = 0; i < ws.model().model.item_factors.rows(); ++i)
    for (int k = 0; k < 3; ++k) {
      EXPECT_GE(ws.model().model.item_factors(i, k), 0.0f);  // implicit's start: uniform in [0, 0.01)
      EXPECT_LT(ws.model().model.item_factors(i, k), 0.01f);
    }
  expect_finite_answers(ws, favorites_of({1, 2}));
}

// ---- cancelling ---------------------------------------------------------------

TEST(Workspace, CancelledTrainingLeavesThePreviousModelAnswering) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(30, 20));
  train(ws, small_config());
  const ModelState* before = &ws.model();
  const std::vector<ScoredItem> similar = ws.similar_items(0, 3);

  AlsConfig longer = small_config(Solver::kCholesky, 8);
  longer.iterations = 1000;
  ws.start_training(longer);
  EXPECT_FALSE(ws.advance_training(0));  // one slice, far from done
  EXPECT_TRUE(ws.training());
  ws.cancel_training();
  EXPECT_FALSE(ws.training());
  EXPECT_EQ(&ws.model(), before);
  const std::vector<ScoredItem> again = ws.similar_items(0, 3);
  ASSERT_EQ(again.size(), similar.size());
  for (size_t k = 0; k < again.size(); ++k) EXPECT_EQ(again[k].id, similar[k].id);
  EXPECT_THROW(ws.advance_training(1), std::logic_error);
  expect_finite_answers(ws, favorites_of({0, 5}));
}

// The page's main thread writes the id of the job it cancels into the shared
// cancel slots while the worker is inside one long call (see core/cancellation.h).
struct CancelAsked {
  explicit CancelAsked(int32_t job) {
    cancel_slots().running.store(job);
    cancel_slots().requested.store(job);
  }
  ~CancelAsked() {
    cancel_slots().running.store(0);
    cancel_slots().requested.store(0);
  }
};

TEST(Workspace, ACancelFromOutsideStopsPreparingTrainingAndEvaluatingAndEverythingStays) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(30, 20));
  train(ws, small_config());
  const ModelState* model = &ws.model();
  const Dataset* data = &ws.data();
  {
    CancelAsked asked(7);
    ws.begin_load({});
    ws.begin_file("ratings.dat");
    const std::string other = parity_ratings(10, 10);
    ws.feed(other.data(), other.size());
    ws.end_file();
    EXPECT_THROW(ws.finish_load(), OperationCancelled);
    EXPECT_THROW(ws.prepare(PrepareOptions{}), OperationCancelled);
    EXPECT_THROW(ws.start_training(small_config()), OperationCancelled);
    EXPECT_THROW(ws.start_evaluation(small_config(), 0.2, 3, 1), OperationCancelled);
  }
  EXPECT_FALSE(ws.loading());
  EXPECT_FALSE(ws.training());
  EXPECT_FALSE(ws.evaluating());
  EXPECT_EQ(&ws.data(), data);
  EXPECT_EQ(&ws.model(), model);
  EXPECT_EQ(ws.data().user_count(), 30);
  expect_finite_answers(ws, favorites_of({0, 5}));
}

TEST(Workspace, ACancelForAnotherJobChangesNothing) {
  Workspace ws;
  cancel_slots().running.store(8);
  cancel_slots().requested.store(7);  // a job that already ended
  load(ws, "ratings.dat", parity_ratings(30, 20));
  train(ws, small_config());
  cancel_slots().running.store(0);
  cancel_slots().requested.store(0);
  EXPECT_EQ(ws.data().user_count(), 30);
  EXPECT_TRUE(ws.has_model());
}

TEST(Workspace, SteppedEvaluationEqualsTheOneCallMetricsAndReportsScoring) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(300, 40));
  AlsConfig config = small_config();
  ws.start_evaluation(config, 0.2, 5, 3);
  bool saw_scoring = false;
  double fraction = 0;
  while (!ws.advance_evaluation(0)) {
    const Workspace::EvaluationScoring scoring = ws.evaluation_scoring();
    saw_scoring = saw_scoring || scoring.started;
    EXPECT_LE(scoring.users_done, scoring.users);
    EXPECT_GE(ws.evaluation_progress().fraction, fraction);
    fraction = ws.evaluation_progress().fraction;
  }
  EXPECT_TRUE(saw_scoring);
  const Workspace::EvaluationResult stepped = ws.evaluation_result();
  // The same split and training in one go.
  const TrainTestSplit split = train_test_split(ws.data().user_items, 0.8, 3);
  const AlsModel model = train_als(split.train, config);
  ThreadPool pool(2);
  const RankingMetrics direct = evaluate_model(model, split, 5, pool);
  EXPECT_EQ(stepped.model.precision, direct.precision);
  EXPECT_EQ(stepped.model.ndcg, direct.ndcg);
  EXPECT_EQ(stepped.model.auc, direct.auc);
  EXPECT_EQ(stepped.popularity.precision, evaluate_popularity(split, 5, pool).precision);
}

// ---- model files ----------------------------------------------------------------

TEST(Workspace, BrokenModelFilesAreRejectedAndTheOldModelStays) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(15, 12));
  train(ws, small_config());
  const std::string bytes = ws.save_model(false);
  const ModelState* before = &ws.model();

  expect_error<ModelFileError>([&] { ws.load_model(bytes.substr(0, bytes.size() / 2)); }, "truncated");
  expect_error<ModelFileError>([&] { ws.load_model(bytes.substr(0, 10)); }, "truncated");
  std::string newer = bytes;
  newer[8] = 2;  // version 2
  expect_error<ModelFileError>([&] { ws.load_model(newer); }, "newer than this app");
  expect_error<ModelFileError>([&] { ws.load_model("user,item,rating\n1,2,5\n"); }, "not a model file");
  EXPECT_EQ(&ws.model(), before);
  expect_finite_answers(ws, favorites_of({0}));

  EXPECT_TRUE(ws.load_model(bytes));  // the data it was trained on
  EXPECT_TRUE(ws.model().from_file);
}

TEST(Workspace, AModelForOtherDataLoadsButDoesNotMatch) {
  Workspace trained;
  load(trained, "ratings.dat", parity_ratings(15, 12));
  train(trained, small_config());
  const std::string bytes = trained.save_model(true);

  Workspace other;
  load(other, "ratings.dat", parity_ratings(9, 14));
  EXPECT_FALSE(other.load_model(bytes));
  EXPECT_EQ(other.model_data().item_count(), 12);  // the model's own ids and interactions
  EXPECT_EQ(other.data().item_count(), 14);        // the loaded data stay
  expect_finite_answers(other, favorites_of({0, 11}));

  Workspace none;  // no data loaded at all
  EXPECT_FALSE(none.load_model(bytes));
  expect_finite_answers(none, favorites_of({3}));
}

// ---- queries with odd favorites and indices ----------------------------------------

TEST(Workspace, QueriesWithNoFavoritesOrUnknownItems) {
  Workspace ws;
  EXPECT_THROW(ws.recommend({}, {}), std::logic_error);  // no model yet
  load(ws, "ratings.dat", parity_ratings(20, 16));
  train(ws, small_config(Solver::kCholesky));

  // No favorites: the folded-in user is zero, every score 0, nothing to explain.
  RecommendOptions options;
  options.count = 4;
  const std::vector<RecommendationRow> rows = ws.recommend({}, options);
  ASSERT_EQ(rows.size(), 4u);
  for (const RecommendationRow& row : rows) {
    EXPECT_EQ(row.item.score, 0.0f);
    EXPECT_EQ(row.explanation.score, 0.0);
    EXPECT_TRUE(row.explanation.contributions.empty());
  }
  EXPECT_EQ(ws.predicted_preference({}, 3).score, 0.0f);
  EXPECT_TRUE(ws.explain({}, 3).contributions.empty());
  expect_finite_answers(ws, {});

  // Unknown indices and non-finite ratings are dropped from favorites.
  Favorites odd = favorites_of({-1, 2, 1000, 5});
  odd.items.push_back(7);
  odd.values.push_back(std::nanf(""));
  const Favorites clean = favorites_of({2, 5});
  EXPECT_EQ(ws.predicted_preference(odd, 4).score, ws.predicted_preference(clean, 4).score);
  EXPECT_EQ(ws.explain(odd, 4).score, ws.explain(clean, 4).score);
  expect_finite_answers(ws, odd);

  // Unknown items asked about are errors, not garbage.
  EXPECT_THROW(ws.explain(clean, -1), std::out_of_range);
  EXPECT_THROW(ws.explain(clean, 16), std::out_of_range);
  EXPECT_THROW(ws.predicted_preference(clean, 16), std::out_of_range);
  EXPECT_THROW(ws.similar_items(16, 3), std::out_of_range);
  EXPECT_THROW(ws.similar_users(-1, 3), std::out_of_range);
  Favorites mismatched = clean;
  mismatched.values.pop_back();
  EXPECT_THROW(ws.recommend(mismatched, options), std::invalid_argument);

  // Exclusions and candidates outside the model are ignored.
  options.exclude = {-5, 99};
  options.candidates = {-1, 3, 400};
  const std::vector<RecommendationRow> only = ws.recommend(clean, options);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].item.id, 3);
}

TEST(Workspace, TrainingWithFavoritesAddsMeAndAnswersFinitely) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(12, 10));
  const Favorites none;
  expect_error<std::invalid_argument>([&] { ws.start_training(small_config(), &none); }, "favorites");
  const Favorites liked = favorites_of({1, 3, 5});
  train(ws, small_config(), &liked);
  EXPECT_TRUE(ws.model().includes_me);
  EXPECT_EQ(ws.model_data().user_count(), 13);
  expect_finite_answers(ws, liked);
}

// ---- found by fuzzing (tests/fuzz/), kept as regressions ---------------------------

std::string regression_file(const std::string& name) {
  std::ifstream in(std::string(ALS_TEST_FIXTURES) + "/../fuzz/regressions/" + name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_TRUE(in.good() || in.eof()) << name;
  return bytes.str();
}

// A model file whose checksum is right but whose numbers are not.
std::string with_checksum(std::string bytes) {
  const uint32_t crc = binary::crc32(std::string_view(bytes).substr(0, bytes.size() - 4));
  std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
  return bytes;
}

TEST(Workspace, FuzzFoundModelFilesAreRefusedOrAnswerWithAClearError) {
  // Item factors up to 1.8e28: finite, but YᵀY overflowed and every score was NaN.
  Workspace ws;
  expect_error<ModelFileError>([&] { ws.load_model(regression_file("model_file/huge-item-factors.model")); },
                               "too large");
  EXPECT_FALSE(ws.has_model());

  // log scaling with epsilon 1.2e-38: a favorite rated 5 has confidence log1p(5 / ε) = inf.
  // BM25 with an item idf of -2e37: a finite confidence of -6e37 overflows the fold-in.
  for (const char* name : {"model_file/tiny-log-epsilon.model", "model_file/huge-negative-bm25-idf.model"}) {
    SCOPED_TRACE(name);
    Workspace loaded;
    loaded.load_model(regression_file(name));
    const int32_t items = loaded.model().recommender->item_count();
    Favorites liked;
    for (int32_t i = 0; i < 3; ++i) {
      liked.items.push_back(i * 7 % items);
      liked.values.push_back(static_cast<float>(5 - i));
    }
    RecommendOptions options;
    expect_error<std::invalid_argument>([&] { loaded.recommend(liked, options); }, "lower alpha");
    expect_error<std::invalid_argument>([&] { loaded.predicted_preference(liked, 0); }, "lower alpha");
    expect_error<std::invalid_argument>([&] { loaded.explain(liked, 0); }, "lower alpha");
    for (const ScoredItem& s : loaded.similar_items(0, 5)) EXPECT_TRUE(std::isfinite(s.score));
    for (const RecommendationRow& row : loaded.recommend({}, options)) EXPECT_EQ(row.item.score, 0.0f);
  }
}

TEST(Workspace, ModelFilesWithNonFiniteNumbersOrBadSettingsAreRefused) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(10, 8));
  train(ws, small_config());
  const ModelState& m = ws.model();
  AlsModel broken = m.model;
  broken.item_factors(2, 1) = std::nanf("");
  expect_error<ModelFileError>([&] { ws.load_model(save_model(broken, *m.data, false)); }, "not finite");
  broken = m.model;
  broken.loss_history.push_back(INFINITY);
  expect_error<ModelFileError>([&] { ws.load_model(save_model(broken, *m.data, false)); }, "not finite");
  broken = m.model;
  broken.config.confidence.scaling = ConfidenceScaling::kLog;
  broken.config.confidence.log_epsilon = 0;
  expect_error<ModelFileError>([&] { ws.load_model(save_model(broken, *m.data, false)); }, "epsilon");
  EXPECT_EQ(&ws.model(), &m);  // still the trained model

  // A data-format number from a later version reads as "unknown", not as an invalid enum.
  std::string bytes = save_model(m.model, *m.data, true);  // with interactions: the file's own data
  const size_t data_section = bytes.find("DATA");
  ASSERT_NE(data_section, std::string::npos);
  bytes[data_section + 12] = 99;  // after the tag and the u64 length: the i32 format
  EXPECT_TRUE(ws.load_model(with_checksum(bytes)));
  EXPECT_EQ(ws.model_data().format, FileFormat::kUnknown);
}

TEST(Workspace, EvaluationWhereAUserHeldOutEveryItemHasAFiniteAuc) {
  // Every user rated every item: a user whose rating went to the test split
  // has no negative item, and AUC was 0 / 0 (found with Last.fm-style text,
  // one item; here the core of it).
  Workspace ws;
  load(ws, "ratings.dat",
       ratings_dat({{1, 5, 5},
                    {2, 5, 4},
                    {3, 5, 5},
                    {4, 5, 3},
                    {5, 5, 4},
                    {6, 5, 5},
                    {1, 6, 5},
                    {2, 6, 4},
                    {3, 6, 5},
                    {4, 6, 3},
                    {5, 6, 4},
                    {6, 6, 5}}));
  int evaluated = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    try {
      ws.start_evaluation(small_config(), 0.5, 3, seed);
    } catch (const std::invalid_argument&) {
      continue;  // nothing held out with this seed
    }
    while (!ws.advance_evaluation(1e9)) {
    }
    ++evaluated;
    EXPECT_EQ(ws.evaluation_result().model.auc, 1.0);  // every ranking is perfect: nothing to rank below
    EXPECT_EQ(ws.evaluation_result().popularity.auc, 1.0);
    EXPECT_TRUE(std::isfinite(ws.evaluation_result().model.ndcg));
  }
  EXPECT_GT(evaluated, 0);
}

TEST(Workspace, AFavoriteWhoseConfidenceOverflowsIsAClearError) {
  // Binary training values keep log1p(1 / ε) finite; a favorite rated 5 does not.
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(12, 10));
  PrepareOptions binary = default_prepare_options(FileFormat::kMovieLensDatRatings);
  binary.value_mode = ValueMode::kBinary;
  ws.prepare(binary);
  AlsConfig config = small_config(Solver::kCholesky);
  config.confidence.scaling = ConfidenceScaling::kLog;
  config.confidence.log_epsilon = 1e-38f;
  train(ws, config);
  expect_finite_answers(ws, favorites_of({0, 2}, 1.0f));
  RecommendOptions options;
  expect_error<std::invalid_argument>([&] { ws.recommend(favorites_of({0, 2}, 5.0f), options); }, "lower alpha");
}

}  // namespace
}  // namespace als

namespace als {
namespace {

// ---- memory: refused up front, with the numbers ------------------------------

TEST(WorkspaceMemory, LoadingThatWouldNotFitIsRefusedWithTheNumbers) {
  Workspace ws;
  ws.set_memory_budget(200'000'000);  // 200 MB
  EXPECT_TRUE(ws.check_load(1'000'000, FileFormat::kMovieLensCsvRatings, 0).fits);
  const MemoryCheck big = ws.check_load(700'000'000, FileFormat::kMovieLensCsvRatings, 3'000'000);
  EXPECT_FALSE(big.fits);
  EXPECT_GT(big.needed_bytes, big.budget_bytes);
  EXPECT_NE(big.message.find("GB"), std::string::npos) << big.message;
  Workspace unlimited;
  EXPECT_TRUE(unlimited.check_load(700'000'000, FileFormat::kMovieLensCsvRatings, 0).fits);
}

TEST(WorkspaceMemory, TrainingThatWouldNotFitIsRefusedAndTheModelStays) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(40, 30));
  train(ws, small_config());
  const double loss = ws.model().model.loss_history.back();
  // What the data and model take now, plus a little: 1024 factors cannot fit.
  ws.set_memory_budget(ws.check_training(small_config(), false).needed_bytes + 50'000);
  EXPECT_TRUE(ws.check_training(small_config(), false).fits);
  expect_error<MemoryLimitError>([&] { ws.start_training(small_config(Solver::kConjugateGradient, 1024), nullptr); },
                                 "this browser tab can give");
  try {
    ws.start_training(small_config(Solver::kConjugateGradient, 1024), nullptr);
  } catch (const MemoryLimitError& e) {  // the page's words: which step, and the sizes that add up
    EXPECT_EQ(e.fault.code, "memory.train");
    EXPECT_EQ(number_in(e.fault, "factors"), 1024);
    EXPECT_EQ(number_in(e.fault, "held") + number_in(e.fault, "peak"), number_in(e.fault, "needed"));
    EXPECT_GT(number_in(e.fault, "needed"), number_in(e.fault, "budget"));
    EXPECT_EQ(number_in(e.fault, "budget"),
              static_cast<double>(ws.check_training(small_config(), false).needed_bytes + 50'000));
  }
  EXPECT_FALSE(ws.training());
  EXPECT_EQ(ws.model().model.loss_history.back(), loss);
}

}  // namespace
}  // namespace als

namespace als {
namespace {

TEST(WorkspaceMemory, AComparisonThatWouldNotFitIsRefusedWithTheNumbersAndTheLastOneStays) {
  Workspace ws;
  load(ws, "ratings.dat", parity_ratings(40, 30));
  train(ws, small_config());
  const std::vector<ModelSettings> small = {ModelSettings::of(small_config()), ModelSettings::of(ModelKind::kKnnBm25)};
  ws.start_comparison(small, 0.2, 5, 1, 1);
  while (!ws.advance_comparison(1e9)) {
  }
  // Every model counts: three BPR models of 2,000 factors cost more than one.
  ModelSettings bpr = ModelSettings::of(ModelKind::kBpr);
  bpr.bpr.factors = 2000;
  const MemoryCheck one = ws.check_comparison({bpr}, 1);
  const MemoryCheck three = ws.check_comparison({bpr, bpr, bpr}, 1);
  EXPECT_GT(three.needed_bytes, one.needed_bytes + 2 * 4 * 2000 * (40 + 30));
  ws.set_memory_budget(one.needed_bytes + 1000);
  EXPECT_TRUE(ws.check_comparison({bpr}, 1).fits);
  try {
    ws.start_comparison({bpr, bpr, bpr}, 0.2, 5, 1, 1);
    ADD_FAILURE() << "three models of 2,000 factors fit a budget made for one";
  } catch (const MemoryLimitError& e) {
    EXPECT_EQ(e.fault.code, "memory.compare");
    EXPECT_EQ(number_in(e.fault, "held") + number_in(e.fault, "peak"), number_in(e.fault, "needed"));
    EXPECT_NE(std::string(e.what()).find("comparing these models"), std::string::npos) << e.what();
  }
  // The last comparison and the model are still there.
  ASSERT_EQ(ws.comparison().models().size(), 3u);
  EXPECT_EQ(ws.comparison().models()[2].state, ComparedState::kDone);
  EXPECT_TRUE(ws.has_model());
}

}  // namespace
}  // namespace als
