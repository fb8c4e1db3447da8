// How much heap loading a data set and training a model will take, known
// before either starts, so the app can refuse a data set too big for the tab
// (a wasm32 heap is at most 4 GB, and a tab often gets less) instead of
// crashing half way through.
//
// Each estimate lists what is alive at the step's peak, part by part, and
// says which parts stay afterwards. Sizes follow the engine's own data
// structures (12-byte triplets, CSR with 64-bit row pointers, rows padded to
// 16 floats, ...) and this build's std::string, so the WebAssembly build
// estimates its own heap. Estimates lean high where the input is unknown:
// every rating kept by the threshold, a generous number of distinct ids.
//
//   const MemoryEstimate load = estimate_load_bytes(file.size, FileFormat::kMovieLensCsvRatings);
//   const MemoryEstimate train = estimate_training_bytes(users, items, nnz, factors, threads);
//   bool fits = load.peak_bytes < budget && load.retained_bytes + train.peak_bytes < budget;
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/file_format.h"
#include "models/model_settings.h"

namespace als {

struct MemoryPart {
  std::string name;  // "ratings as read (12 B each, vector capacity)"
  uint64_t bytes = 0;
  bool retained = false;  // still held when the step is over (until the data or model is replaced)
};

struct MemoryEstimate {
  std::vector<MemoryPart> parts;  // alive together at the step's peak
  uint64_t peak_bytes = 0;        // Σ parts
  uint64_t retained_bytes = 0;    // Σ retained parts

  void add(std::string name, uint64_t bytes, bool retained);
};

// (typical_bytes_per_line(format), the line count estimates start from, is in io/file_format.h.)

// Peak heap of loading and preparing a ratings file of this size (streamed
// in 4 MB chunks), plus an optional titles file: the ratings as read, the id
// maps and titles, the duplicate-merged matrix, the prepared CSR and its
// transpose. Retained: what the workspace keeps (the ratings as read, for a
// new threshold, and the prepared data set).
MemoryEstimate estimate_load_bytes(uint64_t ratings_file_bytes, FileFormat ratings_format,
                                   uint64_t titles_file_bytes = 0);

// The same from counts, when they are known: `ratings` lines read, distinct
// users and items, ids as text (Last.fm sha1s) or small numbers (MovieLens).
MemoryEstimate estimate_load_bytes_for_ratings(int64_t ratings, int64_t users, int64_t items, bool text_ids,
                                               uint64_t titles_file_bytes = 0);

// Peak heap of training on top of the loaded data: the confidence matrix and
// its transpose, both factor matrices (rows padded to 16 floats), the Gram
// matrix with its per-block partial sums, per-thread solver scratch, and the
// recommender built from the result. Retained: the model and its recommender.
// longest_row: the most entries of one user or item row when known (CG
// gathers one row per thread), else -1: at most max(users, items).
MemoryEstimate estimate_training_bytes(int64_t users, int64_t items, int64_t nnz, int factors, int threads = 1,
                                       int64_t longest_row = -1);

// The same for a model of any kind (settings.kind) with its settings: ALS as
// above; explicit ALS its factors and the transposed ratings; BPR and LMF
// their factor rows (BPR: and its sampling tables; LMF: its AdaGrad sums and
// the transposed matrix while training);
// the item-item kNN models the weighted matrix and its transpose while
// training and K neighbours per item kept; popularity a count per item.
// Retained: the trained model.
MemoryEstimate estimate_model_training_bytes(const ModelSettings& settings, int64_t users, int64_t items, int64_t nnz,
                                             int threads = 1, int64_t longest_row = -1);

}  // namespace als
