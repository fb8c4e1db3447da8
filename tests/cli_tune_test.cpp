// `als tune` end to end on the built-in demo set: the table of trials, the
// comparison, and a last line of flags that `als train` and `als evaluate`
// accept; `als evaluate` with them reproduces the tuned test-split numbers.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/cli_run.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace {

using als::testing::CliRun;
using als::testing::run_cli;
const std::string kDemo = als::testing::demo_folder();

// A small ratings.csv with taste structure (users like the items of their
// group of three), quick to tune even under the sanitizers.
std::string small_data_folder() {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / "cli_tune_test_data";
  std::filesystem::create_directories(folder);
  std::FILE* out = std::fopen((folder / "ratings.csv").c_str(), "w");
  std::fprintf(out, "userId,movieId,rating,timestamp\n");
  uint32_t state = 12345;
  for (int u = 1; u <= 80; ++u)
    for (int i = 1; i <= 50; ++i) {
      state = state * 1664525u + 1013904223u;
      const bool liked = i % 3 == u % 3 ? (state >> 24) < 140 : (state >> 24) < 16;
      if (liked) std::fprintf(out, "%d,%d,%s,0\n", u, i, (state >> 8) % 3 == 0 ? "3.0" : "5.0");
    }
  std::fclose(out);
  return folder.string();
}

CliRun als(const std::string& arguments, bool with_stderr = true) { return run_cli(arguments, with_stderr); }

std::string last_line(const std::string& text) {
  const size_t end = text.find_last_not_of('\n');
  const size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// "  tuned        precision@10 0.7360 ..." -> "0.7360"
std::string precision_of(const std::string& out, const std::string& row) {
  const size_t at = out.find("\n  " + row);
  if (at == std::string::npos) return "";
  const size_t p = out.find("precision@10 ", at);
  return out.substr(p + 13, 6);
}

TEST(CliTune, PrintsTrialsTheComparisonAndLastTheFlagsTrainAndEvaluateAccept) {
  const std::string data = small_data_folder();
  const CliRun tune = als("tune " + data + " --budget-iterations 30 --threads 2 --seed 3", false);
  ASSERT_EQ(tune.status, 0) << tune.out;
  EXPECT_NE(tune.out.find("trial round factors regularization"), std::string::npos) << tune.out;
  EXPECT_NE(tune.out.find("the tutorial's settings"), std::string::npos);
  EXPECT_NE(tune.out.find("on the test split, never seen by the search"), std::string::npos);
  EXPECT_NE(tune.out.find("  popularity   precision@10"), std::string::npos);
  const std::string flags = last_line(tune.out);
  EXPECT_EQ(flags.rfind("--factors ", 0), 0u) << flags;
  EXPECT_NE(flags.find(" --regularization "), std::string::npos);
  EXPECT_NE(flags.find(" --alpha "), std::string::npos);
  EXPECT_NE(flags.find(" --iterations "), std::string::npos);
  EXPECT_NE(flags.find(" --seed 3"), std::string::npos) << "the seed the trials trained with";

  const CliRun train = als("train " + data + " " + flags);
  EXPECT_EQ(train.status, 0) << train.out;
  const CliRun evaluate = als("evaluate " + data + " " + flags, false);
  ASSERT_EQ(evaluate.status, 0) << evaluate.out;
  // Same split (seed 1, 20 %), same settings and seed: the same number.
  EXPECT_EQ(precision_of(evaluate.out, "ALS"), precision_of(tune.out, "tuned")) << evaluate.out << tune.out;
}

TEST(CliTune, RefusesTheSettingsItSearchesAndBadMetrics) {
  const CliRun factors = als("tune " + kDemo + " --budget 5 --factors 32");
  EXPECT_EQ(factors.status, 2);
  EXPECT_NE(factors.out.find("tune searches --factors itself"), std::string::npos) << factors.out;
  const CliRun metric = als("tune " + kDemo + " --budget 5 --metric auc");
  EXPECT_EQ(metric.status, 2);
  EXPECT_NE(metric.out.find("use precision@K (or p@K), map@K or ndcg@K"), std::string::npos) << metric.out;
  const CliRun tiny = als("tune " + kDemo + " --budget-iterations 1");
  EXPECT_EQ(tiny.status, 1);
  EXPECT_NE(tiny.out.find("no trial finished within the budget"), std::string::npos) << tiny.out;
}

}  // namespace
