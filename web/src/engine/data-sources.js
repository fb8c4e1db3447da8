// Turns what a visitor dropped (files, a folder's files, zips) into a flat list
// of entries the engine can stream: { name, size, read() -> async iterator of
// Uint8Array chunks, archive? }. Zips are opened lazily (only their directory
// is read here).
import { looksLikeZip, openZip, readZipEntry, ZipError } from './zip-archive.js';

export const CHUNK_BYTES = 4 << 20;
// A zip may not expand beyond this (the wasm heap is at most 4 GB anyway).
export const MAX_EXPANDED_BYTES = 3 * 2 ** 30;

// Chunks of a Blob, the next ones already being read while the caller parses
// this one. Chromium moves a File's bytes into the ArrayBuffer on the thread
// that asked, so a read started by a thread busy parsing barely progresses:
// where a worker can start workers, a small reader worker reads ahead instead
// and hands each chunk over (transferred, not copied). Elsewhere (Node, old
// browsers) the next chunk is read here while this one is parsed.
export async function* readBlob(blob, chunkSize = CHUNK_BYTES) {
  const reader = blob.size > chunkSize ? startReaderWorker(blob, chunkSize) : null;
  if (reader) {
    try {
      for (let at = 0; at < blob.size; at += chunkSize) yield new Uint8Array(await reader.next());
    } finally {
      reader.stop();
    }
    return;
  }
  // (A read left in flight when the caller stops must not become an
  // unhandled rejection: the worker treats those as fatal.)
  const read = (at) => {
    const promise = blob.slice(at, Math.min(blob.size, at + chunkSize)).arrayBuffer();
    promise.catch(() => {});
    return promise;
  };
  let pending = blob.size > 0 ? read(0) : null;
  for (let at = 0; at < blob.size; at += chunkSize) {
    const chunk = new Uint8Array(await pending);
    pending = at + chunkSize < blob.size ? read(at + chunkSize) : null;
    yield chunk;
  }
}

// Chunks read ahead of the consumer, at most this many waiting.
const READ_AHEAD_CHUNKS = 3;

// The reader worker's code: reads blob in chunks, posting each one, while it
// has credit (one per chunk the consumer has taken), so at most
// READ_AHEAD_CHUNKS chunks wait in memory.
const READER_SOURCE = `
let credit = 0, wake = null;
onmessage = async (event) => {
  if (event.data.credit) { credit += event.data.credit; if (wake) wake(); return; }
  const { blob, chunkSize, ahead } = event.data;
  credit = ahead;
  try {
    for (let at = 0; at < blob.size; at += chunkSize) {
      while (credit === 0) await new Promise((resolve) => { wake = resolve; });
      credit -= 1;
      const buffer = await blob.slice(at, Math.min(blob.size, at + chunkSize)).arrayBuffer();
      postMessage({ buffer }, [buffer]);
    }
  } catch (e) {
    postMessage({ error: { name: e.name, message: e.message } });
  }
};`;

let readerUrl = null;

// { next() -> Promise<ArrayBuffer>, stop() }, or null where no worker can be started.
function startReaderWorker(blob, chunkSize) {
  let worker;
  try {
    if (typeof Worker === 'undefined' || typeof URL.createObjectURL !== 'function') return null;
    readerUrl ??= URL.createObjectURL(new Blob([READER_SOURCE], { type: 'text/javascript' }));
    worker = new Worker(readerUrl);
  } catch {
    return null;
  }
  const arrived = [];
  let waiting = null;
  const deliver = (item) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(item);
    } else arrived.push(item);
  };
  worker.onmessage = (event) => deliver(event.data);
  worker.onerror = (event) => {
    event.preventDefault?.();
    deliver({ error: { name: 'Error', message: event.message || 'the file reader stopped' } });
  };
  worker.postMessage({ blob, chunkSize, ahead: READ_AHEAD_CHUNKS });
  return {
    async next() {
      const item = arrived.length ? arrived.shift() : await new Promise((resolve) => { waiting = resolve; });
      if (item.error) {
        const error = new Error(item.error.message);
        error.name = item.error.name;
        throw error;
      }
      worker.postMessage({ credit: 1 });
      return item.buffer;
    },
    stop() {
      worker.terminate();
    },
  };
}

function displayName(file) {
  return file.webkitRelativePath || file.relativePath || file.name;
}

// The folder a zip entry belongs to ("ml-1m/ratings.dat" -> "ml-1m"), "" at the top.
export function topFolder(name) {
  const parts = name.split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(0, -1).join('/') : '';
}

export async function listEntries(files) {
  const entries = [];
  for (const file of files) {
    const name = displayName(file);
    if (/\.zip$/i.test(name) || (await looksLikeZip(file))) {
      let members;
      try {
        members = await openZip(file, name);
      } catch (e) {
        if (e instanceof ZipError) throw e;
        throw new ZipError(`${name}: cannot read the zip (${e.message})`);
      }
      for (const m of members) {
        if (m.isDirectory || /(^|\/)(__MACOSX|\.DS_Store)/.test(m.name)) continue;
        entries.push({
          name: m.name,
          archive: name,
          size: m.size,
          encrypted: m.encrypted,
          read: () => readZipEntry(file, m, { archiveName: name, maxBytes: MAX_EXPANDED_BYTES }),
        });
      }
    } else {
      entries.push({ name, size: file.size, read: () => readBlob(file) });
    }
  }
  return entries;
}
