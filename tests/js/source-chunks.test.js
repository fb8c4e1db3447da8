// A plain file's chunks (web/src/engine/source-chunks.js): read from the
// Blob's byte stream into whole chunks of the size asked, the same bytes as
// the slice reader gives, which stays for Blobs whose stream is not a byte stream.
import { describe, it, expect } from 'vitest';
import { readBlobChunks, readBlobSlices } from '../../web/src/engine/source-chunks.js';

function bytes(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 2654435761) >>> 24;
  return b;
}

async function collect(chunks) {
  const out = [];
  for await (const c of chunks) out.push(c);
  return out;
}

// A Blob whose stream hands out small chunks and refuses a BYOB reader (as a
// default stream does): readBlobChunks falls back on slices.
function blobWithDefaultStream(blob) {
  return {
    size: blob.size,
    slice: (a, b) => blob.slice(a, b),
    stream: () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(1));
          controller.close();
        },
      }),
  };
}

describe('readBlobChunks', () => {
  it('gives every byte once, in chunks of the size asked (the last shorter), each owning its buffer', async () => {
    const data = bytes(5 * 65_536 + 123);
    for (const chunkSize of [65_536, 100_000, 1 << 20]) {
      const chunks = await collect(readBlobChunks(new Blob([data]), chunkSize));
      expect(Buffer.concat(chunks).equals(Buffer.from(data)), `chunk ${chunkSize}`).toBe(true);
      for (const c of chunks.slice(0, -1)) expect(c.length).toBe(chunkSize);
      for (const c of chunks) expect(c.byteOffset === 0 && c.byteLength === c.buffer.byteLength).toBe(true);
      const slices = await collect(readBlobSlices(new Blob([data]), chunkSize));
      expect(slices.map((c) => c.length)).toEqual(chunks.map((c) => c.length));
    }
  });

  it('reads an empty file as no chunks, and a stopped read leaves nothing behind', async () => {
    expect(await collect(readBlobChunks(new Blob([])))).toEqual([]);
    const chunks = readBlobChunks(new Blob([bytes(300_000)]), 65_536);
    expect((await chunks.next()).value.length).toBe(65_536);
    await chunks.return();
    expect((await chunks.next()).done).toBe(true);
  });

  it('falls back on slices where the stream is not a byte stream', async () => {
    const data = bytes(200_000);
    const chunks = await collect(readBlobChunks(blobWithDefaultStream(new Blob([data])), 65_536));
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
    expect(chunks.map((c) => c.length)).toEqual([65_536, 65_536, 65_536, 3_392]);
  });
});
