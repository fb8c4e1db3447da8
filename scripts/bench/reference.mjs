// The numbers the benchmark compares against, in one place.
//
// implicit 0.7.3 (CPU, float32): fit() of the full MovieLens 1M matrix
// (6,040 x 3,706, 1,000,209 entries, no threshold), 64 factors, 15 iterations,
// alpha 1, regularization 0.01, 2 threads, without the loss computation.
export const IMPLICIT = {
  cg: { seconds: 1.6, label: 'implicit 0.7.3 CG (3 steps), 64 f, 2 threads' },
  cholesky: { seconds: 5.6, label: 'implicit 0.7.3 Cholesky, 64 f, 2 threads' },
};

// Guide values for the target column. Only the implicit times above are
// given; the rest are this project's working goals (change them here).
export const GUIDE = {
  wasmVsNative: 2.0,      // WebAssembly (Node) at most 2x the native time, same thread count
  queryMs: 100,           // a query answers within 100 ms (an interactive response)
};

// What one iteration costs, as documented in the output (cpp/bench/flop_model.h).
export const FLOP_MODEL = [
  'f factors, a row with n entries, both half steps counted, 1 multiply or add = 1 flop:',
  'Gram matrix per half step: rows_of_fixed_side * 2f^2 (full f x f);',
  'CG per row: initial residual 2f^2 + n*4f + 2*2f, then per step (3 steps) 2f^2 + n*4f + 5*2f;',
  'Cholesky per row: n*2f^2 (Yu^T W Yu) + f^3/3 (LLT) + 2f^2 (solve).',
].join(' ');
