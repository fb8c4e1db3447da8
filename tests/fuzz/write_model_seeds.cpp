// Writes the seed corpus of fuzz_model_file: a few small valid model files
// that between them hold every section and setting (BM25 idf weights,
// interactions or not, text ids, UTF-8 titles, both solvers). Run once; the
// bytes are committed in corpus/model_file/ (as .model: *.als is git-ignored):
//   cmake --build build/fuzz --target fuzz_write_model_seeds
//   build/fuzz/tests/fuzz/fuzz_write_model_seeds tests/fuzz/corpus/model_file
#include <cstdio>
#include <string>

#include "als/als_trainer.h"
#include "model/model_file.h"

namespace {

als::Dataset dataset(int users, int items, bool text_ids) {
  als::RawInteractions raw;
  for (int u = 0; u < users; ++u) raw.users.intern(text_ids ? "user-" + std::to_string(u) : std::to_string(u + 1));
  for (int i = 0; i < items; ++i) raw.items.intern(text_ids ? "m" + std::to_string(i) : std::to_string(10 + i));
  for (int u = 0; u < users; ++u)
    for (int i = 0; i < items; ++i)
      if ((u * 3 + i) % 4 != 0) raw.ratings.push_back({u, i, static_cast<float>(1 + (u + 2 * i) % 5)});
  raw.sync_item_columns();
  for (int i = 0; i < items; ++i) {
    raw.item_titles[i] = (i % 2 ? "Café " : "Film ") + std::to_string(i) + " (199" + std::to_string(i % 10) + ")";
    raw.item_genres[i] = i % 3 ? "Drama" : "Comedy|Romance";
  }
  raw.ratings_format = text_ids ? als::FileFormat::kGenericRatings : als::FileFormat::kMovieLensDatRatings;
  return als::prepare_dataset(raw, als::default_prepare_options(raw.ratings_format));
}

void write(const std::string& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::perror(path.c_str());
  if (f) std::fclose(f);
  std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string out = argv[1];
  {
    const als::Dataset d = dataset(6, 5, false);
    als::AlsConfig c;
    c.factors = 3;
    c.iterations = 2;
    c.confidence.scaling = als::ConfidenceScaling::kBm25;
    write(out + "/bm25-with-interactions.model", als::save_model(als::train_als(d.user_items, c), d, true));
  }
  {
    const als::Dataset d = dataset(4, 6, true);
    als::AlsConfig c;
    c.factors = 2;
    c.iterations = 1;
    c.solver = als::Solver::kCholesky;
    c.confidence.one_plus = true;
    c.confidence.scaling = als::ConfidenceScaling::kLog;
    write(out + "/text-ids-no-interactions.model", als::save_model(als::train_als(d.user_items, c), d, false));
  }
  {
    const als::Dataset d = dataset(1, 2, false);
    als::AlsConfig c;
    c.factors = 1;
    c.iterations = 0;
    write(out + "/one-user.model", als::save_model(als::train_als(d.user_items, c), d, true));
  }
  return 0;
}
