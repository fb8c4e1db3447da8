// Step 3 and step 8: training (optionally with "me" added as a user, as the
// tutorial does) and the hold-out evaluation, both with progress and cancel.
import { client, notify, reportError } from './engine.js';
import { getState, update } from './store.js';
import { adoptModel } from './model-actions.js';
import { favoritesForEngine } from './item-table.js';
import * as storage from './storage.js';

let training = null;
let evaluating = null;

export function setConfig(patch) {
  update('config', patch);
  storage.save(storage.Keys.config, getState().config);
}

export async function train({ withMe = false } = {}) {
  const { data, config, model, favorites } = getState();
  if (training || data.status !== 'ready') return false;
  let favoriteArgs;
  if (withMe) {
    const { items, values } = favoritesForEngine(model.table, favorites);
    if (items.length === 0) {
      notify('notice.addFavoritesFirst');
      return false;
    }
    favoriteArgs = { items, values };
  }
  const dataVersion = data.version;
  update('training', { running: true, withMe, progress: { iterationsDone: 0, iterations: config.iterations, fraction: 0, seconds: 0, loss: [] } });
  training = client.call('train', { config: { ...config }, favorites: favoriteArgs }, {
    onProgress: (p) => update('training', (t) => ({ progress: { ...p, threads: p.threads ?? t.progress?.threads } })),
  });
  try {
    const info = await training;
    update('training', { running: false, progress: { ...info.progress, threads: getState().training.progress?.threads } });
    await adoptModel(info, { dataVersion });
    return true;
  } catch (e) {
    update('training', { running: false, progress: null });  // the chart shows the current model again
    reportError(e, 'action.train');
    return false;
  } finally {
    training = null;
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
  return { ...config, factors, regularization, iterations, alpha, onePlus, formulation, solver, cgSteps, scaling: 'none' };
}

export async function evaluate() {
  const { data, evaluation, model } = getState();
  const imported = Boolean(model.info?.imported) && model.dataVersion === data.version;
  const config = imported ? importedSettings(model.info, getState().config) : { ...getState().config };
  if (evaluating || data.status !== 'ready') return false;
  update('evaluation', { running: true, progress: { fraction: 0, iterationsDone: 0, iterations: config.iterations, seconds: 0 } });
  evaluating = client.call('evaluate', { config, testFraction: evaluation.testFraction, k: evaluation.k, seed: config.seed, withCurrentModel: imported }, {
    onProgress: (p) => update('evaluation', { progress: p }),
  });
  try {
    const result = await evaluating;
    update('evaluation', { running: false, result: { ...result, imported, testFraction: evaluation.testFraction, config } });
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
