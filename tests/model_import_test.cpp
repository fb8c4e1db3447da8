// Importing a model trained elsewhere into the Workspace the web worker
// drives: the members are staged, the sizes decide or a choice is asked for,
// the imported model answers every query, a broken one leaves the previous
// model in place, and one too big for the tab is refused before it is read.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "session/workspace.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

const std::string kDemo = std::string(ALS_TEST_FIXTURES) + "/../../public/demo";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void load_demo(Workspace& ws) {
  ws.begin_load({});
  for (const char* name : {"ratings.csv", "movies.csv"}) {
    const std::string text = read_file(kDemo + "/" + name);
    ws.begin_file(name);
    ws.feed(text.data(), text.size());
    ws.end_file();
  }
  ws.finish_load();
}

void stage(Workspace& ws, const std::vector<std::pair<std::string, std::string>>& members) {
  uint64_t total = 0;
  for (const auto& m : members) total += m.second.size();
  ws.begin_import(total);
  for (const auto& [name, bytes] : members) {
    std::vector<uint8_t>& buffer = ws.import_buffer(name, bytes.size());
    std::memcpy(buffer.data(), bytes.data(), bytes.size());
  }
}

AlsConfig quick() {
  AlsConfig c;
  c.factors = 10;
  c.iterations = 5;
  c.regularization = 0.03f;
  return c;
}

// A model trained here, exported as implicit would save it.
std::vector<std::pair<std::string, std::string>> exported_demo_model(Workspace& ws) {
  ws.start_training(quick());
  while (!ws.advance_training(10)) {
  }
  return ws.export_implicit();
}

TEST(ModelImport, AChoiceIsAskedWhenTheSizesLeaveOneThenTheModelAnswers) {
  Workspace ws;
  load_demo(ws);
  const auto members = exported_demo_model(ws);
  const Favorites me{{1, 5, 9}, {5, 4, 5}};
  const std::vector<RecommendationRow> before = ws.recommend(me, {});

  stage(ws, members);
  const Workspace::ImportOutcome ask = ws.import_implicit(std::nullopt);
  EXPECT_FALSE(ask.adopted);
  ASSERT_EQ(ask.choices.size(), 2u) << "sorted and first-seen fit the same sizes";
  EXPECT_GT(ask.choices[0].fit.rated_pair_auc, ask.choices[1].fit.rated_pair_auc);
  EXPECT_FALSE(ws.model().imported) << "nothing changes until the choice is made";

  const Workspace::ImportOutcome done = ws.import_implicit(RowConvention::kSortedId);  // still staged
  ASSERT_TRUE(done.adopted);
  EXPECT_TRUE(ws.model().imported);
  EXPECT_EQ(ws.model().model.origin, "implicit");
  EXPECT_EQ(ws.model().data.get(), &ws.data()) << "it answers on the data loaded";
  const std::vector<RecommendationRow> after = ws.recommend(me, {});
  ASSERT_EQ(after.size(), before.size());
  for (size_t k = 0; k < after.size(); ++k) {
    EXPECT_EQ(after[k].item.id, before[k].item.id);
    EXPECT_FLOAT_EQ(after[k].item.score, before[k].item.score);
    double sum = 0;
    for (const Contribution& c : after[k].explanation.contributions) sum += c.contribution;
    EXPECT_NEAR(sum, after[k].item.score, 1e-4);
  }
  EXPECT_EQ(ws.similar_items(3, 5).size(), 5u);
  // Kept as this app's model file, it comes back as the imported model.
  const std::string kept = ws.save_model(false);
  Workspace again;
  load_demo(again);
  EXPECT_TRUE(again.load_model(kept));
  EXPECT_TRUE(again.model().imported);
  EXPECT_EQ(again.model().model.origin, "implicit");
}

TEST(ModelImport, ABrokenModelLeavesThePreviousOne) {
  Workspace ws;
  load_demo(ws);
  auto members = exported_demo_model(ws);
  const float first = ws.model().model.item_factors(0, 0);
  members[1].second.resize(members[1].second.size() / 2);  // item_factors cut short
  stage(ws, members);
  try {
    ws.import_implicit(RowConvention::kSortedId);
    FAIL() << "a truncated member must be refused";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("item_factors.npy: is truncated"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(ws.model().imported);
  EXPECT_EQ(ws.model().model.item_factors(0, 0), first);
  EXPECT_THROW(ws.import_implicit(RowConvention::kSortedId), std::exception) << "nothing stays staged after a failure";
}

TEST(ModelImport, ATooBigModelIsRefusedUpFrontWithTheNumbers) {
  Workspace ws;
  load_demo(ws);
  ws.set_memory_budget(64ull << 20);
  // An ml-25m-size float64 model with 512 factors: 908 MB of members.
  const uint64_t members = (162541ull + 59047ull) * 512 * 8;
  try {
    ws.begin_import(members);
    FAIL() << "must be refused";
  } catch (const MemoryLimitError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("importing this model needs about"), std::string::npos) << m;
    EXPECT_NE(m.find("GB"), std::string::npos) << m;
  }
}

TEST(ModelImport, ImplicitNeedsTheDataItWasTrainedOn) {
  Workspace ws;
  EXPECT_THROW(ws.begin_import(100), std::logic_error);
}

TEST(ModelImport, ASparkModelAnswersWithSparksFormulation) {
  Workspace ws;
  load_demo(ws);
  ws.start_training(quick());
  while (!ws.advance_training(10)) {
  }
  const AlsModel& trained = ws.model().model;
  const Dataset& d = ws.data();
  std::vector<int32_t> user_ids, item_ids;
  for (int32_t u = 0; u < d.user_count(); ++u) user_ids.push_back(std::stoi(d.users.external_id(u)));
  for (int32_t i = 0; i < d.item_count(); ++i) item_ids.push_back(std::stoi(d.items.external_id(i)));
  auto bytes = [](const auto& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  std::vector<float> uf, itf;
  for (int32_t u = 0; u < d.user_count(); ++u)
    uf.insert(uf.end(), trained.user_factors.row(u), trained.user_factors.row(u) + 10);
  for (int32_t i = 0; i < d.item_count(); ++i)
    itf.insert(itf.end(), trained.item_factors.row(i), trained.item_factors.row(i) + 10);
  stage(ws, {{"userFactors.id", bytes(user_ids)},
             {"userFactors.features", bytes(uf)},
             {"itemFactors.id", bytes(item_ids)},
             {"itemFactors.features", bytes(itf)}});
  SparkSettings s;
  s.rank = 10;
  s.alpha = 1.0;
  s.reg_param = 0.1;
  const Workspace::ImportOutcome out = ws.import_spark(s);
  ASSERT_TRUE(out.adopted);
  EXPECT_EQ(ws.model().model.config.formulation, Formulation::kSpark);
  const Favorites me{{1, 5, 9}, {5, 4, 5}};
  const std::vector<RecommendationRow> rows = ws.recommend(me, {});
  ASSERT_FALSE(rows.empty());
  double sum = 0;
  for (const Contribution& c : rows[0].explanation.contributions) sum += c.contribution;
  EXPECT_NEAR(sum, rows[0].item.score, 1e-4);
}

TEST(ModelImport, EvaluationRetrainsTheSettingsAndScoresTheImportedModelApart) {
  Workspace ws;
  load_demo(ws);
  const auto members = exported_demo_model(ws);
  stage(ws, members);
  ASSERT_TRUE(ws.import_implicit(RowConvention::kSortedId).adopted);
  ws.start_evaluation(ws.model().model.config, 0.2, 10, 1, /*with_current_model=*/true);
  while (!ws.advance_evaluation(10)) {
  }
  const Workspace::EvaluationResult& r = ws.evaluation_result();
  ASSERT_TRUE(r.has_current_model);
  EXPECT_GT(r.current_model.precision, r.model.precision) << "the imported model saw the test ratings: optimistic";
  EXPECT_GT(r.model.precision, r.popularity.precision);
}

}  // namespace
}  // namespace als
