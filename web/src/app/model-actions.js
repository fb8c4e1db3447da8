// What happens when a model arrives (trained, loaded from a file, restored):
// the item table is read, favorites are matched to it by id, the views are
// refreshed, and the model is kept (IndexedDB and the recovery plan).
import { client, notify, reportError } from './engine.js';
import { getState, setState, update } from './store.js';
import { buildItemTable, reconcileFavorites } from './item-table.js';
import { refreshViews } from './query-actions.js';
import * as storage from './storage.js';

// Above this many ratings the kept model leaves the interactions out (they
// would make the file hundreds of MB); it then needs its data to be complete.
const KEEP_INTERACTIONS_UP_TO = 5_000_000;

export async function adoptModel(info, { dataVersion = -1, restored = false, persist = true } = {}) {
  const table = buildItemTable(await client.call('itemTable'));
  update('model', { info, table, dataVersion, restored });
  dropMissingFavorites(table);
  await refreshViews();
  if (persist) await keepModel();
}

function dropMissingFavorites(table) {
  const { favorites, changed, dropped } = reconcileFavorites(table, getState().favorites);
  if (!changed) return;
  setState({ favorites });
  if (dropped.length) notify('notice.favoritesDropped', { count: dropped.length, titles: dropped.map((f) => f.title).join(', ') });
  storage.save(storage.Keys.favorites, favorites);
}

// Saves the model's bytes to IndexedDB and into the recovery plan.
export async function keepModel() {
  const { model } = getState();
  try {
    const withInteractions = (model.info?.interactions ?? 0) <= KEEP_INTERACTIONS_UP_TO;
    const { bytes } = await client.call('saveModel', { includeInteractions: withInteractions });
    update('model', { bytes });
    updateRecoveryPlan();
    await storage.save(storage.Keys.model, { bytes, withInteractions, savedAt: Date.now() });
  } catch (e) {
    reportError(e, 'action.keepModel');
  }
}

// What a restarted engine replays to get the same data and model back.
export function updateRecoveryPlan() {
  const { data, model } = getState();
  const plan = [];
  const source = data.source;
  if (source?.kind === 'demo') plan.push({ method: 'loadDemo', args: { baseUrl: document.baseURI } });
  else if (source?.kind === 'files' && source.files) plan.push({ method: 'loadFiles', args: { files: source.files, folder: source.folder, strict: source.strict, prepare: data.prepareOptions } });
  if (plan.length && data.prepareOptions) plan.push({ method: 'prepare', args: data.prepareOptions });
  if (model.bytes) plan.push({ method: 'loadModel', args: { bytes: model.bytes } });
  client.setRecoveryPlan(plan);
}

// A model file chosen by the visitor.
export async function loadModelFile(file) {
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { matchesData } = await client.call('loadModel', { bytes });
    const info = await client.call('modelInfo');
    await adoptModel(info, { dataVersion: matchesData ? getState().data.version : -1 });
    notify(matchesData ? 'notice.modelLoadedMatches' : 'notice.modelLoadedOwnData', { name: file.name });
  } catch (e) {
    reportError({ ...e, kind: e.kind, message: e.message, file: e.file ?? file.name, line: e.line }, 'action.loadModel');
  }
}

// Downloads the model as model.als (a Blob URL: nothing leaves the machine).
export async function downloadModel(includeInteractions) {
  try {
    const { bytes } = await client.call('saveModel', { includeInteractions });
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'model.als';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return bytes.length;
  } catch (e) {
    reportError(e, 'action.saveModel');
    return 0;
  }
}

export async function forgetSavedWork() {
  await storage.clearAll();
  notify('notice.forgotten');
}
