// The wasm engine trains the very same model as the native one: same data,
// same seed -> bit-identical factors with the conjugate-gradient solver
// (fixed-order kernels, no fused multiply-add, see cpp/als/factor_kernels.h),
// for both WebAssembly variants. Cholesky goes through Eigen, whose native
// build vectorises differently: equal within a float tolerance. The item kNN
// models (whose wasm scatter kernel differs from the native loop, see
// cpp/models/item_neighbours.h): the native engine's held-out metrics on the
// same split, to the digits the CLI prints.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'build/native/als');
const DEMO = path.join(ROOT, 'public/demo');
const config = { factors: 20, regularization: 0.05, iterations: 4, alpha: 2, seed: 11 };

function nativeModel(solver) {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build the native engine first (npm test does)`);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parity-')), 'model.als');
  const run = spawnSync(
    CLI,
    [
      'train',
      DEMO,
      '--factors',
      '20',
      '--regularization',
      '0.05',
      '--iterations',
      '4',
      '--alpha',
      '2',
      '--seed',
      '11',
      '--solver',
      solver,
      '--threads',
      '2',
      '--save',
      out,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return fs.readFileSync(out);
}

// `als compare` on the demo: {kind: {precision, map, ndcg, auc}} as printed (4 decimals).
const KNN_KINDS = ['knn-bm25', 'knn-cosine', 'knn-tfidf'];
function nativeKnnMetrics() {
  const run = spawnSync(
    CLI,
    ['compare', DEMO, '--models', KNN_KINDS.join(','), '--test-fraction', '0.2', '--seed', '5', '--k', '10'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const lines = run.stdout.split('\n').filter((l) => l.startsWith('item kNN'));
  expect(lines.length).toBe(KNN_KINDS.length);
  return Object.fromEntries(
    lines.map((line, k) => {
      const [precision, map, ndcg, auc] = line.slice(24).trim().split(/\s+/).map(Number);
      return [KNN_KINDS[k], { precision, map, ndcg, auc }];
    }),
  );
}

async function factorsOf(service) {
  return [
    (await service.call('factorMatrix', { which: 'items' })).values,
    (await service.call('factorMatrix', { which: 'users' })).values,
  ];
}

describe.each([
  ['simd', 1],
  ['threads', 2],
])('the %s build', (variant, threads) => {
  let service;
  beforeAll(async () => {
    service = serviceFor(await loadEngine(variant, threads));
    await service.call('loadFiles', { files: [fileFrom(`${DEMO}/ratings.csv`), fileFrom(`${DEMO}/movies.csv`)] });
  });

  it('trains bit-identical CG factors to the native engine', async () => {
    await service.call('train', { config: { ...config, solver: 'cg' } });
    const [wasmItems, wasmUsers] = await factorsOf(service);
    await service.call('loadModel', { bytes: new Uint8Array(nativeModel('cg')) });
    const [nativeItems, nativeUsers] = await factorsOf(service);
    expect(wasmItems.length).toBe(nativeItems.length);
    expect(Buffer.from(wasmItems.buffer).equals(Buffer.from(nativeItems.buffer))).toBe(true);
    expect(Buffer.from(wasmUsers.buffer).equals(Buffer.from(nativeUsers.buffer))).toBe(true);
  });

  it('ranks the held-out items with the item kNN models as the native engine does', async () => {
    const result = await service.call('compare', {
      models: KNN_KINDS.map((kind) => ({ kind })),
      testFraction: 0.2,
      k: 10,
      seed: 5,
    });
    const native = nativeKnnMetrics();
    for (const kind of KNN_KINDS) {
      const model = result.models.find((m) => m.kind === kind);
      expect(model.state, kind).toBe('done');
      for (const metric of ['precision', 'map', 'ndcg', 'auc'])
        expect(Math.abs(model.metrics[metric] - native[kind][metric]), `${kind} ${metric}`).toBeLessThanOrEqual(5.1e-5);
    }
  });

  it('trains Cholesky factors equal to the native ones within float rounding', async () => {
    await service.call('train', { config: { ...config, solver: 'cholesky' } });
    const [wasmItems] = await factorsOf(service);
    await service.call('loadModel', { bytes: new Uint8Array(nativeModel('cholesky')) });
    const [nativeItems] = await factorsOf(service);
    let worst = 0;
    for (let k = 0; k < wasmItems.length; k++)
      worst = Math.max(worst, Math.abs(wasmItems[k] - nativeItems[k]) / (1e-3 + Math.abs(nativeItems[k])));
    expect(worst).toBeLessThan(1e-3);
  });
});
