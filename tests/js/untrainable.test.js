// Issue 11, point 5, through the worker protocol: a data set that cannot be
// trained (every rating below the threshold, or fewer than 2 users or items
// left) is refused with a message that says what is left and what to change;
// the previous data set and model stay and keep answering; the same files
// load when the threshold is lowered or turned off (loadFiles' prepare).
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { loadEngine, fileFrom, fileOf } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

const DEMO = path.resolve(import.meta.dirname, '../../public/demo');
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const small = { factors: 8, iterations: 4, regularization: 0.01, alpha: 1, seed: 7 };
const allBelowThree = 'userId,movieId,rating,timestamp\n1,10,1.0,0\n1,20,2.5,0\n2,10,2.0,0\n3,30,0.5,0\n';
const oneByOne = 'userId,movieId,rating,timestamp\n7,3,5.0,0\n';

let service;
let before; // the demo model's recommendations for a fixed favorite

beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
  await service.call('loadFiles', { files: demoFiles() });
  await service.call('train', { config: small });
  before = await service.call('recommend', { items: [0, 1], values: [5, 5], count: 5 });
});

// The demo data and model are still there, and answer as before.
async function expectPreviousKept() {
  const summary = await service.call('dataSummary');
  expect(summary.rawRatings).toBe(60000);
  const again = await service.call('recommend', { items: [0, 1], values: [5, 5], count: 5 });
  expect(Array.from(again.items)).toEqual(Array.from(before.items));
  expect(Array.from(again.scores)).toEqual(Array.from(before.scores));
}

describe('a data set that cannot be trained', () => {
  it('every rating below the threshold: refused, saying what to change, with a hint to load again', async () => {
    const refusal = service.call('loadFiles', { files: [fileOf('ratings.csv', allBelowThree)] });
    await expect(refusal).rejects.toMatchObject({
      kind: 'input',
      hint: 'threshold',
      message: 'nothing left after "rating ≥ 3": 4 ratings read, all below 3 — lower the threshold or turn it off',
    });
    await expectPreviousKept();
  });

  it('the same files load with the threshold lowered or off', async () => {
    const lowered = await service.call('loadFiles', {
      files: [fileOf('ratings.csv', allBelowThree)],
      prepare: { useThreshold: true, minValue: 1 },
    });
    expect(lowered).toMatchObject({ rawRatings: 4, keptRatings: 3, useThreshold: true, minRating: 1 });
    const off = await service.call('loadFiles', {
      files: [fileOf('ratings.csv', allBelowThree)],
      prepare: { useThreshold: false },
    });
    expect(off).toMatchObject({ rawRatings: 4, keptRatings: 4, useThreshold: false });
    await service.call('loadFiles', { files: demoFiles() }); // back to the demo (the model was trained on it)
    await expectPreviousKept();
  });

  it('a 1 x 1 set: refused whatever the threshold, without the threshold hint', async () => {
    const refusal = service.call('loadFiles', { files: [fileOf('ratings.csv', oneByOne)] });
    await expect(refusal).rejects.toMatchObject({
      kind: 'input',
      message:
        'only 1 user and 1 item in the data (1 rating): ALS needs at least 2 users and 2 items — load a data set with more users and items',
    });
    await refusal.catch((fault) => expect(fault.hint).toBeUndefined());
    await expectPreviousKept();
  });

  it('a threshold that would leave nothing is refused and the data set stays as it was', async () => {
    await expect(service.call('prepare', { useThreshold: true, minValue: 6 })).rejects.toMatchObject({
      kind: 'input',
      hint: 'threshold',
      message: expect.stringMatching(/^nothing left after "rating ≥ 6": 60,000 ratings read, all below 6/),
    });
    expect(await service.call('dataSummary')).toMatchObject({ minRating: 3, useThreshold: true });
    await expectPreviousKept();
  });
});
