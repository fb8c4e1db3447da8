// An implicit .npz's members on arbitrary bytes, through the Workspace as the
// worker drives an import: control bytes say where user_factors.npy ends and
// item_factors.npy begins, and which row convention is asked for. Each input
// is either refused with a clear error (NpyError, ModelImportError) or gives
// a model on the small data set whose every query answers with finite numbers.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "session/workspace.h"

namespace {

// 6 users x 5 items, ids 1..6 and 10..14 (raw rows fit a 7 x 15 model).
void load_small_data(als::Workspace& ws) {
  std::string text = "userId,movieId,rating,timestamp\n";
  for (int u = 1; u <= 6; ++u)
    for (int i = 10; i <= 14; ++i)
      if ((u * 3 + i) % 4 != 0)
        text += std::to_string(u) + "," + std::to_string(i) + "," + std::to_string(3 + (u + i) % 3) + ",0\n";
  ws.begin_load({});
  ws.begin_file("ratings.csv");
  ws.feed(text.data(), text.size());
  ws.end_file();
  ws.finish_load();
}

void query(const als::Workspace& ws) {
  als::Favorites favorites{{0, 2}, {5, 4}};
  try {
    for (const als::RecommendationRow& row : ws.recommend(favorites, {})) {
      als::fuzz::require_finite(row.item.score, "a recommendation score");
      for (const als::Contribution& c : row.explanation.contributions)
        als::fuzz::require_finite(c.contribution, "a contribution");
    }
    for (const als::ScoredItem& s : ws.similar_items(1, 3)) als::fuzz::require_finite(s.score, "a similarity");
    als::fuzz::require_finite(ws.predicted_preference(favorites, 3).score, "a predicted preference");
  } catch (const std::runtime_error& e) {
    als::fuzz::require(std::strstr(e.what(), "regularization") != nullptr, "only a clear solver error");
  } catch (const std::invalid_argument& e) {
    als::fuzz::require(std::strstr(e.what(), "alpha") != nullptr, "only a clear settings error");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  als::fuzz::InputBytes input(data, size);
  const uint8_t convention = input.take() % 4;  // 0: decide by the sizes
  const size_t split = static_cast<size_t>(input.take()) | static_cast<size_t>(input.take()) << 8;
  const std::string_view users = input.take_bytes(split);
  const std::string_view items = input.rest();
  static als::Workspace* ws = [] {
    auto* w = new als::Workspace();
    load_small_data(*w);
    return w;
  }();
  ws->begin_import(users.size() + items.size());
  auto stage = [&](const char* name, std::string_view bytes) {
    std::vector<uint8_t>& buffer = ws->import_buffer(name, bytes.size());
    if (!bytes.empty()) std::memcpy(buffer.data(), bytes.data(), bytes.size());  // (an empty vector has no data())
  };
  stage("user_factors.npy", users);
  stage("item_factors.npy", items);
  try {
    std::optional<als::RowConvention> c;
    if (convention == 1) c = als::RowConvention::kRawId;
    if (convention == 2) c = als::RowConvention::kSortedId;
    if (convention == 3) c = als::RowConvention::kFirstSeen;
    const als::Workspace::ImportOutcome outcome = ws->import_implicit(c);
    if (!outcome.adopted) {
      ws->clear_import();
      return 0;
    }
  } catch (const als::NpyError&) {
    return 0;
  } catch (const als::ModelImportError&) {
    return 0;
  }
  query(*ws);  // (an import that failed with anything else would have ended here as a crash)
  return 0;
}
