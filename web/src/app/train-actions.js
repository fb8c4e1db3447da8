// Step 3 and step 8: training (optionally with "me" added as a user, as the
// tutorial does) and the hold-out evaluation, both with progress and cancel.
// When the data change, a data set that trains in a few seconds (by the
// estimate of training-estimate.js) is trained at once with the current
// settings; a bigger one waits for "Train on this data" (ModelBanner).
// Such an automatic training gives way: new data (a load, another threshold)
// stop it, since the engine runs one long call at a time and the load would
// wait behind it, and settings whose estimate is long stop it too (the
// visitor did not ask for it: on a slow CPU it can outlast its estimate).
import { client, notify, reportError } from './engine.js';
import { FaultKind } from '../engine/protocol.js';
import { getState, update } from './store.js';
import { adoptModel } from './model-actions.js';
import { favoritesForEngine } from './favorites.js';
import { Match, modelMatch } from './model-match.js';
import { AUTO_TRAIN_SECONDS, calibrate, estimateTrainingSeconds, shapeOfSummary } from './training-estimate.js';
import { formatSeconds } from './format.js';
import * as storage from './storage.js';

let training = null;
let evaluating = null;
let automatic = null; // the training in flight when the visitor did not ask for it

// Seconds the current data would take to train with the current settings (null: no data).
export function trainingEstimate(state) {
  const { data, config, engine } = state;
  if (data.status !== 'ready' || !data.summary) return null;
  return estimateTrainingSeconds(shapeOfSummary(data.summary), config, engine.info);
}

// After new data (a load, another threshold): a small data set trains by
// itself; a big one waits for the visitor (the banner offers it).
export async function afterDataChanged() {
  const state = getState();
  if (state.data.status !== 'ready' || modelMatch(state) === Match.current || training) return false;
  const seconds = trainingEstimate(state);
  if (seconds === null || seconds > AUTO_TRAIN_SECONDS) return false;
  notify('notice.autoTrained', { estimate: formatSeconds(seconds) });
  return train({ auto: true });
}

export function setConfig(patch) {
  update('config', patch);
  storage.save(storage.Keys.config, getState().config);
  const seconds = trainingEstimate(getState());
  if (seconds === null || seconds > AUTO_TRAIN_SECONDS) stopAutomaticTraining();
}

// Cancels the automatic training in flight, quietly (no "cancelled" notice:
// nobody asked for it); a training the visitor started goes on. -> whether one was stopped.
export function stopAutomaticTraining() {
  if (!automatic || automatic !== training) return false;
  automatic.quiet = true;
  automatic.cancel();
  return true;
}

export async function train({ withMe = false, auto = false } = {}) {
  const state = getState();
  const { data, config, model, favorites } = state;
  if (training || data.status !== 'ready') return false;
  let favoriteArgs;
  if (withMe) {
    // Favorites become rows of the data loaded now: the model must be of these data.
    if (modelMatch(state) !== Match.current) {
      notify('notice.trainFirst');
      return false;
    }
    const { items, values } = favoritesForEngine(model.table, favorites);
    if (items.length === 0) {
      notify('notice.addFavoritesFirst');
      return false;
    }
    favoriteArgs = { items, values };
  }
  const dataVersion = data.version;
  const shape = shapeOfSummary(data.summary);
  update('training', {
    running: true,
    withMe,
    auto,
    progress: { iterationsDone: 0, iterations: config.iterations, fraction: 0, seconds: 0, loss: [] },
  });
  const call = client.call(
    'train',
    { config: { ...config }, favorites: favoriteArgs },
    {
      onProgress: (p) => update('training', (t) => ({ progress: { ...p, threads: p.threads ?? t.progress?.threads } })),
    },
  );
  training = call;
  automatic = auto ? call : null;
  try {
    const info = await call;
    training = null; // another training may start now (new data) while this model is adopted and kept
    globalThis.performance?.mark?.('als:trained');
    calibrate(shape, config, info.trainingSeconds, getState().engine.info);
    // Still "training" until the model is in place, so no view shows the old one as stale meanwhile.
    const done = () => {
      if (training === null)
        update('training', {
          running: false,
          progress: { ...info.progress, threads: getState().training.progress?.threads },
        });
    };
    await adoptModel(info, { dataVersion, origin: 'trained', onAdopted: done });
    if (getState().data.version !== dataVersion) setTimeout(afterDataChanged, 0); // the data changed while it trained
    return true;
  } catch (e) {
    if (training === call || training === null) update('training', { running: false, progress: null }); // the chart shows the current model again
    if (!(call.quiet && e?.kind === FaultKind.cancelled)) reportError(e, 'action.train');
    return false;
  } finally {
    if (training === call) training = null;
    if (automatic === call) automatic = null;
  }
}

export function cancelTraining() {
  training?.cancel();
}

export function setEvaluationOptions(patch) {
  update('evaluation', patch);
}

// A model trained elsewhere saw every rating, the test ones too: the honest
// test retrains its own settings on the training share, and the model itself
// is scored on the same test share apart (optimistic).
function importedSettings(info, config) {
  const { factors, regularization, iterations, alpha, onePlus, formulation, solver, cgSteps } = info;
  return {
    ...config,
    factors,
    regularization,
    iterations,
    alpha,
    onePlus,
    formulation,
    solver,
    cgSteps,
    scaling: 'none',
  };
}

export async function evaluate() {
  const { data, evaluation, model } = getState();
  const imported = Boolean(model.info?.imported) && model.dataVersion === data.version;
  const config = imported ? importedSettings(model.info, getState().config) : { ...getState().config };
  if (evaluating || data.status !== 'ready') return false;
  update('evaluation', {
    running: true,
    progress: { fraction: 0, iterationsDone: 0, iterations: config.iterations, seconds: 0 },
  });
  evaluating = client.call(
    'evaluate',
    { config, testFraction: evaluation.testFraction, k: evaluation.k, seed: config.seed, withCurrentModel: imported },
    {
      onProgress: (p) => update('evaluation', { progress: p }),
    },
  );
  try {
    const result = await evaluating;
    update('evaluation', {
      running: false,
      result: { ...result, imported, testFraction: evaluation.testFraction, config },
    });
    return true;
  } catch (e) {
    update('evaluation', { running: false });
    reportError(e, 'action.evaluate');
    return false;
  } finally {
    evaluating = null;
  }
}

export function cancelEvaluation() {
  evaluating?.cancel();
}
