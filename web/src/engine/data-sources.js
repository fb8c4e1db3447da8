// Turns what a visitor dropped (files, a folder's files, zips) into a flat list
// of entries the engine can stream: { name, size, source, archive?, nested? }.
// Zips are opened lazily (only their directory is read here); openSource()
// then streams one entry's bytes, read (and inflated) in a worker of its own
// where one can be started, so that reading and inflating use another core
// while the engine worker parses.
import { CHUNK_BYTES, errorFromMessage, sourceChunks } from './source-chunks.js';
import { isNestedArchive, looksLikeZip, openZip, ZipError } from './zip-archive.js';

export { CHUNK_BYTES };
// A zip may not expand beyond this (the wasm heap is at most 4 GB anyway).
export const MAX_EXPANDED_BYTES = 3 * 2 ** 30;
// Chunks read ahead of the consumer, at most this many waiting.
const READ_AHEAD_CHUNKS = 3;

// Reads spec (see source-chunks.js) in this thread: { next() -> Promise<Uint8Array | null>, stop() }.
function inlineSource(spec, chunkSize) {
  const chunks = sourceChunks(spec, chunkSize);
  return {
    async next() {
      const { value, done } = await chunks.next();
      return done ? null : value;
    },
    stop() {
      chunks.return().catch(() => {});
    },
  };
}

// The same through a source worker (source-worker.js), or null where no
// worker can be started (Node, browsers without nested workers). A worker
// that fails before its first chunk hands over to the inline reader.
function workerSource(spec, chunkSize) {
  let worker;
  try {
    // (Under Node, Emscripten's threads build defines a global Worker too: browsers only.)
    const browser = typeof window !== 'undefined' || typeof WorkerGlobalScope !== 'undefined';
    if (!browser || typeof Worker === 'undefined') return null;
    worker = new Worker(new URL('./source-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  const arrived = [];
  let waiting = null;
  let started = false;
  let fallback = null;
  const deliver = (item) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(item);
    } else arrived.push(item);
  };
  worker.onmessage = (event) => {
    started = true;
    deliver(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    worker.terminate();
    if (!started) {
      fallback = inlineSource(spec, chunkSize);
      deliver({ fallback: true });
    } else {
      deliver({ error: { name: 'Error', message: event.message || 'the file reader stopped' } });
    }
  };
  worker.postMessage({ spec, chunkSize, ahead: READ_AHEAD_CHUNKS });
  let ended = false;
  let busyMs = 0;
  return {
    busyMs: () => busyMs,
    async next() {
      if (fallback) return fallback.next();
      if (ended) return null;
      const item = arrived.length
        ? arrived.shift()
        : await new Promise((resolve) => {
            waiting = resolve;
          });
      if (item.fallback) return fallback.next();
      if (item.error) throw errorFromMessage(item.error);
      if (item.done) {
        ended = true;
        busyMs = item.busyMs ?? 0;
        worker.terminate();
        return null;
      }
      worker.postMessage({ credit: 1 });
      return item.chunk;
    },
    stop() {
      worker.terminate();
      fallback?.stop();
    },
  };
}

// The chunks of one entry: { next() -> Promise<Uint8Array | null>, stop() }.
// Small plain files are read inline (a worker would cost more than it saves).
export function openSource(spec, { chunkSize = CHUNK_BYTES, useWorker = true } = {}) {
  const small =
    spec.kind === 'file'
      ? spec.blob.size <= chunkSize
      : spec.entry.compressedSize <= 256 << 10 && spec.entry.size <= chunkSize;
  return (useWorker && !small && workerSource(spec, chunkSize)) || inlineSource(spec, chunkSize);
}

// An entry's bytes chunk by chunk as an async iterable (models: .npz
// members, Parquet files), through the same readers as data files.
export async function* entryChunks(entry, options) {
  const source = openSource(entry.source, options);
  try {
    for (let chunk = await source.next(); chunk !== null; chunk = await source.next()) yield chunk;
  } finally {
    source.stop();
  }
}

function displayName(file) {
  return file.webkitRelativePath || file.relativePath || file.name;
}

// The folder a zip entry belongs to ("ml-1m/ratings.dat" -> "ml-1m"), "" at the top.
export function topFolder(name) {
  const parts = name.split('/').filter(Boolean);
  return parts.length > 1 ? parts.slice(0, -1).join('/') : '';
}

// -> [{ name, size, source, archive?, compressedSize?, nested? }]; a zip inside a
// zip is listed with nested: true and no source (it is never opened).
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
        throw new ZipError(`${name}: cannot read the zip (${e.message})`, {
          code: 'zipCorrupt',
          params: { archive: name },
        });
      }
      for (const m of members) {
        if (m.isDirectory || /(^|\/)(__MACOSX|\.DS_Store)/.test(m.name)) continue;
        const entry = { name: m.name, archive: name, size: m.size, compressedSize: m.compressedSize };
        if (isNestedArchive(m.name)) entry.nested = true;
        else entry.source = { kind: 'zip', blob: file, entry: m, archiveName: name, maxBytes: MAX_EXPANDED_BYTES };
        entries.push(entry);
      }
    } else {
      entries.push({ name, size: file.size, source: { kind: 'file', blob: file } });
    }
  }
  return entries;
}
