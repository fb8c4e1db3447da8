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

// How a row's least-squares system is regularized and which entries count.
// A model keeps the formulation it was trained with, so that fold-in and
// explain answer as the library that trained it would.
enum class Formulation {
  // implicit (and HKV 2008): A = YᵀCᵤY + λI; a negative value is a dislike
  // (preference 0, confidence |C|).
  kImplicit,
  // Spark ML's ALS with implicitPrefs: A = YᵀCᵤY + λ·nᵤ·I, nᵤ the row's
  // positive entries (ALS-WR weighting, Zhou et al. 2008); entries <= 0 are
  // left out. Used with C = 1 + alpha·r (one_plus).
  kSpark,
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
  int threads = 0;           // 0: one per hardware thread
  bool compute_loss = true;  // the training loss after every iteration (costs ~1/4 iteration)
  // How the trainer lays out the side it holds fixed (als_trainer.cpp): in
  // popularity order for locality, or as it is. The model is the same to the
  // bit either way (a test says so); false is the plain reference.
  bool gather_by_popularity = true;
  ConfidenceConfig confidence;
  Formulation formulation = Formulation::kImplicit;
};

const char* solver_name(Solver solver);
const char* formulation_name(Formulation formulation);  // "implicit", "spark"
// The extra diagonal a row's system gets beyond YᵀY + λI: λ·(nᵤ − 1) for
// Spark's weighting (nᵤ entries, all positive there), 0 for implicit's.
float extra_regularization(Formulation formulation, float regularization, int64_t entries);
const char* scaling_name(ConfidenceScaling scaling);

}  // namespace als
