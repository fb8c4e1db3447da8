// What happens when a model arrives (trained, loaded from a file, restored):
// the item table is read, favorites are found in it (by id, else by title;
// none is ever dropped), the views are refreshed when the model answers for
// the data loaded now (model-match.js), and the model is kept (IndexedDB and
// the recovery plan).
import { client, notify, reportError } from './engine.js';
import { getState, setState, update } from './store.js';
import { buildItemTable } from './item-table.js';
import { carryFavorites } from './favorites.js';
import { addDemoListener } from './favorites-actions.js';
import { refreshViews } from './query-actions.js';
import { keepFirstAnswers, modelAdopted } from './first-answers.js';
import * as storage from './storage.js';
import { DEMO_SETS, demoSetOfSource } from './demo-set.js';

// Above this many ratings the kept model leaves the interactions out (they
// would make the file hundreds of MB); it then needs its data to be complete.
const KEEP_INTERACTIONS_UP_TO = 5_000_000;

// origin: 'trained' | 'file' | 'restored'. dataVersion: the data.version the
// model belongs to, -1 when it is a model of other data.
// onAdopted: called once the model is in the state (before its views are computed).
// savedAt: a restored model's time in IndexedDB; demoModel: the shipped demo
// model, or one trained like it (the answers shipped with it stay on screen).
export async function adoptModel(
  info,
  {
    dataVersion = -1,
    origin = 'trained',
    fileName = null,
    persist = true,
    onAdopted,
    savedAt = null,
    demoModel = false,
  } = {},
) {
  const { data } = getState();
  // The generated set's ids are its own (invented movies numbered 1..600), not MovieLens movieIds.
  const set = demoSetOfSource(data.source);
  const idSpace = set && dataVersion === data.version ? DEMO_SETS[set].idSpace : info.idSpace;
  const table = buildItemTable(await client.call('itemTable'), { idSpace, artists: /last\.fm/i.test(info.format) });
  const previous = getState().model.table;
  update('model', {
    info,
    table,
    dataVersion,
    origin,
    fileName,
    restored: origin === 'restored',
    acceptedVersion: -1,
    savedAt,
  });
  modelAdopted({ origin, savedAt, demoModel });
  globalThis.performance?.mark?.('als:item-table');
  onAdopted?.();
  forgetPicksOfOtherItems(previous, table);
  carryOverFavorites(table);
  addDemoListener();
  await refreshViews();
  if (persist) await keepModel();
}

// The item shown in "Similar" and "Preference" is kept by id; in a data set
// that numbers its items otherwise (ml-100k's 50 is Star Wars, latest's is The
// Usual Suspects) that id names another item: then the pick is cleared.
function forgetPicksOfOtherItems(before, after) {
  const sameItem = (id) => {
    if (id === null || !before) return true;
    const a = before.indexOfId.get(id);
    const b = after.indexOfId.get(id);
    return a === undefined || b === undefined || before.titles[a] === after.titles[b];
  };
  const { similar, preference } = getState();
  if (!sameItem(similar.id)) update('similar', { id: null, result: null, missing: false });
  if (!sameItem(preference.id)) update('preference', { id: null, result: null });
}

let lastMissing = ''; // the favorites not found in the last table, to tell only what changed

// Finds every favorite in the new table and says which were found by title
// and which are not in it (they stay, marked).
function carryOverFavorites(table) {
  const before = getState().favorites;
  const { favorites, byTitle, missing } = carryFavorites(table, before);
  if (favorites !== before) {
    setState({ favorites });
    storage.save(storage.Keys.favorites, favorites);
    if (byTitle.length)
      notify('notice.favoritesByTitle', {
        count: byTitle.length,
        pairs: byTitle.map((m) => `${m.favorite.title} → ${m.title}`).join('; '),
      });
  }
  // The demo listener's favorites are marked in the list but not announced.
  const own = missing.filter((f) => !f.demo);
  const missingNow = own.map((f) => f.uid).join('\n');
  if (own.length && missingNow !== lastMissing)
    notify('notice.favoritesNotHere', { count: own.length, titles: own.map((f) => f.title).join(', ') });
  lastMissing = missingNow;
}

// The visitor chose to use a model that does not match the data (with its own items).
export async function acceptModel() {
  update('model', { acceptedVersion: getState().data.version });
  await refreshViews();
}

// Saves the model's bytes to IndexedDB and into the recovery plan.
export async function keepModel() {
  const { model } = getState();
  try {
    const withInteractions = (model.info?.interactions ?? 0) <= KEEP_INTERACTIONS_UP_TO;
    const { bytes } = await client.call('saveModel', { includeInteractions: withInteractions });
    const savedAt = Date.now();
    update('model', { bytes });
    updateRecoveryPlan();
    if (await storage.save(storage.Keys.model, { bytes, withInteractions, savedAt })) {
      update('model', { savedAt });
      keepFirstAnswers();
    }
  } catch (e) {
    reportError(e, 'action.keepModel');
  }
}

// What a restarted engine replays to get the same data and model back.
export function updateRecoveryPlan() {
  const { data, model } = getState();
  const plan = [];
  const source = data.source;
  if (source?.kind === 'demo')
    plan.push({ method: 'loadDemo', args: { baseUrl: document.baseURI, set: demoSetOfSource(source) } });
  else if (source?.kind === 'files' && source.files)
    plan.push({
      method: 'loadFiles',
      args: { files: source.files, folder: source.folder, strict: source.strict, prepare: data.prepareOptions },
    });
  if (plan.length && data.prepareOptions) plan.push({ method: 'prepare', args: data.prepareOptions });
  if (model.bytes) plan.push({ method: 'loadModel', args: { bytes: model.bytes } });
  client.setRecoveryPlan(plan);
}

// A model file chosen by the visitor.
export async function loadModelFile(file) {
  // implicit's .npz and Spark's zipped ALSModel, picked here, go the way of models trained elsewhere.
  if (/\.(npz|zip)$/i.test(file.name)) return importModelFiles([file]);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { matchesData } = await client.call('loadModel', { bytes });
    const info = await client.call('modelInfo');
    await adoptModel(info, {
      dataVersion: matchesData ? getState().data.version : -1,
      origin: 'file',
      fileName: file.name,
    });
    notify(matchesData ? 'notice.modelLoadedMatches' : 'notice.modelLoadedOwnData', { name: file.name });
  } catch (e) {
    reportError(
      { ...e, kind: e.kind, message: e.message, file: e.file ?? file.name, line: e.line },
      'action.loadModel',
      { interrupted: true },
    );
  }
}

// A local download (a Blob URL: nothing leaves the machine).
function saveAs(bytes, name, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- models trained elsewhere (implicit's .npz, Spark's ALSModel) ----

async function adoptImported(answer, name) {
  update('foreign', { busy: false, chooseRows: null });
  await adoptModel(answer.info, { dataVersion: getState().data.version });
  notify('notice.modelImported', { name });
}

// files: an .npz, a zip, or a Spark model folder's files. An .als goes the usual way.
export async function importModelFiles(files) {
  if (files.length === 1 && /\.als$/i.test(files[0].name)) return loadModelFile(files[0]);
  const name = files.length === 1 ? files[0].name : files[0].name.split('/')[0];
  const { spark } = getState().foreign;
  update('foreign', { busy: true, name, chooseRows: null });
  try {
    const answer = await client.call('importModel', { files, spark });
    if (answer.chooseRows) update('foreign', { busy: false, chooseRows: answer.chooseRows });
    else await adoptImported(answer, name);
  } catch (e) {
    update('foreign', { busy: false });
    reportError({ ...e, kind: e.kind, message: e.message, file: e.file ?? name, line: e.line }, 'action.importModel', {
      interrupted: true,
    });
  }
}

// The answer to "how were its rows numbered?" (the engine kept the arrays).
export async function chooseRows(convention) {
  const { name } = getState().foreign;
  update('foreign', { busy: true });
  try {
    await adoptImported(await client.call('importModel', { rows: convention }), name);
  } catch (e) {
    update('foreign', { busy: false, chooseRows: null });
    reportError(e, 'action.importModel');
  }
}

export function cancelRowsChoice() {
  update('foreign', { chooseRows: null });
}

export function setSparkSettings(patch) {
  update('foreign', { spark: { ...getState().foreign.spark, ...patch } });
}

// here -> implicit (model.npz + model-ids.csv) or Spark (a zip of the ALSModel folder).
export async function exportModel(format) {
  try {
    const result = await client.call('exportModel', { format });
    if (format === 'implicit') {
      saveAs(result.bytes, 'model.npz');
      saveAs(new TextEncoder().encode(result.idsCsv), 'model-ids.csv', 'text/csv');
      update('foreign', { caveat: result.caveat });
    } else {
      saveAs(result.bytes, 'spark-model.zip', 'application/zip');
    }
    return result.bytes.length;
  } catch (e) {
    reportError(e, 'action.exportModel', { interrupted: true });
    return 0;
  }
}

// Downloads the model as model.als.
export async function downloadModel(includeInteractions) {
  try {
    const { bytes } = await client.call('saveModel', { includeInteractions });
    saveAs(bytes, 'model.als');
    return bytes.length;
  } catch (e) {
    reportError(e, 'action.saveModel', { interrupted: true });
    return 0;
  }
}

export async function forgetSavedWork() {
  await storage.clearAll();
  notify('notice.forgotten');
}
