// A small key-value store on IndexedDB: the last model (saveModel bytes),
// the favorites, the data source (the dropped files themselves when small
// enough) and the settings, so a reload does not retrain. Every failure
// (private mode, quota) resolves quietly: keeping work is a convenience.
const DB_NAME = 'als-movies';
const STORE = 'kv';

let opening = null;

function open() {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
  opening.catch(() => {
    opening = null;
  });
  return opening;
}

function run(mode, body) {
  return open().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const result = body(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'));
      }),
  );
}

export async function load(key) {
  try {
    return await run('readonly', (store) => store.get(key));
  } catch {
    return undefined;
  }
}

// Resolves true when stored, false when the browser refused (quota, private mode).
export async function save(key, value) {
  if (ANSWERS_DEPEND_ON.has(key)) forgetFirstAnswers(); // at once: a later live answer writes them again
  try {
    await run('readwrite', (store) => store.put(value, key));
    markKept();
    return true;
  } catch {
    return false;
  }
}

export async function remove(key) {
  if (ANSWERS_DEPEND_ON.has(key)) forgetFirstAnswers();
  try {
    await run('readwrite', (store) => store.delete(key));
    return true;
  } catch {
    return false;
  }
}

export async function clearAll() {
  try {
    forgetHints();
    await run('readwrite', (store) => store.clear());
    return true;
  } catch {
    return false;
  }
}

export const Keys = Object.freeze({
  model: 'model', // { bytes: Uint8Array, savedAt, withInteractions }
  favorites: 'favorites', // [{ id, title, rating }]
  source: 'source', // { kind: 'demo' } | { kind: 'files', names, folder?, strict, files? }
  prepare: 'prepare', // the threshold options last applied
  config: 'config', // training settings
});

// What the first card's kept answers are answers for.
const ANSWERS_DEPEND_ON = new Set([Keys.model, Keys.favorites, Keys.source, Keys.prepare]);

// Two hints in localStorage, read synchronously at the start of a visit:
// opening IndexedDB takes 150-800 ms in Chromium (more on a fresh profile),
// and the first screen need not wait for it. "kept": something was kept here
// (IndexedDB then holds the truth); "firstAnswers": the first card's last
// answers for the kept model (first-answers.js), a few KB, forgotten as soon
// as anything they depend on is kept anew.
const HINT_KEPT = 'als-movies.kept';
const HINT_FIRST_ANSWERS = 'als-movies.firstAnswers';

function markKept() {
  try {
    if (!localStorage.getItem(HINT_KEPT)) localStorage.setItem(HINT_KEPT, '1');
  } catch {
    // no localStorage: every visit starts like a first one until IndexedDB answers
  }
}

function forgetHints() {
  forgetFirstAnswers();
  try {
    localStorage.removeItem(HINT_KEPT);
  } catch {
    // nothing kept there
  }
}

function forgetFirstAnswers() {
  try {
    localStorage.removeItem(HINT_FIRST_ANSWERS);
  } catch {
    // nothing kept there
  }
}

// Whether this browser kept anything of an earlier visit.
export function keptBefore() {
  try {
    return localStorage.getItem(HINT_KEPT) !== null;
  } catch {
    return false;
  }
}

export function loadFirstAnswers() {
  try {
    return JSON.parse(localStorage.getItem(HINT_FIRST_ANSWERS) || 'null');
  } catch {
    return null;
  }
}

export function saveFirstAnswers(snapshot) {
  try {
    localStorage.setItem(HINT_FIRST_ANSWERS, JSON.stringify(snapshot));
    markKept();
  } catch {
    // quota or private mode: the next visit waits for the engine
  }
}
