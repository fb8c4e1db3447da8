// Tuning through the Workspace, as the web worker drives it: the model the
// visitor has is never touched (cancel or not), the test split is the
// evaluation's, and errors say what to do.
#include <gtest/gtest.h>

#include <string>

#include "session/workspace.h"

namespace als {
namespace {

// MovieLens 1M lines with taste structure: users like items of their parity.
std::string parity_ratings(int users, int items) {
  std::string text;
  for (int u = 1; u <= users; ++u)
    for (int i = 1; i <= items; ++i)
      if ((u + i) % 2 == 0 || (u * i) % 7 == 0)
        text += std::to_string(u) + "::" + std::to_string(i) + "::" + ((u + i) % 2 == 0 ? "5" : "3") + "::978300760\n";
  return text;
}

void load(Workspace& ws, const std::string& text) {
  ws.begin_load({});
  ws.begin_file("ratings.dat");
  ws.feed(text.data(), text.size());
  ws.end_file();
  ws.finish_load();
}

// Short rungs (1, 2, 4 iterations) and few factors keep the tests quick.
TuningOptions small_tuning(int iterations) {
  TuningOptions o;
  o.base.threads = 2;
  o.budget.iterations = iterations;
  o.rungs = {1, 2, 4};
  o.max_factors = 16;
  return o;
}

void train(Workspace& ws, const AlsConfig& config) {
  ws.start_training(config);
  while (!ws.advance_training(1e9)) {
  }
}

TEST(WorkspaceTuning, NeverTouchesTheModelTheVisitorHas) {
  Workspace ws;
  load(ws, parity_ratings(60, 40));
  AlsConfig config;
  config.factors = 4;
  config.iterations = 3;
  train(ws, config);
  const ModelState* before = &ws.model();
  const std::vector<double> loss = ws.model().model.loss_history;

  ws.start_tuning(small_tuning(200), 0.2, 42);
  ASSERT_TRUE(ws.tuning());
  ws.advance_tuning(0.0);  // one slice
  ws.cancel_tuning();
  EXPECT_FALSE(ws.tuning());
  EXPECT_EQ(&ws.model(), before);
  EXPECT_EQ(ws.model().model.loss_history, loss);
  EXPECT_EQ(ws.model().model.factors(), 4);

  ws.start_tuning(small_tuning(20), 0.2, 42);
  while (!ws.advance_tuning(0.05)) {
  }
  EXPECT_FALSE(ws.tuning());
  EXPECT_EQ(&ws.model(), before) << "a finished tuning run does not replace the model either";
  EXPECT_EQ(ws.model().model.factors(), 4);
  EXPECT_GT(ws.tuning_run().search().trials().size(), 3u);
}

TEST(WorkspaceTuning, TestsOnTheSplitTheEvaluationUses) {
  // "Use these", then Evaluate with the same seed and test share: the same number.
  Workspace ws;
  load(ws, parity_ratings(60, 45));
  TuningOptions options = small_tuning(20);
  options.base.seed = 5;
  ws.start_tuning(options, 0.25, options.base.seed);
  while (!ws.advance_tuning(0.05)) {
  }
  const ComparisonResult& c = ws.tuning_run().comparison()->result();
  ws.start_evaluation(c.tuned_settings.config(options.base), 0.25, 10, options.base.seed);
  while (!ws.advance_evaluation(1e9)) {
  }
  EXPECT_EQ(ws.evaluation_result().model.precision, c.tuned.precision);
  EXPECT_EQ(ws.evaluation_result().popularity.precision, c.popularity.precision);
  EXPECT_EQ(ws.evaluation_result().test_interactions, c.test_interactions);
}

TEST(WorkspaceTuning, SaysWhatIsMissingOrWrong) {
  Workspace ws;
  EXPECT_THROW(ws.start_tuning(small_tuning(40), 0.2, 1), std::logic_error);
  load(ws, parity_ratings(40, 30));
  EXPECT_THROW(ws.start_tuning(small_tuning(40), 1.5, 1), std::invalid_argument);
  TuningOptions bad = small_tuning(40);
  bad.k = 0;
  EXPECT_THROW(ws.start_tuning(bad, 0.2, 1), std::invalid_argument);
  EXPECT_THROW(ws.advance_tuning(0.1), std::logic_error) << "nothing running";
  // Too small a budget: the error says so and the run is dropped.
  TuningOptions tiny = small_tuning(1);
  tiny.rungs = {2, 5, 15};
  ws.start_tuning(tiny, 0.2, 1);
  try {
    while (!ws.advance_tuning(0.05)) {
    }
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("give the search more time"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(ws.tuning());
}

TEST(WorkspaceTuning, RefusesATuningRunThatWouldNotFitTheMemoryBudget) {
  Workspace ws;
  load(ws, parity_ratings(60, 50));
  ws.set_memory_budget(200000);  // 200 KB: less than one trainer of 256 factors
  try {
    ws.start_tuning(small_tuning(40), 0.2, 1);
    FAIL() << "no error";
  } catch (const MemoryLimitError& e) {
    EXPECT_NE(std::string(e.what()).find("tuning needs about"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace als
