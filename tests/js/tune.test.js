// The 'tune' method of the worker protocol under Node, against the real wasm
// engine: trials stream in as progress, the answer has them all with the
// test-split comparison; an iteration budget gives the native engine's very
// trials; cancel stops within a second and keeps the model; errors say why.
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
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const base = { factors: 100, regularization: 0.01, iterations: 15, alpha: 1, seed: 3, solver: 'cg', cgSteps: 3 };

function nativeTrials(iterations) {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build the native engine first (npm test does)`);
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tune-')), 'tune.json');
  const run = spawnSync(
    CLI,
    ['tune', DEMO, '--budget-iterations', String(iterations), '--seed', '3', '--threads', '2', '--json', json],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(fs.readFileSync(json, 'utf8'));
}

const described = (t) =>
  `${t.index} c${t.candidate} f${t.factors} reg${t.regularization} a${t.alpha} it${t.iterations} ${t.score}`;

describe.each([
  ['simd', 1],
  ['threads', 2],
])('tuning with the %s build', (variant, threads) => {
  let service;
  beforeAll(async () => {
    service = serviceFor(await loadEngine(variant, threads));
    await service.call('loadFiles', { files: demoFiles() });
  });

  it('streams each trial once as progress, then answers with all of them and the test-split comparison', async () => {
    const call = service.call('tune', {
      config: base,
      budgetIterations: 80,
      metric: 'ndcg',
      k: 10,
      testFraction: 0.2,
      splitSeed: 1,
    });
    const result = await call;
    const streamed = call.progress.flatMap((p) => p.trials);
    expect(result.trials.length).toBeGreaterThan(10);
    expect(streamed.map(described)).toEqual(result.trials.map(described));
    expect(result.trials.map((t) => t.index)).toEqual(result.trials.map((_, k) => k));
    expect(result.trials[1]).toMatchObject({
      tutorial: true,
      factors: 100,
      regularization: 0.01,
      alpha: 1,
      iterations: 2,
    });
    expect(result.trials.filter((t) => t.tutorial).map((t) => t.iterations)).toEqual([2, 5, 15]);
    const phases = [...new Set(call.progress.map((p) => p.phase))];
    expect(phases[0]).toBe('searching');
    expect(phases.at(-1)).toBe('done');
    expect(result.iterationsUsed).toBeLessThanOrEqual(80);
    // The best is the highest validation NDCG; the comparison trained exactly it.
    const top = Math.max(...result.trials.filter((t) => !t.error).map((t) => t.score));
    expect(result.best.score).toBe(top);
    expect(result.best.validation.ndcg).toBe(top);
    const c = result.comparison;
    expect(c.tunedSettings).toEqual({
      factors: result.best.factors,
      regularization: result.best.regularization,
      alpha: result.best.alpha,
      scaling: 'none',
      iterations: result.best.iterations,
    });
    expect(c.tutorialSettings).toEqual({
      factors: 100,
      regularization: 0.01,
      alpha: 1,
      scaling: 'none',
      iterations: 15,
    });
    for (const row of [c.tuned, c.tutorial, c.popularity]) expect(row.k).toBe(10);
    expect(c.tuned.ndcg).toBeGreaterThan(c.popularity.ndcg);
    expect(c.trainInteractions + c.testInteractions).toBe(result.trainInteractions + result.testInteractions);
    expect(result.fitInteractions + result.validationInteractions).toBe(result.trainInteractions);
  });

  it('with an iteration budget, runs the very trials of the native `als tune`', async () => {
    const native = nativeTrials(60);
    const wasm = await service.call('tune', {
      config: base,
      budgetIterations: 60,
      metric: 'precision',
      testFraction: 0.2,
      splitSeed: 1,
    });
    const key = (t) =>
      `${t.index} c${t.candidate} f${t.factors} reg${Math.fround(t.regularization)} a${Math.fround(t.alpha)} it${t.iterations} ${t.score}`;
    expect(wasm.trials.map(key)).toEqual(native.trials.map(key));
    expect(wasm.comparison.tuned.precision).toBe(native.test.tuned.precision);
  });

  it('cancels within a second, keeps the current model, and can tune again', async () => {
    await service.call('train', { config: { ...base, factors: 8, iterations: 3 } });
    const before = await service.call('modelInfo');
    const call = service.call('tune', { config: base, budgetSeconds: 120 });
    while (call.progress.filter((p) => p.trials.length > 0).length < 2) await new Promise((r) => setTimeout(r, 5));
    const asked = performance.now();
    call.cancel();
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    const stopped = performance.now() - asked;
    expect(stopped).toBeLessThan(1000);
    const after = await service.call('modelInfo');
    expect(after.factors).toBe(8);
    expect(after.loss).toEqual(before.loss);
    const again = await service.call('tune', { config: base, budgetIterations: 20 });
    expect(again.trials.length).toBeGreaterThan(0);
  });

  it('says what is wrong', async () => {
    await expect(service.call('tune', { config: base, metric: 'auc' })).rejects.toMatchObject({
      kind: 'engine',
      message: expect.stringMatching(/ndcg@K/),
    });
    await expect(service.call('tune', { config: base, budgetIterations: 1 })).rejects.toThrow(
      /no trial finished within the budget/,
    );
    await expect(service.call('tune', { config: base, testFraction: 2 })).rejects.toThrow(/test fraction/);
  });
});
