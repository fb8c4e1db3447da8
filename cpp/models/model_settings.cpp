#include "models/model_settings.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "als/als_trainer.h"

namespace als {

int ModelSettings::threads() const {
  switch (kind) {
    case ModelKind::kAls:
      return als.threads;
    case ModelKind::kExplicitAls:
      return explicit_als.threads;
    case ModelKind::kBpr:
      return bpr.threads;
    case ModelKind::kLmf:
      return lmf.threads;
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      return knn.threads;
    case ModelKind::kPopular:
      return 1;
  }
  return 0;
}

void ModelSettings::set_threads(int threads) {
  als.threads = explicit_als.threads = bpr.threads = lmf.threads = knn.threads = threads;
}

int ModelSettings::factors() const {
  switch (kind) {
    case ModelKind::kAls:
      return als.factors;
    case ModelKind::kExplicitAls:
      return explicit_als.factors;
    case ModelKind::kBpr:
      return bpr.factors;
    case ModelKind::kLmf:
      return lmf.factors;
    default:
      return 0;
  }
}

namespace {
void require(bool ok, const std::string& message) {
  if (!ok) throw std::invalid_argument(message);
}
// most: 1024 less the columns a kind adds (BPR's item bias, LMF's two biases).
void check_factors(int factors, int most = 1024) {
  require(factors >= 1 && factors <= most,
          "factors must be between 1 and " + std::to_string(most) + " (got " + std::to_string(factors) + ")");
}
void check_iterations(int iterations) {
  require(iterations >= 1 && iterations <= 10000,
          "iterations must be between 1 and 10000 (got " + std::to_string(iterations) + ")");
}
void check_regularization(float regularization) {
  require(regularization >= 0 && regularization < 1e6f, "regularization must be 0 or more (and finite)");
}
std::string short_number(float v) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", static_cast<double>(v));
  return text;
}
// A finite rate above 0; one too large for the data is caught in training
// (the factors diverge) with its own message.
void check_learning_rate(float rate, const char* kind, const char* default_rate) {
  require(rate > 0 && std::isfinite(rate), std::string("the ") + kind + " learning rate must be above 0 (got " +
                                               short_number(rate) + "; implicit's default is " + default_rate +
                                               "): set a small positive rate");
}
}  // namespace

void validate_settings(const ModelSettings& s) {
  switch (s.kind) {
    case ModelKind::kAls:
      validate_config(s.als);
      return;
    case ModelKind::kExplicitAls: {
      // Spark's names (rank, regParam, maxIter) and defaults in the messages.
      const ExplicitAlsConfig& c = s.explicit_als;
      require(c.factors >= 1 && c.factors <= 1024,
              "explicit ALS: the rank (factors) must be between 1 and 1024 (Spark's default: 10; got " +
                  std::to_string(c.factors) + ")");
      require(c.iterations >= 1 && c.iterations <= 10000,
              "explicit ALS: iterations (maxIter) must be between 1 and 10000 (Spark's default: 10; got " +
                  std::to_string(c.iterations) + ")");
      require(c.regularization >= 0 && c.regularization < 1e6f,
              "explicit ALS: the regularization λ (regParam) must be 0 or more and finite (Spark's default: 0.1; got " +
                  std::to_string(c.regularization) + ")");
      return;
    }
    case ModelKind::kBpr:
      check_factors(s.bpr.factors, 1023);
      check_iterations(s.bpr.iterations);
      check_regularization(s.bpr.regularization);
      check_learning_rate(s.bpr.learning_rate, "BPR", "0.01");
      return;
    case ModelKind::kLmf:
      check_factors(s.lmf.factors, 1022);
      check_iterations(s.lmf.iterations);
      check_regularization(s.lmf.regularization);
      check_learning_rate(s.lmf.learning_rate, "LMF", "1");
      require(s.lmf.neg_prop >= 1 && s.lmf.neg_prop <= 1000,
              "negatives per positive (neg_prop) must be between 1 and 1000");
      return;
    case ModelKind::kKnnCosine:
    case ModelKind::kKnnTfidf:
    case ModelKind::kKnnBm25:
      require(s.knn.neighbours >= 1 && s.knn.neighbours <= 10000,
              "K (neighbours per item) must be between 1 and 10000 (implicit's default: 20; got " +
                  std::to_string(s.knn.neighbours) + ")");
      if (s.kind == ModelKind::kKnnBm25) {
        require(s.knn.bm25_k1 >= 0 && s.knn.bm25_k1 < 1e6f, "BM25's K1 must be 0 or more (default 1.2)");
        require(s.knn.bm25_b >= 0 && s.knn.bm25_b <= 1, "BM25's B must be between 0 and 1 (default 0.75)");
      }
      return;
    case ModelKind::kPopular:
      return;
  }
}

void ModelSettings::set_seed(uint64_t seed) {
  als.seed = seed;
  explicit_als.seed = seed;
  bpr.seed = seed;
  lmf.seed = seed;
}

}  // namespace als
