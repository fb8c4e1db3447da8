// `als train|similar|recommend|explain|predict --algorithm KIND`: every model
// kind on the command line, trained on the demo data or read back from the
// .als file it saved (which says its kind), with the same answers; the queries
// a kind cannot answer (popularity's similar items, BPR's explanation) refused
// with the reason; settings out of range refused saying what to change.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

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

// The lines after a heading, up to the next blank line or the explanation.
std::string section(const std::string& out, const std::string& heading) {
  return als::testing::section_after(out, heading, "\nwhy ");
}

// The item ids of the ranked rows ("    1. 753      Title (1999)   0.42   113 users") in a section.
std::vector<std::string> ranked_ids(const std::string& text) {
  static const std::regex row(R"(\n\s+\d+\.\s+(\S+)\s)");
  std::vector<std::string> ids;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), row); it != std::sregex_iterator(); ++it)
    ids.push_back((*it)[1]);
  return ids;
}

class CliAlgorithm : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("als-cli-algorithm-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// One thread: BPR and LMF are Hogwild SGD, the same model only on one thread.
const char* kSmall[][2] = {
    {"knn-bm25", ""},
    {"knn-cosine", ""},
    {"knn-tfidf", ""},
    {"bpr", " --set iterations=10,factors=16"},
    {"lmf", " --set iterations=5,factors=8"},
    {"explicit-als", " --set iterations=5"},
};

TEST_F(CliAlgorithm, EveryKindRecommendsTheSameFromItsSavedFile) {
  for (const auto& [kind, settings] : kSmall) {
    SCOPED_TRACE(kind);
    const std::string file = (dir_ / (std::string(kind) + ".als")).string();
    const std::string train = std::string("--algorithm ") + kind + settings + " --threads 1";
    const CliRun trained = als("train " + kDemo + " " + train + " --save " + file);
    ASSERT_EQ(trained.status, 0) << trained.out;
    EXPECT_NE(trained.out.find("saved " + file), std::string::npos) << trained.out;

    const CliRun direct = als("recommend " + kDemo + " " + train + " --liked 1,2,5 --count 7");
    const CliRun saved = als("recommend --model " + file + " --liked 1,2,5 --count 7");
    ASSERT_EQ(direct.status, 0) << direct.out;
    ASSERT_EQ(saved.status, 0) << saved.out;
    const std::string list = section(direct.out, "recommended by");
    const std::vector<std::string> ids = ranked_ids(list);
    EXPECT_EQ(ids.size(), 7u) << list;
    EXPECT_EQ(section(saved.out, "recommended by"), list);
    for (const char* liked : {"1", "2", "5"})
      EXPECT_EQ(std::count(ids.begin(), ids.end(), liked), 0) << "liked " << liked << " recommended: " << list;

    const CliRun similar = als("similar --model " + file + " --item 11 --count 5");
    ASSERT_EQ(similar.status, 0) << similar.out;
    EXPECT_EQ(ranked_ids(section(similar.out, "similar to")).size(), 6u) << similar.out;  // the item itself first

    // A file of one kind is not read as another.
    const CliRun other = als("recommend --model " + file + " --algorithm als --liked 1");
    EXPECT_EQ(other.status, 2) << other.out;
    EXPECT_NE(other.out.find(std::string("is a ") + kind + " model"), std::string::npos) << other.out;
  }
}

TEST_F(CliAlgorithm, ExplainSumsToTheScoreWhereTheModelSplitsIt) {
  // The first recommendation: a neighbour of the liked items, so its score is not 0.
  const CliRun recommended = als("recommend " + kDemo + " --algorithm knn-cosine --liked 1,2,5");
  ASSERT_EQ(recommended.status, 0) << recommended.out;
  const std::string item = ranked_ids(section(recommended.out, "recommended by")).at(0);
  const CliRun knn = als("explain " + kDemo + " --algorithm knn-cosine --liked 1,2,5 --item " + item);
  ASSERT_EQ(knn.status, 0) << knn.out;
  EXPECT_NE(knn.out.find("why "), std::string::npos) << knn.out;
  const double score = std::stod(knn.out.substr(knn.out.find("score ") + 6));
  double sum = 0;
  for (size_t at = knn.out.find("=\n"); (at = knn.out.find("\n  ", at)) != std::string::npos; ++at)
    sum += std::stod(knn.out.substr(at + 3));
  EXPECT_GT(score, 0.05) << knn.out;
  EXPECT_NEAR(sum, score, 1e-3 * std::max(1.0, score)) << knn.out;

  const CliRun predicted = als("predict " + kDemo + " --algorithm knn-cosine --liked 1,2,5 --item " + item);
  ASSERT_EQ(predicted.status, 0) << predicted.out;
  EXPECT_NEAR(std::stod(predicted.out.substr(predicted.out.find(": ", predicted.out.find("predicted")) + 2)), score,
              1e-3 * std::max(1.0, score))
      << predicted.out;

  const CliRun rating = als("predict " + kDemo + " --algorithm explicit-als --liked 1:4,2:2 --item 11");
  ASSERT_EQ(rating.status, 0) << rating.out;
  EXPECT_NE(rating.out.find("predicted rating for"), std::string::npos) << rating.out;

  const CliRun bpr = als("explain " + kDemo + " --algorithm bpr --set iterations=2 --liked 1 --item 11");
  EXPECT_EQ(bpr.status, 2) << bpr.out;
  EXPECT_NE(bpr.out.find("stochastic gradient descent"), std::string::npos) << bpr.out;
}

TEST_F(CliAlgorithm, RefusesWhatAKindCannotDoSayingWhy) {
  const CliRun popular = als("similar " + kDemo + " --algorithm popular --item 11");
  EXPECT_EQ(popular.status, 2) << popular.out;
  EXPECT_NE(popular.out.find("has no similar items"), std::string::npos) << popular.out;
  EXPECT_EQ(popular.out.find("iterations"), std::string::npos) << "refused before training: " << popular.out;

  const CliRun unknown = als("recommend " + kDemo + " --algorithm sgd --liked 1");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.out.find("one of: als, explicit-als, bpr"), std::string::npos) << unknown.out;

  const CliRun k0 = als("recommend " + kDemo + " --algorithm knn-bm25 --set neighbours=0 --liked 1");
  EXPECT_EQ(k0.status, 2);
  EXPECT_NE(k0.out.find("implicit's default: 20"), std::string::npos) << k0.out;

  const CliRun lr = als("train " + kDemo + " --algorithm bpr --set learning_rate=-1");
  EXPECT_EQ(lr.status, 2);
  EXPECT_NE(lr.out.find("learning"), std::string::npos) << lr.out;

  const CliRun no_such = als("train " + kDemo + " --algorithm bpr --set momentum=0.9");
  EXPECT_EQ(no_such.status, 2);
  EXPECT_NE(no_such.out.find("its settings: factors, learning_rate"), std::string::npos) << no_such.out;

  // A rating model on data without ratings (one value per interaction).
  const CliRun binary = als("train " + kDemo + " --algorithm explicit-als --binary");
  EXPECT_EQ(binary.status, 2) << binary.out;
  EXPECT_NE(binary.out.find("rating"), std::string::npos) << binary.out;

  const CliRun elsewhere = als("stats " + kDemo + " --algorithm bpr");
  EXPECT_EQ(elsewhere.status, 2);
  EXPECT_NE(elsewhere.out.find("unknown option --algorithm"), std::string::npos) << elsewhere.out;
}

TEST_F(CliAlgorithm, TheTutorialsAlsStaysTheDefault) {
  const CliRun plain = als("recommend " + kDemo + " --factors 8 --iterations 3 --liked 1,2 --count 5");
  const CliRun named = als("recommend " + kDemo + " --algorithm als --factors 8 --iterations 3 --liked 1,2 --count 5");
  ASSERT_EQ(plain.status, 0) << plain.out;
  ASSERT_EQ(named.status, 0) << named.out;
  const std::string list = section(plain.out, "recommended (liked items filtered out)");
  EXPECT_EQ(ranked_ids(list).size(), 5u) << plain.out;
  EXPECT_EQ(section(named.out, "recommended (liked items filtered out)"), list);
}

}  // namespace
