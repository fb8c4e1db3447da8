// Models trained elsewhere, through the worker protocol and the real wasm
// engine: implicit .npz files written by numpy (tests/support/numpy_fixtures.py,
// run here), Spark ALSModel folders and zips written with a Parquet writer
// (hyparquet-writer) in Spark's layout; each answers with recommendations
// whose explanations add up, each broken one is refused and the previous
// model stays; and our exports are read back (numpy, and our own reader).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import { listEntries } from '../../web/src/engine/data-sources.js';
import { faultText } from '../../web/src/app/fault-text.js';
import { readSparkModel } from '../../web/src/engine/foreign-models.js';

// A refusal the Korean page shows in Korean: a known code, a sentence with
// Hangul that is not the English message.
function expectWordedInKorean(fault, name) {
  const korean = faultText('ko', fault);
  expect(korean, name).not.toBe(fault.message);
  expect(korean, name).toMatch(/[\uac00-\ud7a3]/);
  expect(faultText('en', fault), name).not.toBe(`fault.${fault.code}`);
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = `${ROOT}/public/demo`;
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const small = { factors: 12, iterations: 6, regularization: 0.05, alpha: 2, seed: 7 };
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const favorites = { items: new Int32Array([1, 5, 9]), values: new Float32Array([5, 4, 5]) };

let service, dir;

function python(...args) {
  const run = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 (numpy) failed: ${run.stderr || run.error}`);
  return run.stdout;
}

// A File with the relative path a folder drop gives it.
function inFolder(bytes, relativePath) {
  return Object.assign(new File([bytes], path.basename(relativePath)), { relativePath });
}

// The explanation of each recommendation adds up to its score.
function expectExplanationsAddUp(result) {
  expect(result.items.length).toBeGreaterThan(0);
  result.explanations.forEach((e, k) => {
    const sum = Array.from(e.contributions).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(e.score, 4);
    expect(e.score).toBeCloseTo(result.scores[k], 3);
  });
}

// Spark's layout for one side: id INT32, features LIST<FLOAT>.
const SPARK_SCHEMA = [
  { name: 'spark_schema', num_children: 2 },
  { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'features', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
];
function sparkParquet(ids, matrix) {
  const rows = ids.map((_, r) => Array.from(matrix.values.subarray(r * matrix.factors, (r + 1) * matrix.factors)));
  return new Uint8Array(
    parquetWriteBuffer({
      schema: SPARK_SCHEMA,
      columnData: [
        { name: 'id', data: ids },
        { name: 'features', data: rows },
      ],
    }),
  );
}
const sparkMetadata = (rank) =>
  JSON.stringify({
    class: 'org.apache.spark.ml.recommendation.ALSModel',
    timestamp: 1700000000000,
    sparkVersion: '3.5.1',
    uid: 'ALS_test',
    paramMap: { userCol: 'userId', itemCol: 'movieId' },
    defaultParamMap: { coldStartStrategy: 'nan', blockSize: 4096 },
    rank,
  }) + '\n';

// The trained model's factors as a Spark directory (rows reversed, as
// partitions may write them, ids as the data's).
async function sparkDirectory(prefix) {
  const users = await service.call('factorMatrix', { which: 'users' });
  const items = await service.call('factorMatrix', { which: 'items' });
  const table = await service.call('itemTable');
  const itemIds = table.ids.split('\n').map(Number);
  const userIds = Array.from({ length: users.rows }, (_, u) => u + 1); // demo users are 1..1000, sorted
  const reverse = (ids, m) => {
    const f = m.factors;
    const values = new Float32Array(m.values.length);
    for (let r = 0; r < ids.length; r++)
      values.set(m.values.subarray((ids.length - 1 - r) * f, (ids.length - r) * f), r * f);
    return [ids.slice().reverse(), { factors: f, values }];
  };
  const [uids, umat] = reverse(userIds, users);
  const [iids, imat] = reverse(itemIds, items);
  return {
    [`${prefix}metadata/part-00000`]: new TextEncoder().encode(sparkMetadata(users.factors)),
    [`${prefix}metadata/.part-00000.crc`]: new Uint8Array([1, 2, 3]),
    [`${prefix}metadata/_SUCCESS`]: new Uint8Array(0),
    [`${prefix}userFactors/part-00000-abc-c000.snappy.parquet`]: sparkParquet(uids, umat),
    [`${prefix}itemFactors/part-00000-abc-c000.snappy.parquet`]: sparkParquet(iids.slice(0, 300), {
      factors: imat.factors,
      values: imat.values.subarray(0, 300 * imat.factors),
    }),
    [`${prefix}itemFactors/part-00001-abc-c000.snappy.parquet`]: sparkParquet(iids.slice(300), {
      factors: imat.factors,
      values: imat.values.subarray(300 * imat.factors),
    }),
  };
}

beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-foreign-'));
  await service.call('loadFiles', { files: demoFiles() });
  await service.call('train', { config: small });
  // Our export, then numpy's renumbered copies of it (tests/support/numpy_fixtures.py).
  const exported = await service.call('exportModel', { format: 'implicit' });
  fs.writeFileSync(`${dir}/ours.npz`, exported.bytes);
  fs.writeFileSync(`${dir}/ours.ids.csv`, exported.idsCsv);
  fs.mkdirSync(`${dir}/bad`);
  python(
    `${ROOT}/tests/support/numpy_fixtures.py`,
    'models',
    `${dir}/ours.npz`,
    `${dir}/ours.ids.csv`,
    `${DEMO}/ratings.csv`,
    dir,
  );
  python(`${ROOT}/tests/support/numpy_fixtures.py`, 'bad', `${dir}/ours.npz`, `${dir}/bad`);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('implicit → here', () => {
  it('asks which rows when sorted and first-seen both fit, then answers every query', async () => {
    const ask = await service.call('importModel', { files: [fileFrom(`${dir}/first-seen-float64.npz`)] });
    expect(ask.chooseRows.map((c) => c.conventions)).toEqual([['sorted'], ['first-seen']]);
    expect(ask.chooseRows[1].fit.ratedPairAuc).toBeGreaterThan(0.8);
    expect(ask.chooseRows[0].fit.ratedPairAuc).toBeLessThan(0.7);
    expect((await service.call('modelInfo')).imported).toBe(false);

    const done = await service.call('importModel', { rows: 'first-seen' });
    expect(done.adopted).toBe(true);
    expect(done.info).toMatchObject({
      imported: true,
      origin: 'implicit',
      formulation: 'implicit',
      factors: 12,
      alpha: 2,
      onePlus: false,
    });
    expect(done.info.originDetails).toMatch(/first-seen.*float64/);
    expect(done.info.regularization).toBeCloseTo(0.05, 6);
    const recs = await service.call('recommend', { ...favorites, count: 10 });
    expectExplanationsAddUp(recs);
    expect((await service.call('similarItems', { item: 3, count: 5 })).items).toHaveLength(5);
    expect((await service.call('embeddingMap')).xy.length).toBe(2 * 600);
    const preference = await service.call('predictedPreference', { ...favorites, item: recs.items[0] });
    expect(preference.score).toBeCloseTo(recs.scores[0], 4);
  });

  it('takes a raw-id model at once (only one convention fits its sizes) and evaluates it honestly', async () => {
    const done = await service.call('importModel', { files: [fileFrom(`${dir}/raw-float32.npz`)] });
    expect(done.adopted).toBe(true);
    expect(done.info.originDetails).toMatch(/rows = raw/);
    const evaluation = await service.call('evaluate', {
      config: { ...done.info, skipLoss: true },
      testFraction: 0.2,
      k: 10,
      withCurrentModel: true,
    });
    expect(evaluation.currentModel.precision).toBeGreaterThan(evaluation.model.precision);
    expect(evaluation.model.precision).toBeGreaterThan(evaluation.popularity.precision);
  });

  it('refuses each broken model with what is wrong, keeping the model it had', async () => {
    await service.call('importModel', { files: [fileFrom(`${dir}/raw-float32.npz`)] });
    const before = await service.call('recommend', { ...favorites, count: 5 });
    // Each refusal: the engine's English message, and a code the page words in Korean too.
    const cases = {
      'pickled.npz': [/Python objects/, 'import.npy'],
      'int-factors.npz': [/user_factors has dtype '<i8'/, 'import.model'],
      'mismatched-factors.npz': [/12 factors but item_factors has 13/, 'import.factorsDiffer'],
      'nan.npz': [/item_factors row 5 holds NaN/, 'import.model'],
      'no-convention.npz': [/fit no way of numbering/, 'import.otherData'],
      'short-member.npz': [/item_factors\.npy: is truncated/, 'import.npy'],
    };
    for (const [name, [message, code]] of Object.entries(cases)) {
      const refusal = await service.call('importModel', { files: [fileFrom(`${dir}/bad/${name}`)] }).then(
        () => null,
        (e) => e,
      );
      expect(refusal, name).toMatchObject({ kind: 'input', message: expect.stringMatching(message), code });
      expectWordedInKorean(refusal, name);
    }
    const mismatched = await service
      .call('importModel', { files: [fileFrom(`${dir}/bad/mismatched-factors.npz`)] })
      .catch((e) => e);
    expect(faultText('ko', mismatched)).toContain('요인은 12개인데 item_factors의 요인은 13개');
    const whole = fs.readFileSync(`${dir}/sorted-float32.npz`);
    const cut = new File([whole.subarray(0, whole.length >> 1)], 'cut.npz');
    await expect(service.call('importModel', { files: [cut] })).rejects.toMatchObject({
      kind: 'input',
      message: expect.stringMatching(/cut\.npz.*(truncated|not a complete zip)/),
    });
    const after = await service.call('recommend', { ...favorites, count: 5 });
    expect(Array.from(after.items)).toEqual(Array.from(before.items));
    expect((await service.call('modelInfo')).originDetails).toMatch(/rows = raw/);
  });
});

describe('here → implicit', () => {
  it("writes a .npz numpy loads without pickle, in implicit's layout, ranking as we do", async () => {
    await service.call('train', { config: small });
    const ours = await service.call('recommend', { ...favorites, count: 10 });
    const exported = await service.call('exportModel', { format: 'implicit' });
    fs.writeFileSync(`${dir}/export.npz`, exported.bytes);
    const keys = python(
      '-c',
      [
        'import numpy as np, sys',
        `z = np.load("${dir}/export.npz", allow_pickle=False)`,
        'print(",".join(sorted(z.files)))',
        'print(z["user_factors"].dtype, z["user_factors"].shape, z["item_factors"].shape, str(z["dtype"]), z["factors"].item(), z["alpha"].item())',
      ].join('\n'),
    );
    expect(keys.split('\n')[0]).toBe(
      'alpha,calculate_training_loss,cg_steps,dtype,factors,item_factors,iterations,num_threads,random_state,regularization,use_cg,use_native,user_factors',
    );
    expect(keys.split('\n')[1]).toBe('float32 (1000, 12) (600, 12) float32 12 2.0');
    // Read back: the same recommendations.
    await service.call('importModel', { files: [new File([exported.bytes], 'export.npz')] });
    const back = await service.call('importModel', { rows: 'sorted' });
    expect(back.adopted).toBe(true);
    const again = await service.call('recommend', { ...favorites, count: 10 });
    expect(Array.from(again.items)).toEqual(Array.from(ours.items));
  });
});

describe('Spark → here', () => {
  it("reads a folder: rows matched by id, Spark's formulation, explanations that add up", async () => {
    await service.call('train', { config: small });
    const files = Object.entries(await sparkDirectory('als-model/')).map(([name, bytes]) => inFolder(bytes, name));
    const done = await service.call('importModel', { files, spark: { alpha: 2, regParam: 0.05 } });
    expect(done.adopted).toBe(true);
    expect(done.info).toMatchObject({ origin: 'spark', formulation: 'spark', onePlus: true, factors: 12, alpha: 2 });
    expect(done.fit.itemsMatched).toBe(600);
    expect(done.fit.ratedPairAuc).toBeGreaterThan(0.8);
    expectExplanationsAddUp(await service.call('recommend', { ...favorites, count: 10 }));
  });

  it("reads the same as a zip, with Spark's defaults when alpha and regParam are not given", async () => {
    await service.call('train', { config: small });
    const zip = zipSync(await sparkDirectory('model/'), { level: 0 });
    const done = await service.call('importModel', { files: [new File([zip], 'model.zip')] });
    expect(done).toMatchObject({ adopted: true, alpha: 1, regParam: 0.1, sparkVersion: '3.5.1' });
    expectExplanationsAddUp(await service.call('recommend', { ...favorites, count: 10 }));
  });

  it('refuses a Parquet file with other columns, a truncated one and foreign ids, keeping the model', async () => {
    await service.call('train', { config: small });
    const before = await service.call('recommend', { ...favorites, count: 5 });
    const good = await sparkDirectory('');
    const other = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'id', data: [1, 2], type: 'INT32' },
          { name: 'score', data: [0.5, 0.7], type: 'FLOAT' },
        ],
      }),
    );
    const withOther = { ...good, 'userFactors/part-00000-abc-c000.snappy.parquet': other };
    await expect(
      service.call('importModel', { files: [new File([zipSync(withOther)], 'm.zip')] }),
    ).rejects.toMatchObject({
      kind: 'input',
      message: expect.stringMatching(/has the columns id, score: a Spark ALS factor file has id and features/),
      code: 'import.spark',
    });
    const part = good['itemFactors/part-00000-abc-c000.snappy.parquet'];
    const truncated = { ...good, 'itemFactors/part-00000-abc-c000.snappy.parquet': part.subarray(0, part.length - 30) };
    await expect(
      service.call('importModel', { files: [new File([zipSync(truncated)], 'm.zip')] }),
    ).rejects.toMatchObject({
      kind: 'input',
      message: expect.stringMatching(/not a readable Parquet file|cannot read its data/),
    });
    const noMetadata = { ...good };
    delete noMetadata['metadata/part-00000'];
    delete noMetadata['metadata/.part-00000.crc'];
    await expect(
      service.call('importModel', { files: [new File([zipSync(noMetadata)], 'm.zip')] }),
    ).rejects.toMatchObject({ kind: 'input', message: expect.stringMatching(/metadata\/part-00000 is missing/) });
    const after = await service.call('recommend', { ...favorites, count: 5 });
    expect(Array.from(after.items)).toEqual(Array.from(before.items));
  });
});

describe('here → Spark', () => {
  it('writes the ALSModel directory that reads back as the same model', async () => {
    await service.call('train', { config: small });
    const ours = await service.call('recommend', { ...favorites, count: 10 });
    const { bytes } = await service.call('exportModel', { format: 'spark' });
    const entries = await listEntries([new File([bytes], 'spark-model.zip')]);
    expect(entries.map((e) => e.name).sort()).toEqual([
      'itemFactors/_SUCCESS',
      'itemFactors/part-00000-alsmovies-c000.snappy.parquet',
      'metadata/_SUCCESS',
      'metadata/part-00000',
      'userFactors/_SUCCESS',
      'userFactors/part-00000-alsmovies-c000.snappy.parquet',
    ]);
    const model = await readSparkModel(entries);
    expect(model.rank).toBe(12);
    expect(model.users.ids.length).toBe(1000);
    const back = await service.call('importModel', {
      files: [new File([bytes], 'spark-model.zip')],
      spark: { alpha: 2, regParam: 0.05 },
    });
    expect(back.adopted).toBe(true);
    // Same factors; fold-in differs (Spark's formulation), the ranking of a user's own vector does not.
    const similar = await service.call('similarItems', { item: 4, count: 5 });
    await service.call('train', { config: small });
    expect(Array.from((await service.call('similarItems', { item: 4, count: 5 })).items)).toEqual(
      Array.from(similar.items),
    );
    expect(ours.items.length).toBe(10);
  });
});
