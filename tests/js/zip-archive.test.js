// The zip reader alone (web/src/engine/zip-archive.js): both inflaters give
// the same bytes in the same blocks, and the limits hold whichever runs.
import { describe, it, expect } from 'vitest';
import { zipSync } from 'fflate';
import { openZip, readZipEntry, climbsOut, hasStreamInflate } from '../../web/src/engine/zip-archive.js';
import { disguisedBomb } from './support/hostile-zips.js';

function sampleBytes(lines = 80_000) {
  let text = 'userId,movieId,rating,timestamp\n';
  for (let i = 0; i < lines; i++) text += `${i % 997},${(i * 31) % 5003},${((i % 9) + 1) / 2},${1e9 + i}\n`;
  return new TextEncoder().encode(text);
}

async function inflateAll(zip, inflater, chunkSize) {
  const blob = new Blob([zip]);
  const [entry] = await openZip(blob, 't.zip');
  const chunks = [];
  for await (const c of readZipEntry(blob, entry, { archiveName: 't.zip', inflater, chunkSize })) chunks.push(c);
  return chunks;
}

describe('readZipEntry', () => {
  it('has the browser inflater under Node 20 too', () => {
    expect(hasStreamInflate).toBe(true);
  });

  it('gives the same bytes with DecompressionStream and with fflate, stored or deflated, in blocks of the size asked', async () => {
    const bytes = sampleBytes();
    for (const level of [0, 6]) {
      const zip = zipSync({ 'ratings.csv': bytes }, { level });
      for (const inflater of ['stream', 'fflate']) {
        const chunks = await inflateAll(zip, inflater, 1 << 20);
        const joined = Buffer.concat(chunks);
        expect(joined.equals(Buffer.from(bytes)), `level ${level}, ${inflater}`).toBe(true);
        for (const c of chunks.slice(0, -1)) expect(c.length).toBe(1 << 20);
      }
    }
  });

  it('stops a disguised bomb at the same point with either inflater', async () => {
    const zip = disguisedBomb();
    for (const inflater of ['stream', 'fflate']) {
      const error = await inflateAll(zip, inflater, 4 << 20).then(
        () => null,
        (e) => e,
      );
      expect(error?.code, inflater).toBe('zipBomb');
      expect(error.params.inflated).toBeGreaterThan(64 * 2 ** 20);
      expect(error.params.inflated).toBeLessThan(140 * 2 ** 20);
    }
  });

  it('says what corrupt compressed data is, for either inflater', async () => {
    const zip = zipSync({ 'ratings.csv': sampleBytes(5000) }, { level: 6 });
    const local = 30 + zip[26] + (zip[27] << 8) + zip[28] + (zip[29] << 8);
    zip[local] = 0x07; // deflate block type 3: invalid
    for (const inflater of ['stream', 'fflate']) {
      const error = await inflateAll(zip, inflater, 1 << 20).then(
        () => null,
        (e) => e,
      );
      expect(error?.code, inflater).toBe('zipCorrupt');
      expect(error.message).toMatch(/t\.zip: ratings\.csv: corrupt compressed data/);
    }
  });
});

describe('climbsOut', () => {
  it('knows names that leave the folder from names that do not', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'c:/x', 'a\\..\\..\\x', '..'])
      expect(climbsOut(bad), bad).toBe(true);
    for (const good of ['ml-1m/ratings.dat', 'a..b/ratings.csv', 'x/..y', '.hidden/r.csv'])
      expect(climbsOut(good), good).toBe(false);
  });
});
