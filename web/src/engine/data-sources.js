// Turns what a visitor dropped (files, a folder's files, zips) into a flat list
// of entries the engine can stream: { name, size, read() -> async iterator of
// Uint8Array chunks, archive? }. Zips are opened lazily (only their directory
// is read here).
import { looksLikeZip, openZip, readZipEntry, ZipError } from './zip-archive.js';

export const CHUNK_BYTES = 4 << 20;
// A zip may not expand beyond this (the wasm heap is at most 4 GB anyway).
export const MAX_EXPANDED_BYTES = 3 * 2 ** 30;

// Chunks of a Blob, the next one already being read while the caller parses
// this one (reading a File is a round trip to the browser's file system).
export async function* readBlob(blob, chunkSize = CHUNK_BYTES) {
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
