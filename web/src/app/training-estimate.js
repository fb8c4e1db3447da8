// How long training would take here, before it starts: the work of one ALS
// iteration by the benchmark's flop model (cpp/bench/flop_model.h, conjugate
// gradient) divided by a speed in flop/s. The speed starts from what the
// benchmark measured for each build (ML-1M, 64 factors, 2 threads: threads +
// SIMD about 17 GFLOP/s, single-threaded SIMD about 10) and is then
// calibrated by every training this page finishes.
//
// Per iteration, both half steps, f factors, nnz kept ratings, U users, I items:
//   Gram matrix YᵀY once per half step            (U + I) · 2f²
//   CG per row, 1 + cgSteps passes of 2f² (YᵀY·p)  (U + I) · (1 + s) · 2f²
//   and of 4f per entry (Yᵤ·p, Yᵤᵀ·(...))         2 · nnz · (1 + s) · 4f
// Cholesky instead: nnz · 2f² + (U + I) · f³/3 per iteration.

// Below this many estimated seconds a data set trains by itself when loaded.
export const AUTO_TRAIN_SECONDS = 3;

const START_FLOPS = { threads: 17e9, simd: 10e9 };
const STORAGE_KEY = 'als-movies.flops'; // { threads: flop/s, simd: flop/s } of past trainings here

function measured(variant) {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}')[variant];
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

export function trainingFlops({ users, items, interactions }, config) {
  const f = config.factors;
  const rows = users + items;
  const iterations = config.iterations;
  if (config.solver === 'cholesky') return iterations * (interactions * 2 * f * f + (rows * f * f * f) / 3);
  const passes = 1 + (config.cgSteps ?? 3);
  return iterations * (rows * 2 * f * f + rows * passes * 2 * f * f + 2 * interactions * passes * 4 * f);
}

// shape: { users, items, interactions } of the prepared data; engine: { variant, threads }.
function variantOf(engine) {
  return engine?.variant === 'threads' ? 'threads' : 'simd';
}

export function estimateTrainingSeconds(shape, config, engine) {
  const variant = variantOf(engine);
  const threadScale = variant === 'threads' ? Math.max(1, engine?.threads ?? 2) / 2 : 1;
  const speed = measured(variant) ?? START_FLOPS[variant] * threadScale;
  return trainingFlops(shape, config) / speed;
}

// After a training: the speed it actually ran at (runs under 0.2 s say little).
export function calibrate(shape, config, seconds, engine) {
  if (!(seconds > 0.2)) return;
  try {
    const all = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
    all[variantOf(engine)] = trainingFlops(shape, config) / seconds;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // private mode: the next estimate starts from the benchmark's figure again
  }
}

export function shapeOfSummary(summary) {
  return { users: summary.users, items: summary.items, interactions: summary.keptRatings };
}
