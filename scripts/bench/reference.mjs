// The numbers the benchmark compares against, in one place.
//
// implicit 0.7.3 (CPU, float32): fit() of the full MovieLens 1M matrix
// (6,040 x 3,706, 1,000,209 entries, no threshold), 64 factors, 15 iterations,
// alpha 1, regularization 0.01, 2 threads, without the loss computation.
export const IMPLICIT = {
  cg: { seconds: 1.6, label: 'implicit 0.7.3 CG (3 steps), 64 f, 2 threads' },
  cholesky: { seconds: 5.6, label: 'implicit 0.7.3 Cholesky, 64 f, 2 threads' },
};

// The targets of the product issue (the target column of the table).
export const GUIDE = {
  nativeVsImplicit: 0.5, // native at least 2x faster than implicit: <= 0.8 s at 64 f, CG, 2 threads
  wasmThreadsVsNative: 1.3, // threads+SIMD wasm (2 threads) at most 1.3x the native 2-thread time
  wasmSimdVsNative2: 2.2, // single-threaded SIMD wasm at most 2.2x the native 2-thread time
  parseMBps: 100, // ml-25m ratings.csv read + parsed in a tab at >= 100 MB/s
  train25mSeconds: 60, // ml-25m, 64 f CG, 15 iterations in a tab in < 60 s
  heap25mBytes: 2 * 2 ** 30, // ... with a wasm heap under 2 GiB
  firstPersonalSeconds: 1.5, // open page -> first personal recommendation with its explanation (demo listener) in < 1.5 s
  restoredPersonalSeconds: 1, // the same on a restored visit (model from IndexedDB) in < 1 s
  queryMs: 10, // fold-in, similar items, recommend + explain: < 10 ms each
  modelTabVsImplicit: 1, // each model trains in the tab no slower than implicit natively (same data, 2 threads)
  modelNativeVsTab: 0.5, // natively at least 2x faster than the tab
};

// What one iteration costs, as documented in the output (cpp/bench/flop_model.h).
export const FLOP_MODEL = [
  'f factors, a row with n entries, both half steps counted, 1 multiply or add = 1 flop:',
  'Gram matrix per half step: rows_of_fixed_side * 2f^2 (full f x f);',
  'CG per row: initial residual 2f^2 + n*4f + 2*2f, then per step (3 steps) 2f^2 + n*4f + 5*2f;',
  'Cholesky per row: n*2f^2 (Yu^T W Yu) + f^3/3 (LLT) + 2f^2 (solve).',
].join(' ');

// implicit 0.7.3 fit() on an ML-1M-shaped file (6,040 x 3,706, 1,000,209
// ratings), 2 threads, each model with its defaults (ALS: 64 f, 15 it.),
// measured outside this project (implicit cannot be installed here). Spark's
// explicit ALS was not measured: no reference.
export const IMPLICIT_MODELS = {
  als: 2.4,
  bpr: 10.3,
  lmf: 1.5,
  'knn-bm25': 0.19,
  'knn-cosine': 0.17,
  'knn-tfidf': 0.18,
};
