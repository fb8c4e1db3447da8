// The bytes of one entry of a load, as a stream of chunks: a plain file read
// from its stream, or a zip entry inflated (zip-archive.js). Runs in the
// source worker (source-worker.js) where one can be started, else in the
// engine worker itself (data-sources.js decides).
import { readZipEntry } from './zip-archive.js';

export const CHUNK_BYTES = 4 << 20;

// Chunks of chunkSize bytes of a Blob (the last one shorter), read from its
// byte stream straight into each chunk's own buffer (a BYOB reader): in
// Chromium a Blob's stream delivers a file about 1.5-2x faster than
// slice().arrayBuffer() reads of the same size (measured on a 690 MB file).
// Where a Blob's stream is not a byte stream, slices are read instead.
export async function* readBlobChunks(blob, chunkSize = CHUNK_BYTES) {
  let reader;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    yield* readBlobSlices(blob, chunkSize);
    return;
  }
  let finished = false;
  try {
    for (let at = 0; at < blob.size;) {
      const size = Math.min(chunkSize, blob.size - at);
      let buffer = new ArrayBuffer(size);
      let used = 0;
      while (used < size) {
        const { value, done } = await reader.read(new Uint8Array(buffer, used, size - used));
        if (done)
          throw new Error(`the file ended after ${at + used} of its ${blob.size} bytes (was it changed meanwhile?)`);
        buffer = value.buffer; // (a BYOB read hands the buffer back, transferred)
        used += value.length;
      }
      at += size;
      yield new Uint8Array(buffer);
    }
    finished = true;
  } finally {
    if (!finished) reader.cancel().catch(() => {});
  }
}

// The same by Blob slices, the next one already being read while this one is
// used. (A read left in flight when the caller stops must not become an
// unhandled rejection: the engine worker treats those as fatal.)
export async function* readBlobSlices(blob, chunkSize = CHUNK_BYTES) {
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

// spec: { kind: 'file', blob } | { kind: 'zip', blob, entry, archiveName, maxBytes, inflater? }
export function sourceChunks(spec, chunkSize = CHUNK_BYTES) {
  if (spec.kind === 'zip') {
    return readZipEntry(spec.blob, spec.entry, {
      archiveName: spec.archiveName,
      maxBytes: spec.maxBytes,
      chunkSize,
      inflater: spec.inflater,
    });
  }
  return readBlobChunks(spec.blob, chunkSize);
}

// An error as it crosses between workers, and back (ZipError's code, params and entry kept).
export function errorToMessage(e) {
  return {
    name: e?.name || 'Error',
    message: e?.message || String(e),
    code: e?.code,
    params: e?.params,
    entry: e?.entry,
  };
}

export function errorFromMessage(m) {
  const error = new Error(m.message);
  error.name = m.name;
  if (m.code) error.code = m.code;
  if (m.params) error.params = m.params;
  if (m.entry) error.entry = m.entry;
  return error;
}
