// Issue 11, point 3, through the worker protocol (the engine service under
// Node, the real wasm engine): hostile and broken zips are refused with a
// message of their own (naming the archive, the entry, and for a bomb its
// sizes and ratio), quickly, before the parser sees the bomb; the data set
// and the model the visitor had keep answering.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import {
  declaredBomb,
  disguisedBomb,
  encryptedZip,
  nestedZip,
  traversalZip,
  truncatedZip,
} from './support/hostile-zips.js';

const DEMO = path.resolve(import.meta.dirname, '../../public/demo');
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const ratings = 'userId,movieId,rating,timestamp\n1,1,5,0\n1,2,4,0\n2,1,4,0\n2,3,5,0\n';
const movies = 'movieId,title,genres\n1,Alpha (1999),Drama\n2,Beta (2000),Comedy\n3,Gamma (2001),Action\n';

let service;
let before; // what the visitor has: the demo set and a model of it
beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
  await service.call('loadFiles', { files: demoFiles() });
  await service.call('train', { config: { factors: 8, iterations: 3, seed: 5 } });
  before = {
    summary: await service.call('dataSummary'),
    model: await service.call('modelInfo'),
    similar: [...(await service.call('similarItems', { item: 3, count: 5 })).items],
  };
});

// The load fails with this fault; the data and the model are the ones from before and still answer.
async function expectRefused(zip, name, fault) {
  const started = performance.now();
  const error = await service.call('loadFiles', { files: [new File([zip], name)] }).then(
    () => null,
    (e) => e,
  );
  const seconds = (performance.now() - started) / 1000;
  expect(error, 'the load must fail').not.toBeNull();
  expect(error).toMatchObject(fault);
  const summary = await service.call('dataSummary');
  expect(summary.rawRatings).toBe(before.summary.rawRatings);
  expect(summary.keptRatings).toBe(before.summary.keptRatings);
  const model = await service.call('modelInfo');
  expect(model.loss).toEqual(before.model.loss);
  expect([...(await service.call('similarItems', { item: 3, count: 5 })).items]).toEqual(before.similar);
  return { error, seconds };
}

describe('hostile zips', () => {
  it('refuses a bomb that admits its ratio without inflating it, naming the entry, its sizes and the ratio', async () => {
    const zip = declaredBomb();
    expect(zip.length).toBeLessThan(200_000);
    const { error, seconds } = await expectRefused(zip, 'ml-bomb.zip', {
      kind: 'input',
      code: 'zipBombDeclared',
      file: 'ml-bomb/ratings.dat',
      params: { archive: 'ml-bomb.zip', entry: 'ml-bomb/ratings.dat', limit: 100 },
    });
    expect(error.params.compressed).toBeLessThan(200_000);
    expect(error.params.inflated).toBeGreaterThan(72 * 2 ** 20);
    expect(error.params.ratio).toBeGreaterThan(500);
    expect(error.message).toMatch(
      /ml-bomb\.zip: ml-bomb\/ratings\.dat says it inflates from 0\.\d+ MB to 75 MB \([\d,]+ : 1; .*zip bomb, refused/,
    );
    expect(seconds).toBeLessThan(10); // generous: nothing is inflated (the benchmark times the 2 GiB one)
  });

  it('stops a bomb that hides its ratio once 64 MB have inflated at more than 100 : 1, before the parser sees more', async () => {
    const zip = disguisedBomb();
    const { error } = await expectRefused(zip, 'sneaky.zip', {
      kind: 'input',
      code: 'zipBomb',
      file: 'ml-bomb/ratings.dat',
    });
    // The directory's own numbers pass (under 100 : 1); the stream's do not.
    expect(error.params.inflated).toBeGreaterThan(64 * 2 ** 20);
    expect(error.params.inflated).toBeLessThan(140 * 2 ** 20); // stopped within a piece or two of the limit
    expect(error.params.ratio).toBeGreaterThan(100);
    expect(error.message).toMatch(
      /sneaky\.zip: ml-bomb\/ratings\.dat inflated from [\d.]+ MB to more than \d+ MB \([\d,]+ : 1;/,
    );
  });

  it('says a zip inside the zip is not opened, and loads the data beside one', async () => {
    const inner = zipSync({ 'ml-tiny/ratings.csv': strToU8(ratings) });
    await expectRefused(nestedZip(inner), 'download.zip', {
      kind: 'input',
      code: 'zipNested',
      file: 'download/ml-tiny.zip',
      message: expect.stringMatching(
        /download\.zip holds another zip, download\/ml-tiny\.zip.*unzip download\.zip first/,
      ),
    });
    const beside = zipSync({ 'ml-tiny/ratings.csv': strToU8(ratings), 'ml-tiny/extra.zip': inner });
    const loaded = await service.call('loadFiles', { files: [new File([beside], 'beside.zip')] });
    expect(loaded.rawRatings).toBe(4);
    expect(loaded.skippedArchives).toEqual(['ml-tiny/extra.zip']);
    await service.call('loadFiles', { files: demoFiles() }); // back to what the other cases expect
  });

  it('refuses entries whose names climb out of the archive', async () => {
    for (const name of [
      '../../evil/ratings.csv',
      'ml/../../ratings.csv',
      '/etc/ratings.csv',
      'C:\\Windows\\ratings.csv',
    ]) {
      const { error } = await expectRefused(traversalZip(ratings, name), 'traversal.zip', {
        kind: 'input',
        code: 'zipTraversal',
        params: { archive: 'traversal.zip', entry: name },
      });
      expect(error.message).toMatch(/climbs out of the archive/);
    }
  });

  it('says an encrypted entry is encrypted, by name', async () => {
    const { error } = await expectRefused(
      encryptedZip({ 'ml-tiny/ratings.csv': strToU8(ratings), 'ml-tiny/movies.csv': strToU8(movies) }),
      'locked.zip',
      {
        kind: 'input',
        code: 'zipEncrypted',
        params: { archive: 'locked.zip', entry: 'ml-tiny/ratings.csv' },
      },
    );
    expect(error.message).toMatch(/locked\.zip: ml-tiny\/ratings\.csv is encrypted \(password-protected/);
  });

  it('says a truncated zip is truncated', async () => {
    const { error } = await expectRefused(truncatedZip({ 'ratings.csv': strToU8(ratings.repeat(200)) }), 'cut.zip', {
      kind: 'input',
      code: 'zipTruncated',
      params: { archive: 'cut.zip' },
    });
    expect(error.message).toMatch(/cut\.zip.*(truncated|not a complete zip)/);
  });
});

describe('a zip and the same files unzipped', () => {
  it('give identical summaries and identical models', async () => {
    const files = demoFiles();
    const bytes = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    const zip = zipSync({ 'demo/ratings.csv': bytes[0], 'demo/movies.csv': bytes[1] }, { level: 1 });
    const config = { factors: 12, iterations: 4, seed: 11 };
    const train = async (load) => {
      const summary = await load();
      await service.call('train', { config });
      return {
        summary,
        items: (await service.call('factorMatrix', { which: 'items' })).values,
        users: (await service.call('factorMatrix', { which: 'users' })).values,
      };
    };
    const plain = await train(() => service.call('loadFiles', { files }));
    const zipped = await train(() => service.call('loadFiles', { files: [new File([zip], 'demo.zip')] }));
    const { files: plainFiles, loadTiming: t1, ...plainSummary } = plain.summary;
    const { files: zipFiles, loadTiming: t2, ...zipSummary } = zipped.summary;
    expect(zipSummary).toEqual(plainSummary);
    expect(zipFiles.map((f) => [f.file, f.records, f.malformed])).toEqual(
      plainFiles.map((f) => [f.file, f.records, f.malformed]),
    );
    expect(Buffer.from(zipped.items.buffer).equals(Buffer.from(plain.items.buffer))).toBe(true);
    expect(Buffer.from(zipped.users.buffer).equals(Buffer.from(plain.users.buffer))).toBe(true);
  });
});
