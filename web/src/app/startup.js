// The first seconds of a visit: start the engine, then either restore the
// last visit from IndexedDB (data, model, favorites: no retraining) or load
// the generated demo and train it with the defaults (the tutorial's: 100
// factors, 15 iterations), with the demo listener's five favorites, so that
// personal recommendations and their explanations show at once. The engine
// (wasm compile), the demo download (in the worker) and the IndexedDB read
// start together. Also wires the engine's crash/restart events to the banner.
import { client, notify, reportError } from './engine.js';
import { getState, setState, update } from './store.js';
import { DEFAULT_CONFIG } from './state.js';
import { loadDemo, optionsOf } from './data-actions.js';
import { adoptModel, updateRecoveryPlan } from './model-actions.js';
import { train } from './train-actions.js';
import { refreshViews } from './query-actions.js';
import { wantDemoListener } from './favorites-actions.js';
import { upgradeFavorite } from './favorites.js';
import { confirmEarlyAnswers } from './first-answers.js';
import * as storage from './storage.js';
import { DEMO_SETS, demoSetOfSource, pageDemoSet } from './demo-set.js';
import { restoreLanguage } from '../i18n/index.js';

function mark(name) {
  globalThis.performance?.mark?.(`als:${name}`);
}

// Favorites kept by an older version get the match keys of their titles.
async function completeFavorites() {
  const { favorites } = getState();
  const missing = favorites.filter((f) => !f.keys);
  if (missing.length === 0) return;
  try {
    const { keys } = await client.call('titleKeys', { titles: missing.map((f) => f.title), artists: false });
    const byUid = new Map(missing.map((f, k) => [f.uid, keys[k] ? keys[k].split('\t') : []]));
    const completed = getState().favorites.map((f) => (byUid.has(f.uid) ? { ...f, keys: byUid.get(f.uid) } : f));
    setState({ favorites: completed });
    storage.save(storage.Keys.favorites, completed);
  } catch (e) {
    reportError(e, 'action.restoreData');
  }
}

function watchEngine() {
  client.onStatus((status) => {
    if (status.type === 'ready') update('engine', { status: 'ready', info: status.info });
    // After a cancel that would not stop, the "cancelled" notice is the one
    // message: the restart shows in the badge only.
    const quiet = status.cause === 'cancel';
    if (status.type === 'restarting') {
      update('engine', { status: 'restarting' });
      if (!quiet) setState({ banner: { kind: 'restarting', message: status.reason } });
    }
    if (status.type === 'restored') {
      if (!quiet) setState({ banner: { kind: 'restored' } });
      refreshViews();
    }
    if (status.type === 'restore-failed') setState({ banner: { kind: 'restore-failed', message: status.message } });
  });
}

// Data source, threshold, model: the last visit back, without training.
// Its calls are queued while the engine starts (the worker answers them once
// it is up); the favorites' keys are known before the model's table is read.
async function restoreLastVisit({ saved, source, prepareOptions, keysKnown }) {
  if (!saved?.bytes) return false;
  let dataLoaded = false;
  try {
    let summary = null;
    if (source?.kind === 'demo')
      summary = await client.call('loadDemo', { baseUrl: document.baseURI, set: demoSetOfSource(source) });
    else if (source?.kind === 'files' && source.files)
      summary = await client.call('loadFiles', {
        files: source.files,
        folder: source.folder,
        strict: source.strict,
        prepare: prepareOptions,
      });
    if (summary) {
      if (prepareOptions) summary = await client.call('prepare', prepareOptions);
      update('data', (d) => ({
        status: 'ready',
        summary,
        source,
        version: d.version + 1,
        prepareOptions: prepareOptions ?? optionsOf(summary),
      }));
      dataLoaded = true;
    } else if (source?.kind === 'files') {
      notify('notice.dataNotKept', { names: (source.names || []).join(', ') });
    }
  } catch (e) {
    if (getState().engine.status !== 'failed') reportError(e, 'action.restoreData');
  }
  try {
    const { matchesData } = await client.call('loadModel', { bytes: saved.bytes });
    const info = await client.call('modelInfo');
    await keysKnown;
    update('model', { bytes: saved.bytes });
    await adoptModel(info, {
      dataVersion: dataLoaded && matchesData ? getState().data.version : -1,
      origin: 'restored',
      persist: false,
      savedAt: saved.savedAt,
    });
    updateRecoveryPlan();
    setState({ banner: { kind: 'restored-visit', savedAt: saved.savedAt } });
    return true;
  } catch (e) {
    setState({ firstAnswers: null }); // they were this model's
    if (getState().engine.status === 'failed') return false;
    reportError(e, 'action.restoreModel');
    await storage.remove(storage.Keys.model);
    return false;
  }
}

// The page's demo set's model file (e.g. public/movielens/ml-latest-small/model.als), or null when there is none.
async function fetchDemoModel() {
  try {
    const response = await fetch(new URL(DEMO_SETS[pageDemoSet()].model, document.baseURI));
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

const sameSettings = (a, b) => Object.keys(b).every((key) => a[key] === b[key]);

// Adopts the shipped demo model when it is the one the Train form would
// train now and it matches the demo data loaded; false: train instead.
async function adoptDemoModel(download) {
  if (!sameSettings(getState().config, DEFAULT_CONFIG)) return false;
  const bytes = await download;
  if (!bytes) return false;
  try {
    const { matchesData } = await client.call('loadModel', { bytes });
    if (!matchesData) return false;
    const info = await client.call('modelInfo');
    mark('demo-model');
    await adoptModel(info, { dataVersion: getState().data.version, origin: 'trained', demoModel: true });
    return true;
  } catch {
    return false; // a broken or outdated file: training makes the same model
  }
}

export async function startApp() {
  // The engine starts first (worker, wasm compile, threads; the worker fetches
  // the demo's files meanwhile), then IndexedDB is read. The answers known
  // beforehand (main.jsx, first-answers.js) stay on screen only if they are this visit's.
  mark('app-start');
  const starting = client.start();
  restoreLanguage();
  watchEngine();
  const [favorites, config, saved, source, prepareOptions] = await Promise.all([
    storage.load(storage.Keys.favorites),
    storage.load(storage.Keys.config),
    storage.load(storage.Keys.model),
    storage.load(storage.Keys.source),
    storage.load(storage.Keys.prepare),
  ]);
  mark('kept-read');
  if (config) setState({ config: { ...DEFAULT_CONFIG, ...config } });
  const keptFavorites = Array.isArray(favorites) ? favorites.filter(Boolean).map(upgradeFavorite) : null;
  confirmEarlyAnswers({
    firstVisit: !saved?.bytes && !(keptFavorites?.length > 0),
    savedAt: saved?.savedAt,
    favorites: keptFavorites,
    defaultSettings: sameSettings(getState().config, DEFAULT_CONFIG),
  });
  // Asked for now, answered as soon as the engine is up.
  const keysKnown = completeFavorites();
  const restoring = saved?.bytes ? restoreLastVisit({ saved, source, prepareOptions, keysKnown }) : null;
  // A first visit: the demo, trained, with the demo listener when the visitor has no favorites.
  if (!restoring && !(Array.isArray(favorites) && favorites.length > 0)) wantDemoListener();
  const demo = restoring ? null : loadDemo({ autoTrain: false });
  const demoModel = restoring ? null : fetchDemoModel();
  try {
    const info = await starting;
    mark('engine-ready');
    update('engine', { status: 'ready', info });
  } catch (e) {
    update('engine', { status: 'failed', message: e.message });
    update('data', (d) => (d.status === 'loading' ? { status: 'empty', progress: null } : {}));
    reportError(e, 'action.startEngine');
    return;
  }
  if (restoring && (await restoring)) return;
  if (restoring && !(Array.isArray(favorites) && favorites.length > 0)) wantDemoListener();
  await keysKnown;
  if (await (demo ?? loadDemo({ autoTrain: false }))) {
    if (!(await adoptDemoModel(demoModel ?? fetchDemoModel()))) await train();
  }
}
