#include "model/model_file.h"

#include <gtest/gtest.h>

#include <cstring>

#include "als/als_trainer.h"
#include "support/test_data.h"

namespace als {
namespace {

Dataset small_dataset() {
  Dataset d;
  d.user_items = testing::random_matrix(20, 15, 0.3, 4);
  d.item_users = transpose(d.user_items);
  for (int u = 0; u < 20; ++u) d.users.intern("u" + std::to_string(u));
  for (int i = 0; i < 15; ++i) {
    d.items.intern(std::to_string(100 + i));
    d.item_titles.push_back("Film " + std::to_string(i) + ", \"quoted\" é");
    d.item_genres.push_back(i % 2 ? "Drama" : "Comedy|Drama");
  }
  d.format = FileFormat::kMovieLensCsvRatings;
  return d;
}

AlsModel small_model(const Dataset& d, ConfidenceScaling scaling = ConfidenceScaling::kNone) {
  AlsConfig c;
  c.factors = 5;
  c.iterations = 3;
  c.confidence.scaling = scaling;
  c.confidence.alpha = 2;
  return train_als(d.user_items, c);
}

TEST(ModelFile, RoundTripKeepsEverything) {
  const Dataset d = small_dataset();
  const AlsModel m = small_model(d, ConfidenceScaling::kBm25);
  const SavedModel back = load_model(save_model(m, d, true));
  EXPECT_EQ(back.model.config.factors, 5);
  EXPECT_EQ(back.model.config.confidence.alpha, 2.0f);
  EXPECT_EQ(back.model.config.confidence.scaling, ConfidenceScaling::kBm25);
  EXPECT_EQ(back.model.confidence.item_idf(), m.confidence.item_idf());
  EXPECT_EQ(back.model.loss_history, m.loss_history);
  EXPECT_EQ(0, std::memcmp(back.model.item_factors.data(), m.item_factors.data(), m.item_factors.size() * 4));
  EXPECT_EQ(0, std::memcmp(back.model.user_factors.data(), m.user_factors.data(), m.user_factors.size() * 4));
  EXPECT_EQ(back.data.users.external_ids(), d.users.external_ids());
  EXPECT_EQ(back.data.items.external_ids(), d.items.external_ids());
  EXPECT_EQ(back.data.item_titles, d.item_titles);
  EXPECT_EQ(back.data.item_genres, d.item_genres);
  EXPECT_TRUE(back.has_interactions);
  EXPECT_EQ(back.data.user_items.indices, d.user_items.indices);
  EXPECT_EQ(back.data.item_users.indptr, d.item_users.indptr);
  EXPECT_EQ(back.data_fingerprint, data_fingerprint(d));
  EXPECT_EQ(back.data.format, FileFormat::kMovieLensCsvRatings);
}

TEST(ModelFile, WithoutInteractionsTheShapeRemains) {
  const Dataset d = small_dataset();
  const SavedModel back = load_model(save_model(small_model(d), d, false));
  EXPECT_FALSE(back.has_interactions);
  EXPECT_EQ(back.data.user_items.rows, 20);
  EXPECT_EQ(back.data.user_items.cols, 15);
  EXPECT_EQ(back.data.user_items.nnz(), 0);
}

std::string error_of(std::string_view bytes) {
  try {
    load_model(bytes);
  } catch (const ModelFileError& e) {
    return e.what();
  }
  return "";
}

// The code the page words it by (fault.<code>).
std::string code_of(std::string_view bytes) {
  try {
    load_model(bytes);
  } catch (const ModelFileError& e) {
    return e.fault.code;
  }
  return "";
}

TEST(ModelFile, EveryTruncationIsRejectedWithAMessage) {
  const Dataset d = small_dataset();
  const std::string bytes = save_model(small_model(d), d, true);
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 50) {
    EXPECT_FALSE(error_of(std::string_view(bytes).substr(0, n)).empty()) << n;
    EXPECT_FALSE(code_of(std::string_view(bytes).substr(0, n)).empty()) << n;
  }
  EXPECT_EQ(code_of(std::string_view(bytes).substr(0, bytes.size() - 1)), "model.checksum");
  EXPECT_EQ(code_of(std::string_view(bytes).substr(0, 4)), "model.notOurs");
}

TEST(ModelFile, CorruptionForeignFilesAndNewerVersionsAreRejected) {
  const Dataset d = small_dataset();
  std::string bytes = save_model(small_model(d), d, true);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  EXPECT_NE(error_of(flipped).find("checksum"), std::string::npos);
  EXPECT_NE(error_of("\x89PNG\r\n\x1a\n....").find("not a model file"), std::string::npos);
  EXPECT_NE(error_of("").find("not a model file"), std::string::npos);
  std::string newer = bytes;
  newer[8] = 9;
  EXPECT_NE(error_of(newer).find("newer"), std::string::npos);
  EXPECT_EQ(code_of(flipped), "model.checksum");
  EXPECT_EQ(code_of("\x89PNG\r\n\x1a\n...."), "model.notOurs");
  EXPECT_EQ(code_of(newer), "model.newer");
  try {
    load_model(newer);
  } catch (const ModelFileError& e) {
    ASSERT_EQ(e.fault.numbers.size(), 2u);
    EXPECT_EQ(e.fault.numbers[0], (std::pair<std::string, double>("version", 9)));
    EXPECT_EQ(e.fault.numbers[1], (std::pair<std::string, double>("reads", kModelFileVersion)));
  }
}

TEST(ModelFile, ProvenanceOfAModelTrainedWithMeRoundTrips) {
  const Dataset d = small_dataset();
  const SavedModel plain = load_model(save_model(small_model(d), d, true));
  EXPECT_FALSE(plain.includes_me);
  const SavedModel with_me = load_model(save_model(small_model(d), d, true, {true, 12345}));
  EXPECT_TRUE(with_me.includes_me);
  EXPECT_EQ(with_me.data_fingerprint, 12345u) << "matches the data set without me";
}

TEST(ModelFile, FingerprintTellsDataSetsApart) {
  Dataset a = small_dataset(), b = small_dataset();
  EXPECT_EQ(data_fingerprint(a), data_fingerprint(b));
  b.items = IdMap();
  for (int i = 0; i < 15; ++i) b.items.intern(std::to_string(200 + i));
  EXPECT_NE(data_fingerprint(a), data_fingerprint(b));
}

}  // namespace
}  // namespace als
