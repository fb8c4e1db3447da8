// The 'compare' method of the worker protocol under Node, against the real
// wasm engine: each model's state and results stream in as progress, the
// answer has every model with the same split as 'evaluate', one model can
// be skipped, the rest stopped, and each model lists items for favorites.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = path.join(ROOT, 'public/demo');
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const als = { factors: 16, regularization: 0.01, iterations: 5, alpha: 1, seed: 3, solver: 'cg', cgSteps: 3 };

describe.each([
  ['simd', 1],
  ['threads', 2],
])('comparing models with the %s build', (variant, threads) => {
  let service;
  beforeAll(async () => {
    service = serviceFor(await loadEngine(variant, threads));
    await service.call('loadFiles', { files: demoFiles() });
  });

  it('offers every kind with its library defaults', async () => {
    const kinds = await service.call('modelKinds');
    const byName = Object.fromEntries(kinds.map((k) => [k.kind, k]));
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining(['als', 'explicit-als', 'bpr', 'lmf', 'knn-cosine', 'knn-tfidf', 'knn-bm25', 'popular']),
    );
    expect(byName.bpr.defaults).toMatchObject({ factors: 100, iterations: 100 });
    // Float settings come as typed (1.2, not 1.2000000476837158), so a form field shows implicit's value.
    expect(byName['knn-bm25'].defaults).toEqual({ neighbours: 20, bm25_k1: 1.2, bm25_b: 0.75 });
    expect(byName.bpr.defaults).toMatchObject({ learning_rate: 0.01, regularization: 0.01 });
    expect(byName['explicit-als'].predictsRatings).toBe(true);
  });

  it('streams each model as it finishes and scores ALS as the Evaluate step does', async () => {
    const call = service.call('compare', {
      models: [
        { kind: 'als', config: als },
        { kind: 'explicit-als', iterations: 5 },
        { kind: 'knn-bm25' },
        { kind: 'bpr', factors: 16, iterations: 10, learning_rate: 0.05 },
      ],
      testFraction: 0.2,
      k: 10,
      seed: 3,
    });
    const result = await call;
    expect(result.done).toBe(true);
    expect(result.models.map((m) => m.kind)).toEqual(['popular', 'als', 'explicit-als', 'knn-bm25', 'bpr']);
    for (const m of result.models) {
      expect(m.state).toBe('done');
      for (const key of ['precision', 'map', 'ndcg', 'auc']) expect(Number.isFinite(m.metrics[key])).toBe(true);
    }
    // Results arrive one model at a time: some progress had popularity done and ALS not yet.
    expect(call.progress.some((p) => p.models?.[0].state === 'done' && p.models[1].state !== 'done')).toBe(true);
    const rating = result.models[2];
    expect(rating.ratingErrors.rmse).toBeGreaterThan(0);
    expect(rating.ratingErrors.rmse).toBeLessThan(2);
    expect(result.models[1].ratingErrors).toBeUndefined();
    expect(result.models[3].explainable).toBe(true);
    expect(result.models[4].explainable).toBe(false);

    const evaluated = await service.call('evaluate', { config: als, testFraction: 0.2, k: 10, seed: 3 });
    expect(result.models[1].metrics.precision).toBeCloseTo(evaluated.model.precision, 6);
    expect(result.models[0].metrics.precision).toBeCloseTo(evaluated.popularity.precision, 9);
    expect(result.testInteractions).toBe(evaluated.testInteractions);

    // Each model's list for favorites: liked items filtered; explanations sum to the score where exact.
    const items = Int32Array.from([0, 1, 2]);
    const values = Float32Array.from([5, 4, 5]);
    for (let index = 0; index < result.models.length; index++) {
      const list = await service.call('comparedRecommendations', { index, items, values, count: 10 });
      expect(list.items.length).toBe(10);
      for (const item of list.items) expect([0, 1, 2]).not.toContain(item);
      if (result.models[index].explainable) {
        list.explanations.forEach((e, r) => {
          const sum = Array.from(e.contributions).reduce((a, b) => a + b, 0);
          expect(sum).toBeCloseTo(list.scores[r], 3);
        });
      }
    }

    // Each model's neighbours of one item: itself left out, best first; popularity has none and says so.
    await expect(service.call('comparedSimilar', { index: 0, item: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/Popularity has no similar items/i),
    });
    const lists = [];
    for (let index = 1; index < result.models.length; index++) {
      const list = await service.call('comparedSimilar', { index, item: 0, count: 10 });
      expect(list.items.length, result.models[index].kind).toBe(10);
      expect(Array.from(list.items)).not.toContain(0);
      for (let r = 1; r < list.scores.length; r++) expect(list.scores[r]).toBeLessThanOrEqual(list.scores[r - 1]);
      lists.push(Array.from(list.items));
    }
    // Different kinds, different neighbours (the lists are the models' own, not one list shown four times).
    expect(new Set(lists.map((l) => l.join(','))).size).toBeGreaterThan(1);
    await expect(service.call('comparedSimilar', { index: 9, item: 0 })).rejects.toMatchObject({
      message: expect.stringMatching(/no compared model 9/),
    });
  });

  it('skips one model, stops the rest, and keeps what is done', async () => {
    const call = service.call('compare', {
      models: [
        { kind: 'knn-cosine' },
        { kind: 'bpr', factors: 32, iterations: 10000 },
        { kind: 'als', config: { ...als, factors: 64, iterations: 1000 } },
      ],
      testFraction: 0.2,
      k: 10,
      seed: 3,
    });
    while (!call.progress.some((p) => p.models?.[2].state === 'training')) await new Promise((r) => setTimeout(r, 5));
    await service.call('skipComparedModel', { index: 2 });
    while (!call.progress.some((p) => p.models?.[3].state === 'training')) await new Promise((r) => setTimeout(r, 5));
    await service.call('skipComparedModel', { index: -1 });
    const result = await call;
    expect(result.models.map((m) => m.state)).toEqual(['done', 'done', 'skipped', 'skipped']);
  });

  it('says why a model cannot be trained, and the others go on', async () => {
    const result = await service.call('compare', {
      models: [{ kind: 'bpr', learning_rate: -1 }, { kind: 'knn-tfidf', neighbours: 0 }, { kind: 'knn-cosine' }],
      testFraction: 0.2,
      k: 5,
      seed: 1,
    });
    expect(result.models.map((m) => m.state)).toEqual(['done', 'failed', 'failed', 'done']);
    expect(result.models[1]).toMatchObject({ code: 'compare.settings' });
    expect(result.models[1].error).toMatch(/learning rate/i);
    expect(result.models[2].error).toMatch(/K|neighbours/);
    await expect(service.call('compare', { models: [{ kind: 'nope' }] })).rejects.toThrow(/no model kind/);
  });

  it('cancels, and a load is never held behind it', async () => {
    const call = service.call('compare', {
      models: [{ kind: 'bpr', factors: 32, iterations: 10000 }],
      testFraction: 0.2,
      k: 10,
      seed: 3,
    });
    while (!call.progress.some((p) => p.models?.[1].state === 'training')) await new Promise((r) => setTimeout(r, 5));
    call.cancel();
    await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
    const summary = await service.call('loadFiles', { files: demoFiles() });
    expect(summary.users).toBeGreaterThan(0);
  });
});
