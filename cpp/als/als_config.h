// Settings of an implicit-ALS model, kept apart from the code that uses them.
// Defaults are the tutorial's (and implicit 0.7.3's): 100 factors,
// regularization 0.01, 15 iterations, alpha 1, conjugate gradient with 3 steps.
#pragma once

#include <cstdint>

namespace als {

enum class Solver {
  kConjugateGradient,  // Takács et al. 2011: a few CG steps per row, warm-started
  kCholesky,           // Hu, Koren & Volinsky 2008: exact solve per row
};

enum class ConfidenceScaling {
  kNone,  // value as is
  kLog,   // log(1 + value / epsilon)  (HKV 2008, section 4)
  kBm25,  // BM25 weight of the value (users as documents, items as terms)
};

struct ConfidenceConfig {
  float alpha = 1.0f;
  // false: C = alpha * value (implicit's convention);
  // true:  C = 1 + alpha * value (the paper's and Spark's).
  bool one_plus = false;
  ConfidenceScaling scaling = ConfidenceScaling::kNone;
  float log_epsilon = 1.0f;
  float bm25_k1 = 100.0f;
  float bm25_b = 0.8f;
};

struct AlsConfig {
  int factors = 100;
  float regularization = 0.01f;
  int iterations = 15;
  Solver solver = Solver::kConjugateGradient;
  int cg_steps = 3;
  uint64_t seed = 42;
  int threads = 0;            // 0: one per hardware thread
  bool compute_loss = true;   // the training loss after every iteration (costs ~1/4 iteration)
  ConfidenceConfig confidence;
};

const char* solver_name(Solver solver);
const char* scaling_name(ConfidenceScaling scaling);

}  // namespace als
