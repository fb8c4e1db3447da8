// A worker beside the engine worker that reads one entry of a load (a file's
// Blob slices, or a zip entry inflated) and hands it over chunk by chunk
// (transferred, not copied), so reading and inflating run on another core
// while the engine parses. Chromium also fills a slice's ArrayBuffer on the
// thread that asked, so reads asked by a busy parsing thread barely progress.
//
//   engine -> here   { spec, chunkSize, ahead }   start (see source-chunks.js)
//                    { credit: n }                 n more chunks may be sent
//   here -> engine   { chunk: Uint8Array }          the next chunk
//                    { done: true, busyMs }         the entry ended; the time spent reading and inflating
//                    { error: {name, message, code?, params?} }
// At most `ahead` chunks wait in memory: one credit per chunk taken.
import { errorToMessage, sourceChunks } from './source-chunks.js';

let credit = 0;
let wake = null;

self.onmessage = async (event) => {
  if (event.data.credit) {
    credit += event.data.credit;
    wake?.();
    return;
  }
  const { spec, chunkSize, ahead } = event.data;
  credit = ahead;
  let busyMs = 0;
  try {
    const chunks = sourceChunks(spec, chunkSize);
    for (;;) {
      const t0 = performance.now();
      const { value: chunk, done } = await chunks.next();
      busyMs += performance.now() - t0;
      if (done) break;
      while (credit === 0)
        await new Promise((resolve) => {
          wake = resolve;
        });
      credit -= 1;
      // A chunk that is a view on part of a bigger buffer is copied out first
      // (transferring would move the whole buffer).
      const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
      self.postMessage({ chunk: own }, [own.buffer]);
    }
    self.postMessage({ done: true, busyMs });
  } catch (e) {
    self.postMessage({ error: errorToMessage(e) });
  }
};
