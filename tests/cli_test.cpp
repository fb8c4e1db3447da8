// The `als` command end to end on the built-in demo set (generated): every
// command runs, prints titles, and says what is wrong with bad arguments.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace {

const std::string kDemo = std::string(ALS_TEST_FIXTURES) + "/../../public/demo";

struct CliRun {
  int status;
  std::string out;
};

// Runs the CLI with stderr folded into the output.
CliRun als(const std::string& arguments) {
  const std::string command = std::string(ALS_CLI_PATH) + " " + arguments + " 2>&1";
  CliRun run{-1, ""};
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

const std::string kFast = " --factors 16 --iterations 5 ";

TEST(Cli, StatsShowTheKeptShareShapeAndPopularTitles) {
  const CliRun r = als("stats " + kDemo + " --top 3");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("kept (rating >= 3)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("matrix shape:"), std::string::npos);
  EXPECT_NE(r.out.find("most popular items:"), std::string::npos);
  EXPECT_NE(r.out.find("histogram of values:"), std::string::npos);
}

TEST(Cli, RecommendFoldsInExplainsAndRetrains) {
  // Movies 2, 4 and 13 of the demo set are Sci-Fi.
  const CliRun folded = als("recommend " + kDemo + kFast + "--liked 2,4,13 --count 5");
  ASSERT_EQ(folded.status, 0) << folded.out;
  EXPECT_NE(folded.out.find("recommended (liked items filtered out):"), std::string::npos);
  EXPECT_NE(folded.out.find("why "), std::string::npos) << "the top recommendation is explained";
  const CliRun retrained = als("recommend " + kDemo + kFast + "--liked 2,4,13 --count 5 --retrain");
  ASSERT_EQ(retrained.status, 0) << retrained.out;
  EXPECT_NE(retrained.out.find("trained as a user"), std::string::npos);
}

TEST(Cli, SaveThenQueryTheModelFile) {
  const std::string model = (std::filesystem::temp_directory_path() / "cli_test_model.als").string();
  ASSERT_EQ(als("train " + kDemo + kFast + "--save " + model).status, 0);
  const CliRun similar = als("similar --model " + model + " --item 2 --count 3");
  ASSERT_EQ(similar.status, 0) << similar.out;
  EXPECT_NE(similar.out.find("(cosine)"), std::string::npos);
  const CliRun predict = als("predict --model " + model + " --liked 2,4 --item 13");
  ASSERT_EQ(predict.status, 0) << predict.out;
  EXPECT_NE(predict.out.find("predicted preference for"), std::string::npos);
  const CliRun all = als("recommend --model " + model + " --all --count 2");
  ASSERT_EQ(all.status, 0) << all.out;
  EXPECT_EQ(all.out.rfind("user,rank,item,score\n", 0), 0u) << "CSV on stdout";
  std::filesystem::remove(model);
}

TEST(Cli, SimilarAndRecommendApplyTheMinimumSupport) {
  // Every demo movie has 5 or more users: the default rule applies (at least 5).
  const CliRun rule = als("similar " + kDemo + kFast + "--item 369 --count 3");
  ASSERT_EQ(rule.status, 0) << rule.out;
  EXPECT_NE(rule.out.find("(items with at least 5 users: 0 of 600 items left out; --include-rare lists them)"), std::string::npos) << rule.out;
  EXPECT_NE(rule.out.find(" users\n"), std::string::npos) << "each row says how many users kept the item";
  // A minimum no item reaches: only the movie itself is left.
  const CliRun none = als("similar " + kDemo + kFast + "--item 369 --count 3 --min-support 100000");
  ASSERT_EQ(none.status, 0) << none.out;
  EXPECT_NE(none.out.find("600 of 600 items left out"), std::string::npos) << none.out;
  EXPECT_EQ(none.out.find("  2. "), std::string::npos) << none.out;
  const CliRun raw = als("recommend " + kDemo + kFast + "--liked 369,77 --count 3 --include-rare");
  ASSERT_EQ(raw.status, 0) << raw.out;
  EXPECT_NE(raw.out.find("(every item, however few users kept it)"), std::string::npos) << raw.out;
  const CliRun popular = als("similar " + kDemo + kFast + "--most-popular 3 --count 5");
  ASSERT_EQ(popular.status, 0) << popular.out;
  EXPECT_NE(popular.out.find("neighbours with fewer than 5 users: 0 of 15 (0.0%)"), std::string::npos) << popular.out;
  const CliRun both = als("similar " + kDemo + kFast + "--item 369 --include-rare --min-support 3");
  EXPECT_EQ(both.status, 2);
  EXPECT_NE(both.out.find("--include-rare and --min-support exclude each other"), std::string::npos) << both.out;
}

TEST(Cli, EvaluateComparesWithPopularity) {
  const CliRun r = als("evaluate " + kDemo + kFast + "--k 10");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("ALS"), std::string::npos);
  EXPECT_NE(r.out.find("popularity"), std::string::npos);
  EXPECT_NE(r.out.find("precision@10"), std::string::npos);
}

TEST(Cli, GenerateWritesAMovieLensFolder) {
  const auto folder = std::filesystem::temp_directory_path() / "cli_test_generated";
  std::filesystem::remove_all(folder);
  ASSERT_EQ(als("generate --preset demo --out " + folder.string()).status, 0);
  EXPECT_TRUE(std::filesystem::exists(folder / "ratings.csv"));
  EXPECT_TRUE(std::filesystem::exists(folder / "movies.csv"));
  std::filesystem::remove_all(folder);
}

TEST(Cli, BadArgumentsSayWhatIsWrong) {
  const CliRun unknown = als("stats " + kDemo + " --colour red");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("unknown option --colour"), std::string::npos) << unknown.out;
  const CliRun missing = als("stats /no/such/folder");
  EXPECT_NE(missing.out.find("no such file or folder"), std::string::npos);
  const CliRun item = als("similar " + kDemo + kFast + "--item 999999");
  EXPECT_NE(item.out.find("item 999999 is not in the data set"), std::string::npos) << item.out;
  const CliRun number = als("train " + kDemo + " --factors many");
  EXPECT_NE(number.out.find("--factors expects a number"), std::string::npos);
}

}  // namespace
