// Step 1: getting data in (dropped files, a folder, GroupLens zips, or the
// generated demo) and preparing it (the threshold filter).
import { forgetComparison } from './compare-actions.js';
import { client, notify, reportError } from './engine.js';
import { getState, update } from './store.js';
import { updateRecoveryPlan } from './model-actions.js';
import { afterDataChanged, stopAutomaticTraining } from './train-actions.js';
import * as storage from './storage.js';
import { pageDemoSet } from './demo-set.js';

// Dropped files up to this size are kept in IndexedDB, so a reload has the data back.
const KEEP_FILES_UP_TO = 200 * 2 ** 20;

let loading = null; // the call in flight, for Cancel

function progressHandler(p) {
  update('data', { progress: p });
}

// autoTrain: a data set small enough trains at once (train-actions.js); the
// first visit trains the demo itself, whatever the estimate.
function finishLoad(summary, source, { autoTrain = true } = {}) {
  const prepareOptions = optionsOf(summary);
  const skipped = summary.skippedArchives ?? [];
  if (skipped.length) notify('notice.nestedSkipped', { count: skipped.length, names: skipped.join(', ') });
  update('data', (d) => ({
    status: 'ready',
    summary,
    source,
    progress: null,
    chooseFolder: null,
    pendingFiles: null,
    version: d.version + 1,
    prepareOptions,
  }));
  updateRecoveryPlan();
  const { files, ...described } = source;
  const size = files ? files.reduce((sum, f) => sum + f.size, 0) : 0;
  const keepFiles = files && size <= KEEP_FILES_UP_TO;
  // Kept for the next visit, not waited for (a failed save only costs that).
  storage.save(storage.Keys.source, keepFiles ? source : { ...described, filesKept: false });
  storage.save(storage.Keys.prepare, prepareOptions);
  if (autoTrain) afterDataChanged();
}

export function optionsOf(summary) {
  return { useThreshold: summary.useThreshold, minValue: summary.minRating, binary: summary.binary };
}

// set: engine/demo-sets.js (the page's by default, demo-set.js).
export async function loadDemo({ autoTrain = true, set = pageDemoSet() } = {}) {
  if (loading) return false;
  forgetComparison(); // its models are of the data replaced (and a load never waits behind it)
  stopAutomaticTraining(); // else the load waits behind it (one long call at a time)
  const previous = getState().data.status;
  update('data', { status: 'loading', progress: { phase: 'reading', bytesDone: 0, bytesTotal: 0 } });
  loading = client.call('loadDemo', { baseUrl: document.baseURI, set }, { onProgress: progressHandler });
  try {
    const summary = await loading;
    globalThis.performance?.mark?.('als:demo-loaded');
    finishLoad(summary, { kind: 'demo', set }, { autoTrain });
    return true;
  } catch (e) {
    update('data', { status: previous === 'loading' ? 'empty' : previous, progress: null });
    reportError(e, 'action.loadDemo', { interrupted: true });
    return false;
  } finally {
    loading = null;
  }
}

// files: File objects (input, drop, folder). folder: the answer to chooseFolder.
// prepare: a threshold over the format's default ({useThreshold, minValue}),
// for files refused because too little was left to train.
export async function loadFiles(files, { folder, strict = false, prepare = null } = {}) {
  if (loading || files.length === 0) return false;
  forgetComparison();
  stopAutomaticTraining(); // else the load waits behind it (one long call at a time)
  const previous = getState().data.status;
  update('data', {
    status: 'loading',
    chooseFolder: null,
    refused: null,
    progress: { phase: 'reading', bytesDone: 0, bytesTotal: 0 },
  });
  loading = client.call('loadFiles', { files, strict, folder, prepare }, { onProgress: progressHandler });
  try {
    const answer = await loading;
    if (answer.chooseFolder) {
      update('data', {
        status: previous === 'loading' ? 'empty' : previous,
        progress: null,
        chooseFolder: answer.chooseFolder,
        pendingFiles: { files, strict },
      });
      return false;
    }
    finishLoad(answer, {
      kind: 'files',
      names: files.map((f) => f.webkitRelativePath || f.name),
      folder,
      strict,
      files,
    });
    return true;
  } catch (e) {
    // Read, but too little left after the threshold: offer to load them again with another.
    const refused = e?.hint === 'threshold' ? { files, folder, strict } : null;
    update('data', { status: previous === 'loading' ? 'empty' : previous, progress: null, refused });
    reportError(e, 'action.loadFiles', { interrupted: true });
    return false;
  } finally {
    loading = null;
  }
}

// The refused files again, with a lower threshold or none ({useThreshold, minValue}).
export function loadRefusedWith(prepare) {
  const refused = getState().data.refused;
  if (refused) return loadFiles(refused.files, { folder: refused.folder, strict: refused.strict, prepare });
  return false;
}

export function dismissRefused() {
  update('data', { refused: null });
}

export function chooseFolder(folder) {
  const pending = getState().data.pendingFiles;
  if (pending) return loadFiles(pending.files, { folder, strict: pending.strict });
  return false;
}

export function cancelLoading() {
  loading?.cancel();
}

// The threshold filter and value options -> a re-prepared data set.
export async function prepare(options) {
  forgetComparison();
  stopAutomaticTraining();
  try {
    const summary = await client.call('prepare', options);
    update('data', (d) => ({ summary, version: d.version + 1, prepareOptions: options }));
    updateRecoveryPlan();
    afterDataChanged();
    await storage.save(storage.Keys.prepare, options);
  } catch (e) {
    reportError(e, 'action.prepare');
  }
}
