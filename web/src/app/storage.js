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
  try {
    await run('readwrite', (store) => store.put(value, key));
    return true;
  } catch {
    return false;
  }
}

export async function remove(key) {
  try {
    await run('readwrite', (store) => store.delete(key));
    return true;
  } catch {
    return false;
  }
}

export async function clearAll() {
  try {
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
