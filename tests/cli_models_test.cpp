// The `als` command with models trained elsewhere: export to implicit's .npz
// (and the ids of its rows), then every model command reads the .npz with
// the data, asking for --rows only where the sizes leave a choice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli_run.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace {

namespace fs = std::filesystem;
using als::testing::CliRun;
using als::testing::run_cli;
const std::string kDemo = als::testing::demo_folder();

CliRun als(const std::string& arguments) { return run_cli(arguments); }

// The lines after a heading, up to the next blank line.
std::string section(const std::string& out, const std::string& heading) {
  return als::testing::section_after(out, heading);
}

TEST(CliModels, ExportThenRecommendFromTheNpzGivesTheSameList) {
  const fs::path dir = fs::temp_directory_path() / ("als-cli-models-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string als_file = (dir / "m.als").string(), npz = (dir / "m.npz").string();
  ASSERT_EQ(als("train " + kDemo + " --factors 12 --iterations 5 --save " + als_file).status, 0);
  const CliRun exported = als("export --model " + als_file + " --format implicit --out " + npz);
  ASSERT_EQ(exported.status, 0) << exported.out;
  EXPECT_NE(exported.out.find("AlternatingLeastSquares.load('" + npz + "')"), std::string::npos) << exported.out;
  std::ifstream ids((dir / "m.ids.csv").string());
  std::string header;
  std::getline(ids, header);
  EXPECT_EQ(header, "side,row,id,title");

  // Sorted and first-seen fit the same sizes: --rows is asked for, with the evidence.
  const CliRun ask = als("recommend " + kDemo + " --model " + npz + " --user 7");
  EXPECT_EQ(ask.status, 2);
  EXPECT_NE(ask.out.find("--rows sorted"), std::string::npos) << ask.out;
  EXPECT_NE(ask.out.find("--rows first-seen"), std::string::npos) << ask.out;
  EXPECT_NE(ask.out.find("of 4000 pairs"), std::string::npos) << ask.out;

  const CliRun from_npz = als("recommend " + kDemo + " --model " + npz + " --rows sorted --user 7");
  const CliRun from_als = als("recommend --model " + als_file + " --user 7");
  ASSERT_EQ(from_npz.status, 0) << from_npz.out;
  EXPECT_NE(from_npz.out.find("rows = sorted"), std::string::npos) << from_npz.out;
  const std::string want = section(from_als.out, "recommended for user 7");
  EXPECT_FALSE(want.empty()) << from_als.out;
  EXPECT_EQ(section(from_npz.out, "recommended for user 7"), want);

  const CliRun similar = als("similar " + kDemo + " --model " + npz + " --rows sorted --item 11");
  EXPECT_EQ(similar.status, 0) << similar.out;
  EXPECT_EQ(section(similar.out, "similar to"),
            section(als("similar --model " + als_file + " --item 11").out, "similar to"));

  const CliRun wrong = als("recommend " + kDemo + " --model " + npz + " --rows raw --user 7");
  EXPECT_EQ(wrong.status, 2);
  EXPECT_NE(wrong.out.find("--rows raw does not fit"), std::string::npos) << wrong.out;

  const CliRun no_data = als("similar --model " + npz + " --item 11");
  EXPECT_NE(no_data.out.find("has no ids: give the data"), std::string::npos) << no_data.out;

  const CliRun evaluated = als("evaluate " + kDemo + " --model " + npz + " --rows sorted --k 10");
  ASSERT_EQ(evaluated.status, 0) << evaluated.out;
  EXPECT_NE(evaluated.out.find("retrained"), std::string::npos) << evaluated.out;
  EXPECT_NE(evaluated.out.find("as imported"), std::string::npos) << evaluated.out;
  EXPECT_NE(evaluated.out.find("optimistic"), std::string::npos) << evaluated.out;
  fs::remove_all(dir);
}

}  // namespace
