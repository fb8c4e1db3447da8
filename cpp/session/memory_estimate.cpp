#include "session/memory_estimate.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "als/least_squares.h"
#include "core/csr_matrix.h"
#include "core/factor_matrix.h"
#include "models/item_neighbours.h"

namespace als {

namespace {

constexpr uint64_t kChunkBytes = 4 << 20;    // the app streams files in 4 MB chunks
constexpr uint64_t kDetectBytes = 16 << 10;  // bytes kept to detect a format
constexpr uint64_t kDirectIds = 1 << 21;     // IdMap's direct table of small numeric ids
constexpr uint64_t kGramBlockRows = 512;     // rows per partial sum of the Gram matrix
constexpr uint64_t kSolverBlockRows = 1024;  // rows gathered per block by the Cholesky solver
constexpr uint64_t kMallocOverhead = 16;     // header and rounding of one small allocation

uint64_t count(int64_t n) { return n > 0 ? static_cast<uint64_t>(n) : 0; }

// Capacity of a vector grown one push_back at a time (doubling).
uint64_t grown_capacity(uint64_t n) {
  uint64_t capacity = 1;
  while (capacity < n) capacity *= 2;
  return n == 0 ? 0 : capacity;
}

// Characters a std::string holds without allocating: 15 in libstdc++ (32-byte
// strings), 22 / 10 in libc++ (24-byte strings / 12-byte wasm32 strings).
constexpr uint64_t kSmallString = sizeof(std::string) == 32 ? 15 : sizeof(std::string) - 2;

// A heap-allocated string of this length (none when it fits the small-string buffer).
uint64_t string_heap(uint64_t length) {
  return length <= kSmallString ? 0 : (length + 1 + kMallocOverhead + 15) / 16 * 16;
}

// One IdMap: a std::string per id (in a deque), plus the direct table for
// small numbers or a hash node and bucket per text id.
uint64_t id_map_bytes(uint64_t ids, bool text_ids) {
  if (text_ids) {
    const uint64_t node = sizeof(void*) + sizeof(std::string_view) + sizeof(int32_t) + sizeof(size_t) + kMallocOverhead;
    return ids * (sizeof(std::string) + string_heap(40) + node + sizeof(void*));  // sha1 / mbid sized ids
  }
  // Numeric ids leave gaps (ml-25m: movie ids up to 3.5 x the movie count).
  return ids * sizeof(std::string) + sizeof(int32_t) * std::min(kDirectIds, 4 * ids);
}

uint64_t csr_bytes(uint64_t rows, uint64_t nnz) {
  return sizeof(int64_t) * (rows + 1) + (sizeof(int32_t) + sizeof(float)) * nnz;
}

}  // namespace

void MemoryEstimate::add(std::string name, uint64_t bytes, bool retained) {
  parts.push_back({std::move(name), bytes, retained});
  peak_bytes += bytes;
  if (retained) retained_bytes += bytes;
}

MemoryEstimate estimate_load_bytes(uint64_t ratings_file_bytes, FileFormat ratings_format, uint64_t titles_file_bytes) {
  const int64_t lines = static_cast<int64_t>(std::ceil(ratings_file_bytes / typical_bytes_per_line(ratings_format)));
  // Distinct ids per line, generously: MovieLens users rate at least 20 movies
  // (~150 on average); Last.fm users list ~50 artists and artists have ~110 listeners.
  int64_t users = lines / 20, items = lines / 20;
  bool text_ids = true;
  switch (ratings_format) {
    case FileFormat::kMovieLensDatRatings:
    case FileFormat::kMovieLensCsvRatings:
    case FileFormat::kMovieLens100kData:
      users = lines / 50, items = lines / 50, text_ids = false;
      break;
    case FileFormat::kLastFmPlays:
      users = lines / 40, items = lines / 80;
      break;
    default:
      break;
  }
  return estimate_load_bytes_for_ratings(lines, std::max<int64_t>(users, 1), std::max<int64_t>(items, 1), text_ids,
                                         titles_file_bytes);
}

MemoryEstimate estimate_load_bytes_for_ratings(int64_t ratings, int64_t users, int64_t items, bool text_ids,
                                               uint64_t titles_file_bytes) {
  const uint64_t n = count(ratings), u = count(users), i = count(items);
  // Titles and genres: two strings per item, the text itself about the file's
  // size; Last.fm keeps an artist name (~20 characters) from the ratings file.
  const uint64_t title_slots = 2 * sizeof(std::string) * i;
  const uint64_t title_text = titles_file_bytes + (text_ids ? i * string_heap(20) : 0);
  MemoryEstimate e;
  e.add("ratings as read (12 B each, vector capacity)", sizeof(Triplet) * grown_capacity(n), true);
  e.add("user ids", id_map_bytes(u, text_ids), true);
  e.add("item ids", id_map_bytes(i, text_ids), true);
  e.add("titles and genres as read", title_slots + title_text, true);
  e.add("file chunk and format detection buffers", kChunkBytes + kDetectBytes, false);
  // prepare_dataset: every rating assumed kept by the threshold. It goes
  // merged -> renumbered -> transposed -> transposed back, freeing as it goes,
  // so no more than two matrices of this size are alive at once: the same
  // two it keeps.
  e.add("prepared user x item matrix (CSR)", csr_bytes(u, n), true);
  e.add("its transpose (item x user)", csr_bytes(i, n) + sizeof(int64_t) * i, true);
  e.add("prepared ids, titles and genres (kept ones)",
        id_map_bytes(u, text_ids) + id_map_bytes(i, text_ids) + title_slots + title_text, true);
  return e;
}

MemoryEstimate estimate_training_bytes(int64_t users, int64_t items, int64_t nnz, int factors, int threads,
                                       int64_t longest_row) {
  const uint64_t u = count(users), i = count(items), k = count(nnz);
  const uint64_t f = static_cast<uint64_t>(std::max(factors, 1));
  const uint64_t stride = static_cast<uint64_t>(padded_factors(static_cast<int>(f)));
  const uint64_t t = static_cast<uint64_t>(std::max(threads, 1));
  const uint64_t gram = sizeof(float) * stride * stride;
  const uint64_t blocks = (std::max(u, i) + kGramBlockRows - 1) / kGramBlockRows;
  // Per thread: CG keeps 3 rows; Cholesky a float and two double f x f
  // matrices and two gathered blocks of factor rows.
  const uint64_t scratch = 3 * sizeof(float) * stride + (sizeof(float) + 2 * sizeof(double)) * f * f +
                           2 * sizeof(float) * kSolverBlockRows * f;
  MemoryEstimate e;
  e.add("confidence matrix (CSR)", csr_bytes(u, k), false);
  // (its transpose counts each thread's entries per column, and the users' entry offsets)
  e.add("its transpose", csr_bytes(i, k) + sizeof(int64_t) * (i * t + u), false);
  e.add("both sides' factors in popularity order (the fixed side's, copied per half step)",
        sizeof(float) * stride * (u + i), false);
  e.add("user factors (rows padded to 16 floats)", sizeof(float) * stride * u, true);
  e.add("item factors (rows padded to 16 floats)", sizeof(float) * stride * i, true);
  e.add("Gram matrix and its partial sums (one per 512 rows)", gram * (blocks + 1), false);
  e.add("solver scratch (per thread)", scratch * t, false);
  // CG copies a row's factor vectors into one block (in wasm); a row has at
  // most max(users, items) entries.
  const uint64_t row = longest_row >= 0 ? std::min<uint64_t>(count(longest_row), std::max(u, i)) : std::max(u, i);
  const uint64_t gathered = std::min<uint64_t>(kCgGatherBytes, sizeof(float) * stride * row);
  if (gathered > 0) e.add("CG: a row's factor vectors, gathered (per thread)", gathered * t, false);
  e.add("recommender: regularized Gram matrix and factor norms", gram + sizeof(float) * (u + i), true);
  return e;
}

MemoryEstimate estimate_model_training_bytes(const ModelSettings& settings, int64_t users, int64_t items, int64_t nnz,
                                             int threads, int64_t longest_row) {
  const uint64_t u = count(users), i = count(items), k = count(nnz);
  const uint64_t t = static_cast<uint64_t>(std::max(threads, 1));
  // Factor rows of `columns` columns (+ the bias columns), padded to 16 floats.
  auto factor_rows = [](uint64_t rows, int columns) {
    return sizeof(float) * static_cast<uint64_t>(padded_factors(std::max(columns, 1))) * rows;
  };
  MemoryEstimate e;
  switch (settings.kind) {
    case ModelKind::kAls:
      return estimate_training_bytes(users, items, nnz, settings.als.factors, threads, longest_row);
    case ModelKind::kExplicitAls: {
      // The ratings as given, their transpose, both factor matrices, and per
      // thread one rank x rank normal equation in doubles.
      const uint64_t f = static_cast<uint64_t>(std::max(settings.explicit_als.factors, 1));
      e.add("the item x user transpose of the ratings", csr_bytes(i, k), false);
      e.add("user factors (padded)", factor_rows(u, settings.explicit_als.factors), true);
      e.add("item factors (padded)", factor_rows(i, settings.explicit_als.factors), true);
      e.add("normal equations (per thread)", 2 * sizeof(double) * f * (f + 1) * t, false);
      return e;
    }
    case ModelKind::kBpr:
      // One item-bias column; each sample's user, and one bit per (user, item)
      // to verify negatives while users x items fit 2^27 bits (else a search).
      e.add("user factors (+ bias column, padded)", factor_rows(u, settings.bpr.factors + 1), true);
      e.add("item factors (+ bias column, padded)", factor_rows(i, settings.bpr.factors + 1), true);
      e.add("item counts", sizeof(int64_t) * i, true);
      e.add("the user of each training entry", sizeof(int32_t) * k, false);
      if (u * i <= (uint64_t(1) << 27)) e.add("liked (user, item) bits", (u * i + 63) / 64 * 8, false);
      return e;
    case ModelKind::kLmf:
      e.add("user factors (+ bias columns, padded)", factor_rows(u, settings.lmf.factors + 2), true);
      e.add("item factors (+ bias columns, padded)", factor_rows(i, settings.lmf.factors + 2), true);
      e.add("AdaGrad sums of squared gradients", factor_rows(u + i, settings.lmf.factors + 2), false);
      e.add("the item x user transpose", csr_bytes(i, k), false);
      e.add("item counts", sizeof(int64_t) * i, true);
      return e;
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25: {
      const uint64_t neighbours = std::min<uint64_t>(count(settings.knn.neighbours), i);
      e.add("weighted user x item matrix (CSR)", csr_bytes(u, k), false);
      e.add("its item x user transpose", csr_bytes(i, k), false);
      e.add("dot products of one item with all (per thread)", (sizeof(float) + sizeof(int32_t) + 1) * i * t, false);
      e.add("K neighbours per item, as lists before the CSR", (neighbours * 8 + 24) * i, false);
      const int slots = static_cast<int>(t);
      if (SymmetricNeighbourSearch::fits(static_cast<int32_t>(i), settings.knn.neighbours, slots)) {
        e.add("the K best pairs with earlier items, per thread (the symmetric search)",
              SymmetricNeighbourSearch::heap_bytes(static_cast<int32_t>(i), settings.knn.neighbours, slots), false);
        e.add("where each rating sits in its user's row (the symmetric search)", sizeof(int32_t) * k, false);
      }
      e.add("K neighbours per item (CSR)", csr_bytes(i, neighbours * i), true);
      return e;
    }
    case ModelKind::kPopular:
      e.add("users per item", sizeof(int64_t) * i, true);
      return e;
  }
  return e;
}

}  // namespace als
