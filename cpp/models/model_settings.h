// The settings of every model kind, kept apart from the code that trains
// them. Each kind's defaults are its library's: implicit 0.7 for ALS, BPR,
// LMF and the item-item models, Spark MLlib for explicit ALS. Only the
// settings of `kind` are used; the others keep their defaults.
#pragma once

#include <cstdint>

#include "als/als_config.h"
#include "models/model_kind.h"

namespace als {

// Spark's ALS(implicitPrefs=False): rank 10, regParam 0.1, maxIter 10.
struct ExplicitAlsConfig {
  int factors = 10;
  float regularization = 0.1f;  // λ, scaled by each row's number of ratings (λ·nᵤ, ALS-WR)
  int iterations = 10;
  uint64_t seed = 42;
  int threads = 0;  // 0: one per hardware thread
};

// implicit's BayesianPersonalizedRanking: 100 factors, learning rate 0.01,
// regularization 0.01, 100 iterations, negatives verified.
struct BprConfig {
  int factors = 100;
  float learning_rate = 0.01f;
  float regularization = 0.01f;
  int iterations = 100;
  bool verify_negative_samples = true;  // redraw a negative the user has liked
  uint64_t seed = 42;
  int threads = 0;
};

// implicit's LogisticMatrixFactorization: 30 factors, learning rate 1.0,
// regularization 0.6, 30 iterations, 30 negatives per positive.
struct LmfConfig {
  int factors = 30;
  float learning_rate = 1.0f;
  float regularization = 0.6f;
  int iterations = 30;
  int neg_prop = 30;
  uint64_t seed = 42;
  int threads = 0;
};

// implicit's ItemItemRecommender: K = 20 neighbours per item; BM25's K1 = 1.2, B = 0.75.
struct KnnConfig {
  int neighbours = 20;  // implicit's K
  float bm25_k1 = 1.2f;
  float bm25_b = 0.75f;
  int threads = 0;
};

struct ModelSettings {
  ModelKind kind = ModelKind::kAls;
  AlsConfig als;  // the tutorial's (implicit's defaults)
  ExplicitAlsConfig explicit_als;
  BprConfig bpr;
  LmfConfig lmf;
  KnnConfig knn;

  static ModelSettings of(ModelKind kind) {
    ModelSettings s;
    s.kind = kind;
    return s;
  }
  static ModelSettings of(const AlsConfig& config) {
    ModelSettings s;
    s.als = config;
    return s;
  }
  // The thread count asked for (0: one per hardware thread).
  int threads() const;
  void set_threads(int threads);
  // The seed of every kind that draws random numbers.
  void set_seed(uint64_t seed);
  // Factors per user and item, 0 for the kinds without (kNN, popularity).
  int factors() const;
};

// Checks the settings of `settings.kind`; throws std::invalid_argument saying
// which setting is wrong and what to change it to.
void validate_settings(const ModelSettings& settings);

}  // namespace als
