// The first seconds of a visit: start the engine, then either restore the
// last visit from IndexedDB (data, model, favorites: no retraining) or load
// the generated demo and train it with the defaults, so recommendations
// show at once. Also wires the engine's crash/restart events to the banner.
import { client, notify, reportError } from './engine.js';
import { getState, setState, update } from './store.js';
import { DEFAULT_CONFIG } from './state.js';
import { loadDemo, optionsOf } from './data-actions.js';
import { adoptModel, updateRecoveryPlan } from './model-actions.js';
import { train } from './train-actions.js';
import { refreshViews } from './query-actions.js';
import * as storage from './storage.js';
import { restoreLanguage } from '../i18n/index.js';

function watchEngine() {
  client.onStatus((status) => {
    if (status.type === 'ready') update('engine', { status: 'ready', info: status.info });
    if (status.type === 'restarting') {
      update('engine', { status: 'restarting' });
      setState({ banner: { kind: 'restarting', message: status.reason } });
    }
    if (status.type === 'restored') {
      setState({ banner: { kind: 'restored' } });
      refreshViews();
    }
    if (status.type === 'restore-failed') setState({ banner: { kind: 'restore-failed', message: status.message } });
  });
}

// Data source, threshold, model: the last visit back, without training.
async function restoreLastVisit() {
  const saved = await storage.load(storage.Keys.model);
  if (!saved?.bytes) return false;
  const source = await storage.load(storage.Keys.source);
  const prepareOptions = await storage.load(storage.Keys.prepare);
  let dataLoaded = false;
  try {
    let summary = null;
    if (source?.kind === 'demo') summary = await client.call('loadDemo', { baseUrl: document.baseURI });
    else if (source?.kind === 'files' && source.files) summary = await client.call('loadFiles', { files: source.files, folder: source.folder, strict: source.strict, prepare: prepareOptions });
    if (summary) {
      if (prepareOptions) summary = await client.call('prepare', prepareOptions);
      update('data', (d) => ({ status: 'ready', summary, source, version: d.version + 1, prepareOptions: prepareOptions ?? optionsOf(summary) }));
      dataLoaded = true;
    } else if (source?.kind === 'files') {
      notify('notice.dataNotKept', { names: (source.names || []).join(', ') });
    }
  } catch (e) {
    reportError(e, 'action.restoreData');
  }
  try {
    const { matchesData } = await client.call('loadModel', { bytes: saved.bytes });
    const info = await client.call('modelInfo');
    update('model', { bytes: saved.bytes });
    await adoptModel(info, { dataVersion: dataLoaded && matchesData ? getState().data.version : -1, restored: true, persist: false });
    updateRecoveryPlan();
    setState({ banner: { kind: 'restored-visit', savedAt: saved.savedAt } });
    return true;
  } catch (e) {
    reportError(e, 'action.restoreModel');
    await storage.remove(storage.Keys.model);
    return false;
  }
}

export async function startApp() {
  restoreLanguage();
  watchEngine();
  // The engine starts (wasm compile, threads) while IndexedDB is read.
  const starting = client.start();
  const [favorites, config] = await Promise.all([storage.load(storage.Keys.favorites), storage.load(storage.Keys.config)]);
  if (Array.isArray(favorites)) setState({ favorites });
  if (config) setState({ config: { ...DEFAULT_CONFIG, ...config } });
  try {
    const info = await starting;
    update('engine', { status: 'ready', info });
  } catch (e) {
    update('engine', { status: 'failed', message: e.message });
    reportError(e, 'action.startEngine');
    return;
  }
  if (await restoreLastVisit()) return;
  if (await loadDemo()) await train();
}
