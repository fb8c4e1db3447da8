// load_model on arbitrary bytes, through the Workspace as the app calls it:
// a file is either rejected with ModelFileError, or it becomes a model whose
// every query answers with finite numbers. The checksum would turn away
// nearly every mutation before the sections are read, so each input is also
// tried with its last 4 bytes replaced by the right CRC-32.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "model/binary_io.h"
#include "session/workspace.h"

namespace {

void check_scores(const std::vector<als::ScoredItem>& items) {
  for (const als::ScoredItem& s : items) als::fuzz::require_finite(s.score, "a score");
}

void check_explanation(const als::Explanation& e) {
  als::fuzz::require_finite(e.score, "an explained score");
  for (const als::Contribution& c : e.contributions) als::fuzz::require_finite(c.contribution, "a contribution");
}

// Every query of the app on the loaded model, with a few favorites.
void query(const als::Workspace& ws) {
  const als::ModelState& m = ws.model();
  const int32_t items = m.recommender->item_count(), users = m.recommender->user_count();
  als::fuzz::require(m.data->item_count() == items && m.data->user_count() == users,
                     "the model's data has the model's shape");
  for (double loss : m.model.loss_history) als::fuzz::require_finite(loss, "a loss");
  als::Favorites favorites;
  for (int32_t i = 0; i < items && i < 3; ++i) {
    favorites.items.push_back(i * 7 % items);
    favorites.values.push_back(static_cast<float>(5 - i));
  }
  try {
    als::RecommendOptions options;
    options.count = 5;
    for (const als::RecommendationRow& row : ws.recommend(favorites, options)) {
      als::fuzz::require_finite(row.item.score, "a recommendation score");
      check_explanation(row.explanation);
    }
    check_scores(ws.similar_items(items - 1, 5));
    if (users > 0) check_scores(ws.similar_users(0, 5));
    check_scores(ws.popular(5, favorites.items));
    als::fuzz::require_finite(ws.predicted_preference(favorites, 0).score, "a predicted preference");
    check_explanation(ws.explain(favorites, items / 2));
  } catch (const std::runtime_error& e) {
    // "not positive definite: try increasing regularization" is an answer too
    als::fuzz::require(std::strstr(e.what(), "regularization") != nullptr, "only a clear solver error");
  } catch (const std::invalid_argument& e) {
    // settings that overflow a favorite's confidence: "lower alpha"
    als::fuzz::require(std::strstr(e.what(), "alpha") != nullptr, "only a clear settings error");
  }
}

void try_load(std::string_view bytes) {
  als::Workspace ws;
  try {
    ws.load_model(bytes);
  } catch (const als::ModelFileError&) {
    return;
  }
  query(ws);
  // A model that loaded saves and loads again.
  const std::string again = ws.save_model(true);
  als::Workspace other;
  other.load_model(again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try_load(bytes);
  if (size >= 16) {
    std::string patched(bytes);
    const uint32_t crc = als::binary::crc32(std::string_view(patched).substr(0, size - 4));
    std::memcpy(patched.data() + size - 4, &crc, 4);
    if (patched != bytes) try_load(patched);
  }
  return 0;
}
