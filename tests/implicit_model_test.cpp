// implicit's .npz in and out, against files numpy writes (tests/support/
// numpy_fixtures.py, run here): each row convention gives the recommendations
// computed directly from the factors in numpy; the sizes say which conventions
// can apply; ours -> .npz -> ours gives identical recommendations; numpy reads
// our export as implicit's load() does and ranks like we do; and each broken
// model is refused with a message that says what is wrong.
#include "model/implicit_model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "als/als_trainer.h"
#include "io/dataset_loader.h"
#include "native/npz_file.h"
#include "queries/recommender.h"

#ifndef ALS_TEST_FIXTURES
#define ALS_TEST_FIXTURES "/work/main/tests/fixtures"
#endif

namespace als {
namespace {

namespace fs = std::filesystem;
const std::string kDemo = std::string(ALS_TEST_FIXTURES) + "/../../public/demo";
const std::string kScript = std::string(ALS_TEST_FIXTURES) + "/../support/numpy_fixtures.py";

// Debian's python3 has numpy (python3-numpy, installed by scripts/lib.sh);
// another python3 on the PATH may not.
std::string python() { return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

std::string run(const std::string& command) {
  std::string out;
  std::FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return "cannot run " + command;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  if (status != 0) out += "\n(exit status " + std::to_string(status) + ")";
  return status == 0 ? "" : out;
}

std::map<std::string, std::string_view> views(const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string_view> v;
  for (const auto& [name, bytes] : files) v.emplace(name, bytes);
  return v;
}

// The demo data set, a small model trained on it, our export and the numpy
// fixtures made from it: built once for the whole suite.
class ImplicitModels : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("als-implicit-" + std::to_string(::getpid())));
    fs::create_directories(*dir_ / "bad");
    data_ = new Dataset(prepare_dataset(load_folder(kDemo), default_prepare_options(FileFormat::kMovieLensCsvRatings)));
    AlsConfig c;
    c.factors = 12;
    c.iterations = 6;
    c.regularization = 0.05f;
    c.confidence.alpha = 2.0f;
    model_ = new AlsModel(train_als(data_->user_items, c));
    write_npz_file((*dir_ / "ours.npz").string(), implicit_npz_entries(*model_));
    std::ofstream((*dir_ / "ours.ids.csv").string(), std::ios::binary) << row_ids_csv(*data_);
    *python_error_ = run(python() + " " + kScript + " models " + (*dir_ / "ours.npz").string() + " " +
                         (*dir_ / "ours.ids.csv").string() + " " + kDemo + "/ratings.csv " + dir_->string());
    *python_error_ +=
        run(python() + " " + kScript + " bad " + (*dir_ / "ours.npz").string() + " " + (*dir_ / "bad").string());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete data_;
    delete model_;
  }
  void SetUp() override {
    ASSERT_EQ(*python_error_, "") << "the numpy fixtures could not be written (python3-numpy is needed)";
  }

  static std::string path(const std::string& name) { return (*dir_ / name).string(); }

  // expected.csv: file -> user -> item ids.
  static std::map<std::string, std::map<std::string, std::vector<std::string>>> expected() {
    std::map<std::string, std::map<std::string, std::vector<std::string>>> out;
    std::ifstream in(path("expected.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::stringstream fields(line);
      std::string file, user, items;
      std::getline(fields, file, ',');
      std::getline(fields, user, ',');
      std::getline(fields, items);
      std::stringstream ids(items);
      for (std::string id; ids >> id;) out[file][user].push_back(id);
    }
    return out;
  }

  static std::vector<std::string> recommended(const AlsModel& model, const std::string& user) {
    const Recommender r(model);
    const int32_t u = data_->users.find(user);
    UserItems liked;
    liked.items.assign(data_->user_items.indices.begin() + data_->user_items.indptr[u],
                       data_->user_items.indices.begin() + data_->user_items.indptr[u + 1]);
    RecommendOptions options;
    options.count = 10;
    std::vector<std::string> ids;
    for (const ScoredItem& s : r.recommend_for_user(u, liked, options)) ids.push_back(data_->items.external_id(s.id));
    return ids;
  }

  static std::string refusal(const std::string& file) {
    try {
      const auto files = read_npz_file(path("bad/" + file));
      const ImplicitArrays arrays = read_implicit_arrays(views(files));
      std::string why;
      if (implicit_conventions(arrays, *data_, &why).empty()) return why;
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }

  static fs::path* dir_;
  static Dataset* data_;
  static AlsModel* model_;
  static std::string* python_error_;
};

fs::path* ImplicitModels::dir_ = nullptr;
Dataset* ImplicitModels::data_ = nullptr;
AlsModel* ImplicitModels::model_ = nullptr;
std::string* ImplicitModels::python_error_ = new std::string;

std::vector<std::string> names_of(const ConventionChoice& c) {
  std::vector<std::string> names;
  for (RowConvention k : c.conventions) names.push_back(row_convention_name(k));
  return names;
}

TEST_F(ImplicitModels, EachConventionGivesTheRecommendationsOfItsFactors) {
  const auto want = expected();
  for (const std::string convention : {"raw", "sorted", "first-seen"}) {
    for (const std::string dtype : {"float32", "float64"}) {
      const std::string name = convention + "-" + dtype + ".npz";
      SCOPED_TRACE(name);
      const auto files = read_npz_file(path(name));
      const ImplicitArrays arrays = read_implicit_arrays(views(files));
      EXPECT_EQ(arrays.settings.dtype, dtype);
      EXPECT_EQ(arrays.settings.factors, 12);
      EXPECT_FLOAT_EQ(static_cast<float>(arrays.settings.regularization), 0.05f);
      EXPECT_FLOAT_EQ(static_cast<float>(arrays.settings.alpha), 2.0f);
      EXPECT_TRUE(arrays.settings.missing.empty());
      std::string why;
      const std::vector<ConventionChoice> choices = implicit_conventions(arrays, *data_, &why);
      const ConventionChoice* chosen = nullptr;
      for (const ConventionChoice& c : choices)
        for (RowConvention k : c.conventions)
          if (row_convention_name(k) == convention) chosen = &c;
      ASSERT_NE(chosen, nullptr) << why;
      EXPECT_GT(chosen->fit.rated_pair_auc, 0.8) << "the right rows rank rated items first";
      EXPECT_TRUE(chosen->fit.plausible);
      const AlsModel model = implicit_model(arrays, *chosen);
      EXPECT_EQ(model.config.formulation, Formulation::kImplicit);
      EXPECT_FALSE(model.config.confidence.one_plus);
      for (const auto& [user, items] : want.at(name)) EXPECT_EQ(recommended(model, user), items) << "user " << user;
    }
  }
}

TEST_F(ImplicitModels, TheSizesSayWhichConventionsCanApplyAndTheScoresWhichOneIsRight) {
  std::string why;
  const auto raw_files = read_npz_file(path("raw-float32.npz"));
  const std::vector<ConventionChoice> raw = implicit_conventions(read_implicit_arrays(views(raw_files)), *data_, &why);
  ASSERT_EQ(raw.size(), 1u) << "a matrix as tall as the largest id fits only the raw convention";
  EXPECT_EQ(names_of(raw[0]), std::vector<std::string>{"raw"});

  // Sorted and first-seen have the same sizes; users are sorted in the file
  // (so both number them alike), items are not: two choices to ask about.
  const auto sorted_files = read_npz_file(path("sorted-float32.npz"));
  const std::vector<ConventionChoice> both =
      implicit_conventions(read_implicit_arrays(views(sorted_files)), *data_, &why);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(names_of(both[0]), std::vector<std::string>{"sorted"});
  EXPECT_EQ(names_of(both[1]), std::vector<std::string>{"first-seen"});
  EXPECT_EQ(both[0].rows.user_rows, both[1].rows.user_rows);
  EXPECT_NE(both[0].rows.item_rows, both[1].rows.item_rows);
  EXPECT_GT(both[0].fit.rated_pair_auc, 0.8);
  EXPECT_LT(both[1].fit.rated_pair_auc, 0.7) << "rows matched to the wrong items rank near chance";
  EXPECT_FALSE(both[1].fit.plausible);
  EXPECT_NE(both[1].fit.message.find("other ids"), std::string::npos);
}

TEST_F(ImplicitModels, OursToNpzAndBackGivesIdenticalRecommendations) {
  const auto files = read_npz_file(path("ours.npz"));
  const ImplicitArrays arrays = read_implicit_arrays(views(files));
  std::string why;
  const std::vector<ConventionChoice> choices = implicit_conventions(arrays, *data_, &why);
  ASSERT_FALSE(choices.empty()) << why;
  const AlsModel back = implicit_model(arrays, choices.front());
  EXPECT_EQ(names_of(choices.front()).front(), "sorted");
  ASSERT_EQ(back.user_factors.size(), model_->user_factors.size());
  EXPECT_EQ(0, std::memcmp(back.user_factors.data(), model_->user_factors.data(), model_->user_factors.size() * 4));
  EXPECT_EQ(0, std::memcmp(back.item_factors.data(), model_->item_factors.data(), model_->item_factors.size() * 4));
  EXPECT_EQ(back.config.regularization, model_->config.regularization);
  EXPECT_EQ(back.config.confidence.alpha, model_->config.confidence.alpha);
  EXPECT_EQ(back.config.iterations, model_->config.iterations);
  for (const std::string user : {"1", "500", "1000"}) EXPECT_EQ(recommended(back, user), recommended(*model_, user));
  // The fold-in of a new user (the same settings) is the same too.
  const Recommender a(*model_), b(back);
  const UserItems me{{3, 17, 40}, {5, 4, 5}};
  EXPECT_EQ(a.fold_in(me), b.fold_in(me));
}

TEST_F(ImplicitModels, NumpyReadsOurExportAsImplicitDoesAndRanksLikeUs) {
  // numpy_fixtures.py loaded ours.npz with implicit's load() steps and wrote
  // its own top 10 (liked filtered out) for three users.
  const auto want = expected();
  for (const auto& [user, items] : want.at("ours")) EXPECT_EQ(recommended(*model_, user), items) << "user " << user;
  const std::string ids = row_ids_csv(*data_);
  EXPECT_EQ(ids.substr(0, ids.find('\n')), "side,row,id,title");
  EXPECT_NE(ids.find("\nitem,0,\"" + data_->items.external_id(0) + "\",\""), std::string::npos);
}

TEST_F(ImplicitModels, EveryBrokenModelIsRefusedWithWhatIsWrong) {
  EXPECT_NE(refusal("pickled.npz").find("Python objects"), std::string::npos) << refusal("pickled.npz");
  EXPECT_NE(refusal("int-factors.npz").find("user_factors has dtype '<i8'"), std::string::npos)
      << refusal("int-factors.npz");
  EXPECT_NE(refusal("mismatched-factors.npz").find("12 factors but item_factors has 13"), std::string::npos)
      << refusal("mismatched-factors.npz");
  EXPECT_NE(refusal("nan.npz").find("item_factors row 5 holds NaN"), std::string::npos) << refusal("nan.npz");
  const std::string none = refusal("no-convention.npz");
  EXPECT_NE(none.find("7 user rows"), std::string::npos) << none;
  EXPECT_NE(none.find("fit no way of numbering"), std::string::npos) << none;
  EXPECT_NE(refusal("bpr.npz").find("BPR"), std::string::npos) << refusal("bpr.npz");
  EXPECT_NE(refusal("no-factors.npz").find("no user_factors"), std::string::npos) << refusal("no-factors.npz");
  EXPECT_NE(refusal("short-member.npz").find("item_factors.npy: is truncated"), std::string::npos)
      << refusal("short-member.npz");
  // The archive itself cut short, as by a download that stopped half way.
  {
    std::ifstream in(path("sorted-float32.npz"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(path("bad/cut.npz"), std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  EXPECT_NE(refusal("cut.npz").find("cut.npz: not a readable .npz"), std::string::npos) << refusal("cut.npz");
}

TEST_F(ImplicitModels, ARowCountBeforeTheThresholdIsNamed) {
  // A notebook that kept every rating has more items than the data step
  // keeps with its threshold: the message says so.
  Dataset thresholded = *data_;
  thresholded.stats.raw_items = data_->item_count() + 5;
  const auto files = read_npz_file(path("sorted-float32.npz"));
  ImplicitArrays arrays = read_implicit_arrays(views(files));
  arrays.item_factors.shape[0] = thresholded.item_count() + 5;  // sizes only: the rows are not read
  std::string why;
  EXPECT_TRUE(implicit_conventions(arrays, thresholded, &why).empty());
  EXPECT_NE(why.find("before the rating threshold"), std::string::npos) << why;
}

}  // namespace
}  // namespace als

namespace als {
namespace {

// Found by fuzz_implicit_model: finite factors so large that YᵀY overflows
// are refused at import, not left to fail later in the recommender.
TEST(ImplicitArrays, FactorsSoLargeThatScoresOverflowAreRefused) {
  const float huge[] = {1e20f, 2e20f, 1e20f, 3e20f};
  const float fine[] = {0.1f, 0.2f, 0.3f, 0.4f};
  const std::string users = npy_float32_matrix(huge, 2, 2, 2), items = npy_float32_matrix(fine, 2, 2, 2);
  try {
    read_implicit_arrays({{"user_factors.npy", users}, {"item_factors.npy", items}});
    FAIL() << "must be refused";
  } catch (const ModelImportError& e) {
    EXPECT_NE(std::string(e.what()).find("user_factors holds values so large"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace als
