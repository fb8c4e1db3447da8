// The `als` command end to end on the built-in demo set (generated): every
// command runs, prints titles, and says what is wrong with bad arguments.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "model/model_file.h"
#include "support/cli_run.h"
#include "support/zip_writer.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace {

using als::testing::CliRun;
using als::testing::run_cli;
const std::string kDemo = als::testing::demo_folder();

CliRun als(const std::string& arguments, bool with_stderr = true) { return run_cli(arguments, with_stderr); }

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

TEST(Cli, NeighboursComparesTheRulesOnHeldOutRatings) {
  const CliRun r = als("neighbours " + kDemo + kFast + "--most-popular 20 --count 5 --shrinkage 2,5");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* row : {"every item, the raw cosine", "at least 5 users", "at least 5, x n/(n + 2)",
                          "at least 5, x n/(n + 5) (the page's)"})
    EXPECT_NE(r.out.find(row), std::string::npos) << row << "\n" << r.out;
  // Each row: 20 items x 5 neighbours listed, and a held-out share in [0, 1].
  const std::string page = r.out.substr(r.out.find("(the page's)"));
  std::istringstream row(page.substr(page.find(')') + 1));
  long long listed = 0;
  row >> listed;
  EXPECT_EQ(listed, 100);
  const CliRun bad = als("neighbours " + kDemo + kFast + "--shrinkage 0");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("--shrinkage"), std::string::npos) << bad.out;
}

TEST(Cli, SimilarAndRecommendApplyTheMinimumSupport) {
  // Every demo movie has 5 or more users: the default rule applies (at least 5).
  const CliRun rule = als("similar " + kDemo + kFast + "--item 369 --count 3");
  ASSERT_EQ(rule.status, 0) << rule.out;
  EXPECT_NE(rule.out.find("(items with at least 5 users: 0 of 600 items left out; --include-rare lists them)"),
            std::string::npos)
      << rule.out;
  EXPECT_NE(rule.out.find(" users\n"), std::string::npos) << "each row says how many users kept the item";
  EXPECT_NE(rule.out.find("(ranked by similarity x n/(n + 5)"), std::string::npos) << rule.out;
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

// ---- zips (issue 11) ---------------------------------------------------------

std::string scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("als_cli_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

TEST(Cli, AZipAndTheSameFilesUnzippedGiveTheSameSummaryAndModel) {
  const std::string dir = scratch("zip");
  // As GroupLens ships them: one top folder inside the zip.
  als::testing::write_zip(dir + "/demo.zip", als::testing::folder_entries(kDemo, kDemo + "/.."));
  const CliRun plain = als("stats " + kDemo, false), zipped = als("stats " + dir + "/demo.zip", false);
  ASSERT_EQ(zipped.status, 0) << als("stats " + dir + "/demo.zip").out;
  EXPECT_EQ(zipped.out, plain.out);
  EXPECT_NE(zipped.out.find("most popular items:"), std::string::npos);
  ASSERT_EQ(als("train " + kDemo + kFast + "--save " + dir + "/plain.als").status, 0);
  ASSERT_EQ(als("train " + dir + "/demo.zip" + kFast + "--save " + dir + "/zipped.als").status, 0);
  // The same model to the bit (the files differ only in the training time they record).
  const als::SavedModel a = als::load_model_file(dir + "/plain.als"), b = als::load_model_file(dir + "/zipped.als");
  ASSERT_EQ(a.model.item_factors.rows(), b.model.item_factors.rows());
  ASSERT_EQ(a.model.user_factors.rows(), b.model.user_factors.rows());
  EXPECT_GT(a.model.item_factors.rows(), 100);
  EXPECT_EQ(std::memcmp(a.model.item_factors.data(), b.model.item_factors.data(),
                        a.model.item_factors.size() * sizeof(float)),
            0);
  EXPECT_EQ(std::memcmp(a.model.user_factors.data(), b.model.user_factors.data(),
                        a.model.user_factors.size() * sizeof(float)),
            0);
  EXPECT_EQ(a.data.items.external_ids(), b.data.items.external_ids());
  EXPECT_EQ(a.data.item_titles, b.data.item_titles);
  const CliRun files = als("stats " + dir + "/demo.zip");
  EXPECT_NE(files.out.find(dir + "/demo.zip/demo/ratings.csv"), std::string::npos) << files.out;
}

// Each hostile archive: a message of its own, and exit status 1.
void expect_refused(const std::string& arguments, const std::string& words) {
  const CliRun r = als(arguments);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find(words), std::string::npos) << r.out;
}

TEST(Cli, HostileZipsAreRefusedEachWithItsOwnMessage) {
  const std::string dir = scratch("hostile");
  const std::string ratings = als::testing::read_file_bytes(kDemo + "/ratings.csv");
  // The held-out bomb of the issue, smaller: one rating, then 100 MB of newlines.
  als::testing::write_newline_bomb(dir + "/bomb.zip", "ml-1m/ratings.dat", "1::1::5::978300760\n", 100u << 20);
  expect_refused("stats " + dir + "/bomb.zip", "bomb.zip: ml-1m/ratings.dat: declares 104.9 MB inflated from ");
  expect_refused("train " + dir + "/bomb.zip --save " + dir + "/x.als", "refused as a likely zip bomb");
  als::testing::write_newline_bomb(dir + "/hidden.zip", "ratings.dat", "1::1::5::978300760\n", 100u << 20, 1200000);
  expect_refused("stats " + dir + "/hidden.zip", "hidden.zip: ratings.dat: inflates ");
  als::testing::write_zip(dir + "/inner.zip", {{"ml/ratings.csv", ratings}});
  als::testing::write_zip(dir + "/nested.zip", {{"ml/inner.zip", als::testing::read_file_bytes(dir + "/inner.zip")}});
  expect_refused("stats " + dir + "/nested.zip", "nested.zip: ml/inner.zip: is a zip inside the zip");
  als::testing::write_zip(dir + "/traversal.zip", {{"../../ratings.csv", ratings}});
  expect_refused(
      "stats " + dir + "/traversal.zip",
      "traversal.zip: ../../ratings.csv: the entry's name leads out of the archive's folder (path traversal)");
  als::testing::write_zip(dir + "/secret.zip", {{"ml/ratings.csv", ratings, true, false, "secret"}});
  expect_refused("stats " + dir + "/secret.zip", "secret.zip: ml/ratings.csv: the entry is encrypted");
  const std::string whole = als::testing::read_file_bytes(dir + "/inner.zip");
  std::ofstream(dir + "/truncated.zip", std::ios::binary) << whole.substr(0, whole.size() * 2 / 3);
  expect_refused("stats " + dir + "/truncated.zip", "truncated.zip: the zip is truncated or corrupt");
  EXPECT_FALSE(std::filesystem::exists(dir + "/x.als"));
}

// ---- what cannot be trained (issue 11) ----------------------------------------

TEST(Cli, NothingAboveTheThresholdIsRefusedWithWhatToChange) {
  const std::string dir = scratch("filtered");
  std::ofstream(dir + "/ratings.dat")
      << "1::1::1::978300760\n1::2::2::978300761\n2::1::2.5::978300762\n2::3::1::978300763\n";
  const CliRun stats = als("stats " + dir);
  EXPECT_EQ(stats.status, 1);
  EXPECT_NE(stats.out.find("histogram of values:"), std::string::npos) << "the histogram shows why";
  EXPECT_NE(stats.out.find("als: nothing left after \"rating ≥ 3\": 4 ratings read, all below 3 — lower it "
                           "(--min-rating R) or turn it off (--no-threshold)"),
            std::string::npos)
      << stats.out;
  const CliRun train = als("train " + dir + kFast + "--save " + dir + "/m.als");
  EXPECT_EQ(train.status, 1);
  EXPECT_NE(train.out.find("nothing left after"), std::string::npos) << train.out;
  EXPECT_FALSE(std::filesystem::exists(dir + "/m.als"));
  EXPECT_EQ(als("stats " + dir + " --no-threshold").status, 0);
  EXPECT_EQ(als("stats " + dir + " --min-rating 1").status, 0);
}

TEST(Cli, OneUserAndOneItemIsRefused) {
  const std::string dir = scratch("one");
  std::ofstream(dir + "/ratings.dat") << "7::3::5::978300760\n";
  const CliRun stats = als("stats " + dir);
  EXPECT_EQ(stats.status, 1);
  EXPECT_NE(stats.out.find("als: only 1 user and 1 item in the data (1 rating): ALS needs at least 2 users and 2 "
                           "items — give a data set with more users and items"),
            std::string::npos)
      << stats.out;
  const CliRun evaluate = als("evaluate " + dir + kFast);
  EXPECT_EQ(evaluate.status, 1);
  EXPECT_NE(evaluate.out.find("ALS needs at least 2 users and 2 items"), std::string::npos) << evaluate.out;
}

}  // namespace
