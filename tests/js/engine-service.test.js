// The worker protocol, exercised under Node against the real wasm engine:
// load (files and zips), train with progress, query, cancel, errors, model files.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { loadEngine, fileFrom, fileOf } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

const DEMO = path.resolve(import.meta.dirname, '../../public/demo');
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const small = { factors: 16, iterations: 6, regularization: 0.01, alpha: 1, seed: 7 };

let service;
beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
});

describe('loading', () => {
  it('streams the demo files and reports the data set', async () => {
    const call = service.call('loadFiles', { files: demoFiles() });
    const summary = await call;
    expect(summary.rawRatings).toBe(60000);
    expect(summary.keptRatings).toBeLessThan(60000);
    expect(summary.useThreshold).toBe(true);
    expect(summary.minRating).toBe(3);
    expect(summary.keptShare).toBeCloseTo(summary.keptRatings / 60000, 10);
    expect(summary.popular).toHaveLength(50);
    expect(summary.files.map((f) => f.role).sort()).toEqual(['ratings', 'titles']);
    expect(call.progress.at(-1).phase).toBe('preparing');
    expect(call.progress.some((p) => p.phase === 'reading' && p.bytesDone > 0)).toBe(true);
  });

  it('reports malformed lines with file and line, and stops at the first in strict mode', async () => {
    const text = 'userId,movieId,rating,timestamp\n1,10,5,0\n1,20,abc,0\n2,10,4,0\n2,30,4,0\n'; // 2 users x 2 items kept
    const summary = await service.call('loadFiles', { files: [fileOf('ratings.csv', text)] });
    const report = summary.files[0];
    expect(report.malformed).toBe(1);
    expect(report.examples[0].line).toBe(3);
    expect(report.examples[0].reason).toMatch(/abc/);
    await expect(
      service.call('loadFiles', { files: [fileOf('ratings.csv', text)], strict: true }),
    ).rejects.toMatchObject({ kind: 'input', file: 'ratings.csv', line: 3 });
  });

  it('refuses a file without ratings and keeps the data it had', async () => {
    await service.call('loadFiles', { files: demoFiles() });
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], 'cat.png');
    await expect(service.call('loadFiles', { files: [png] })).rejects.toMatchObject({ kind: 'input' });
    expect((await service.call('dataSummary')).rawRatings).toBe(60000);
  });
});

describe('cancel', () => {
  it('cancels a load half way and keeps the data set it had', async () => {
    await service.call('loadFiles', { files: demoFiles() });
    // 40 MB of ratings read in 4 MB chunks: cancel at the first progress event.
    const line = '1,1,4.0,0\n';
    const big = new File(['userId,movieId,rating,timestamp\n', line.repeat(4_000_000)], 'ratings.csv');
    const call = service.call('loadFiles', { files: [big] });
    while (call.progress.length === 0) await new Promise((r) => setTimeout(r, 1));
    call.cancel();
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    expect((await service.call('dataSummary')).rawRatings).toBe(60000);
  });
});

describe('memory', () => {
  it('refuses files too big for the tab before reading them, with the numbers, and keeps the data', async () => {
    await service.call('loadFiles', { files: demoFiles() });
    // A 5 GB ratings.csv that is never read: only its size and first bytes are looked at.
    const head = new Blob(['userId,movieId,rating,timestamp\n']);
    const huge = { name: 'ratings.csv', size: 5e9, slice: (a, b) => head.slice(a, b) };
    await expect(service.call('loadFiles', { files: [huge] })).rejects.toMatchObject({
      kind: 'memory',
      message: expect.stringMatching(/GB/),
    });
    expect((await service.call('dataSummary')).rawRatings).toBe(60000);
  });

  it('reports an allocation the heap cannot hold as an error, and the engine keeps working', async () => {
    const engine = new (await loadEngine('simd')).Engine();
    const failed = engine.chunkBuffer(3.9e9); // beyond the 4 GB wasm32 heap: malloc fails, new throws
    expect(failed).toMatchObject({ outOfMemory: true, error: expect.stringMatching(/out of memory/) });
    expect(engine.chunkBuffer(16).length).toBe(16);
  });

  it('reports the wasm heap size', async () => {
    const { heapBytes } = await service.call('memory');
    expect(heapBytes).toBeGreaterThanOrEqual(64 * 2 ** 20);
  });
});

describe('zip files', () => {
  const ratings = 'userId,movieId,rating,timestamp\n1,1,5,0\n1,2,4,0\n2,1,4,0\n2,3,5,0\n';
  const movies = 'movieId,title,genres\n1,"Heat, The (1995)",Action\n2,Alpha (2000),Drama\n3,Beta (2001),Comedy\n';

  it('reads nested folders of a zip and skips what is not needed', async () => {
    const zip = zipSync({
      'ml-tiny/ratings.csv': strToU8(ratings),
      'ml-tiny/movies.csv': strToU8(movies),
      'ml-tiny/tags.csv': strToU8('x'),
    });
    const summary = await service.call('loadFiles', { files: [new File([zip], 'ml-tiny.zip')] });
    expect(summary.rawRatings).toBe(4);
    expect(summary.files.find((f) => f.file.endsWith('tags.csv')).role).toBe('ignored');
  });

  it('asks which data set when a zip holds several', async () => {
    const zip = zipSync({ 'a/ratings.csv': strToU8(ratings), 'b/ratings.csv': strToU8(ratings) });
    const answer = await service.call('loadFiles', { files: [new File([zip], 'two.zip')] });
    expect(answer.chooseFolder.sort()).toEqual(['a', 'b']);
    const chosen = await service.call('loadFiles', { files: [new File([zip], 'two.zip')], folder: 'b' });
    expect(chosen.rawRatings).toBe(4);
  });

  it('says a truncated zip is truncated', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(ratings.repeat(50)) });
    await expect(
      service.call('loadFiles', { files: [new File([zip.subarray(0, zip.length - 30)], 'cut.zip')] }),
    ).rejects.toThrow(/truncated/);
  });

  // Offsets in a central directory entry: 20 compressed size, 24 uncompressed size.
  const centralEntry = (zip) =>
    zip.findIndex((_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2);
  const setU32 = (zip, at, value) => new DataView(zip.buffer, zip.byteOffset).setUint32(at, value, true);

  it('refuses a zip bomb that admits its size, before inflating anything', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(ratings) });
    setU32(zip, centralEntry(zip) + 24, 4_000_000_000); // "expands to 4 GB" from a few bytes
    await expect(service.call('loadFiles', { files: [new File([zip], 'bomb.zip')] })).rejects.toMatchObject({
      kind: 'input',
      code: 'zipBombDeclared',
      message: expect.stringMatching(/to 4 GB .*zip bomb/),
    });
  });

  it('refuses a zip entry bigger than a tab can hold, by its declared size, with the numbers', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(ratings) });
    setU32(zip, centralEntry(zip) + 20, 1_000_000_000); // 1 GB compressed: an honest 4 : 1
    setU32(zip, centralEntry(zip) + 24, 4_000_000_000);
    await expect(service.call('loadFiles', { files: [new File([zip], 'big.zip')] })).rejects.toMatchObject({
      kind: 'memory',
      code: 'zipTooBig',
      message: expect.stringMatching(/would expand to 4 GB, more than the 3\.22 GB/),
    });
  });

  it('stops a zip bomb that lies about its size as soon as it expands past it', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(ratings.repeat(2000)) }); // compresses to a few KB
    setU32(zip, centralEntry(zip) + 24, 1000); // claims 1,000 bytes
    await expect(service.call('loadFiles', { files: [new File([zip], 'liar.zip')] })).rejects.toThrow(
      /expands beyond its declared size/,
    );
    expect((await service.call('dataSummary')).rawRatings).toBeGreaterThan(0);
  });

  it('says an encrypted zip is encrypted', async () => {
    const zip = zipSync({ 'ratings.csv': strToU8(ratings) }, { level: 0 });
    // Set the "encrypted" flag in the central directory entry (offset 8 past its signature).
    const central = zip.findIndex(
      (_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2,
    );
    zip[central + 8] |= 1;
    await expect(service.call('loadFiles', { files: [new File([zip], 'locked.zip')] })).rejects.toThrow(/encrypted/);
  });
});

describe('training and queries', () => {
  let info;
  beforeAll(async () => {
    await service.call('loadFiles', { files: demoFiles() });
    const call = service.call('train', { config: small });
    info = await call;
    info.progressEvents = call.progress;
  });

  it('reports progress per slice and a decreasing loss', () => {
    expect(info.factors).toBe(16);
    expect(info.loss).toHaveLength(6);
    expect(info.loss[5]).toBeLessThan(info.loss[0]);
    const fractions = info.progressEvents.map((p) => p.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('recommends with favorites filtered out and explanations that add up to the score', async () => {
    const table = await service.call('itemTable');
    const genres = table.genres.split('\n');
    const scifi = genres
      .map((g, i) => (g.startsWith('Sci-Fi') ? i : -1))
      .filter((i) => i >= 0)
      .slice(0, 3);
    const recs = await service.call('recommend', {
      items: Int32Array.from(scifi),
      values: Float32Array.from([5, 5, 5]),
      count: 10,
    });
    expect(recs.items).toHaveLength(10);
    for (const item of scifi) expect([...recs.items]).not.toContain(item);
    const inCluster = [...recs.items].filter((i) => genres[i].includes('Sci-Fi')).length;
    expect(inCluster).toBeGreaterThanOrEqual(8);
    recs.explanations.forEach((e, k) => {
      const sum = e.contributions.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(e.score, 9);
      expect(e.score).toBeCloseTo(recs.scores[k], 4);
    });
    const pref = await service.call('predictedPreference', {
      items: Int32Array.from(scifi),
      values: Float32Array.from([5, 5, 5]),
      item: recs.items[0],
    });
    expect(pref.score).toBeCloseTo(recs.scores[0], 5);
  });

  it('answers similar items by cosine, without the item itself', async () => {
    const similar = await service.call('similarItems', { item: 0, count: 5 });
    expect(similar.items).toHaveLength(5);
    expect([...similar.items]).not.toContain(0);
    expect(similar.scores[0]).toBeLessThanOrEqual(1.0001);
  });

  it('cancels training and keeps the previous model', async () => {
    const before = await service.call('modelInfo');
    const call = service.call('train', { config: { ...small, factors: 64, iterations: 200 } });
    while (call.progress.length < 2) await new Promise((r) => setTimeout(r, 5));
    call.cancel();
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    const after = await service.call('modelInfo');
    expect(after.factors).toBe(before.factors);
    expect(after.loss).toEqual(before.loss);
  });

  it('saves and loads model files; a bad file leaves the model as it was', async () => {
    const saved = await service.call('saveModel', { includeInteractions: true });
    expect(saved.bytes.length).toBeGreaterThan(1000);
    const loaded = await service.call('loadModel', { bytes: saved.bytes });
    expect(loaded.matchesData).toBe(true);
    await expect(service.call('loadModel', { bytes: saved.bytes.subarray(0, 500) })).rejects.toThrow(
      /truncated|corrupt/,
    );
    await expect(service.call('loadModel', { bytes: new TextEncoder().encode('hello') })).rejects.toThrow(
      /not a model file/,
    );
    expect((await service.call('modelInfo')).factors).toBe(16);
  });

  it('evaluates against the popularity baseline', async () => {
    const result = await service.call('evaluate', { config: small, testFraction: 0.2, k: 10, seed: 3 });
    expect(result.model.k).toBe(10);
    expect(result.model.precision).toBeGreaterThan(result.popularity.precision);
    expect(result.model.auc).toBeGreaterThan(0.5);
    expect(result.trainInteractions + result.testInteractions).toBeGreaterThan(0);
  });
});

// Issue 10 through the protocol: the minimum support, support counts and
// match keys in the item table, id spaces, Last.fm name variants merged.
describe('answers with support and keys', () => {
  // 120 users; items 1..60 kept by many, 101..140 by one or two.
  function popularAndRare() {
    const rows = ['userId,movieId,rating,timestamp'];
    for (let u = 1; u <= 120; u++)
      for (let i = 1; i <= 60; i++) if ((u * 7 + i * 3) % 10 < 2 || (u % 60) + 1 === i) rows.push(`${u},${i},5.0,0`);
    for (let i = 101; i <= 140; i++)
      for (let k = 0; k < 1 + (i % 2); k++) rows.push(`${1 + ((i * 13 + k * 17) % 120)},${i},4.0,0`);
    return fileOf('ratings.csv', rows.join('\n') + '\n');
  }

  it('leaves rare items out of similar items and recommendations by default, and not with minSupport 0', async () => {
    const summary = await service.call('loadFiles', { files: [popularAndRare()] });
    expect(summary.idSpace).toBe('movielens');
    await service.call('train', { config: { ...small, factors: 8 } });
    const info = await service.call('modelInfo');
    expect(info.defaultMinSupport).toBe(5);
    expect(info.rareItems).toBe(40);
    const table = await service.call('itemTable');
    const support = table.popularity;
    let rareRaw = 0;
    for (let item = 0; item < 60; item++) {
      const kept = await service.call('similarItems', { item, count: 10 });
      for (const i of kept.items) expect(support[i]).toBeGreaterThanOrEqual(5);
      const raw = await service.call('similarItems', { item, count: 10, minSupport: 0 });
      rareRaw += [...raw.items].filter((i) => support[i] < 5).length;
    }
    expect(rareRaw).toBeGreaterThan(0);
    const recs = await service.call('recommend', {
      items: Int32Array.from([0, 1]),
      values: Float32Array.from([5, 5]),
      count: 100,
    });
    expect(recs.items).toHaveLength(58);
    const all = await service.call('recommend', {
      items: Int32Array.from([0, 1]),
      values: Float32Array.from([5, 5]),
      count: 100,
      minSupport: 0,
    });
    expect(all.items).toHaveLength(98);
    expect(table.totals[0]).toBe(5 * support[0]);
  });

  it('gives every item its match keys, and keys for any titles', async () => {
    await service.call('loadFiles', { files: demoFiles() });
    await service.call('train', { config: small });
    const table = await service.call('itemTable');
    const titles = table.titles.split('\n');
    const keys = table.matchKeys.split('\n');
    expect(keys).toHaveLength(titles.length);
    expect(keys[0].split('\t')[0]).toMatch(/\|\d{4}$/);
    const { keys: asked } = await service.call('titleKeys', {
      titles: ['Star Wars: Episode IV - A New Hope (1977)', 'Matrix, The (1999)'],
    });
    expect(asked).toEqual([
      'star wars episode iv a new hope|1977\tstar wars|1977\tnew hope|1977',
      'matrix|1999\tthe matrix|1999',
    ]);
  });

  it('merges Last.fm artist name variants without an MBID and reports them', async () => {
    const user = (k) => `${String(k).padStart(4, '0')}${'ab'.repeat(18)}`;
    const text = `${user(1)}\t\tThe Black Dahlia Murder\t10\n${user(2)}\t\tthe black  dahlia murder\t20\n${user(3)}\tmbid-1\tu2\t5\n`;
    const summary = await service.call('loadFiles', { files: [fileOf('usersha1-artmbid-artname-plays.tsv', text)] });
    expect(summary.idSpace).toBe('musicbrainz');
    expect(summary.items).toBe(2);
    expect(summary.files[0].mergedNames).toBe(1);
    expect(summary.files[0].mergedExamples).toEqual([
      { name: 'the black  dahlia murder', as: 'The Black Dahlia Murder' },
    ]);
    expect(summary.medianKeptValue).toBe(10);
  });
});
