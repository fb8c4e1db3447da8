// Step 3, "Find good settings": the engine's tuner searches factors,
// regularization, alpha and iterations on a validation split carved from the
// training part, the trials arriving as they finish; then the tuned and the
// tutorial's settings and popularity are compared on the test split. "Use
// these" copies the best settings into the Train form (step 2).
import { client, notify, reportError } from './engine.js';
import { getState, update } from './store.js';
import { setConfig } from './train-actions.js';

let tuning = null; // the call in flight, for Cancel

// About 30 s for a MovieLens 1M-sized set (836,478 ratings kept), in steps
// of 5 s, between 10 s and 2 min.
export function suggestedBudget(keptRatings) {
  const seconds = Math.round((36 * (keptRatings || 0)) / 1e6 / 5) * 5;
  return Math.max(10, Math.min(120, seconds));
}

export function setTuningOptions(patch) {
  update('tuning', patch);
}

export async function tune() {
  const { data, config, tuning: t, evaluation } = getState();
  if (tuning || data.status !== 'ready') return false;
  const budgetSeconds = t.budgetSeconds ?? suggestedBudget(data.summary?.keptRatings);
  const run = {
    budgetSeconds,
    metric: t.metric,
    k: t.k,
    testFraction: evaluation.testFraction,
    dataVersion: data.version,
    sizes: null,
  };
  update('tuning', {
    running: true,
    trials: [],
    best: null,
    comparison: null,
    run,
    progress: { phase: 'searching', fraction: 0, seconds: 0 },
  });
  tuning = client.call(
    'tune',
    {
      config: { ...config },
      budgetSeconds,
      metric: t.metric,
      k: t.k,
      testFraction: evaluation.testFraction,
      splitSeed: config.seed,
    },
    {
      onProgress: (p) =>
        update('tuning', (s) => {
          const { trials, best, ...progress } = p;
          const patch = { progress: { ...s.progress, ...progress } };
          if (trials?.length) patch.trials = [...s.trials, ...trials];
          if (best) patch.best = best;
          if (p.trainInteractions !== undefined) {
            const {
              fitInteractions,
              validationInteractions,
              validationUsers,
              trainInteractions,
              testInteractions,
              searchScaling,
            } = p;
            patch.run = {
              ...s.run,
              sizes: {
                fitInteractions,
                validationInteractions,
                validationUsers,
                trainInteractions,
                testInteractions,
                searchScaling,
              },
            };
          }
          return patch;
        }),
    },
  );
  try {
    const result = await tuning;
    update('tuning', { running: false, trials: result.trials, best: result.best, comparison: result.comparison });
    return true;
  } catch (e) {
    update('tuning', { running: false, progress: null }); // trials found so far stay on the chart
    reportError(e, 'action.tune');
    return false;
  } finally {
    tuning = null;
  }
}

export function cancelTuning() {
  tuning?.cancel();
}

// The best settings into the Train form (the rest of the form stays).
export function applyTunedSettings() {
  const best = getState().tuning.comparison?.tunedSettings ?? getState().tuning.best;
  if (!best) return false;
  const { factors, regularization, alpha, iterations, scaling } = best;
  setConfig({ factors, regularization, alpha, iterations, scaling });
  notify('notice.settingsUsed', { factors, regularization, alpha, iterations });
  return true;
}
