// The engine's refusals that carry a code (cpp/core/fault_code.h): too little
// to train, too little memory, a damaged or foreign model file. Made by the
// wasm engine under Node and read back as the page shows them: in English with
// the engine's numbers, and in Korean with no English sentence left.
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine, fileOf } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import { faultText, formatSize } from '../../web/src/app/fault-text.js';
import { FaultKind } from '../../web/src/engine/protocol.js';

const DEMO_MODEL = path.resolve(import.meta.dirname, '../../public/demo/model.als');

let module;
let service;
beforeAll(async () => {
  module = await loadEngine('simd');
  service = serviceFor(module);
});

const failureOf = (promise) =>
  promise.then(
    () => null,
    (e) => e,
  );

// Latin words of three letters or more that are left in a Korean text, once
// what is data or a name (file names, ALS, ALSMODEL, implicit, .npz, Spark) is taken out.
const englishWords = (text, keep = []) => {
  let rest = text;
  for (const name of keep) rest = rest.split(name).join(' ');
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter(
    (w) => !['ALS', 'ALSMODEL', 'npz', 'Spark', 'implicit'].includes(w),
  );
};

const ratingsDat = (rows) => fileOf('ratings.dat', rows.map((r) => `${r.join('::')}::978300760`).join('\n') + '\n');

describe('too little to train', () => {
  const cases = [
    [
      'everything below the threshold',
      [
        [1, 1, 1],
        [1, 2, 2],
        [2, 1, 2],
      ],
      'untrainable.nothingKept',
      'Nothing left after "rating ≥ 3": 3 ratings read, all below 3 — lower the threshold or turn it off.',
    ],
    [
      'one user',
      [
        [7, 1, 5],
        [7, 2, 4],
        [7, 3, 3],
      ],
      'untrainable.tooFew',
      'Only 1 user and 3 items in the data (3 ratings): ALS needs at least 2 users and 2 items — load a data set with more users and items.',
    ],
    [
      'one user left after the threshold',
      [
        [1, 9, 5],
        [2, 9, 1],
        [2, 8, 2],
      ],
      'untrainable.tooFewKept',
      'Only 1 user and 1 item left after "rating ≥ 3" (1 of 3 ratings kept): ALS needs at least 2 users and 2 items — lower the threshold or turn it off.',
    ],
  ];
  for (const [what, rows, code, english] of cases) {
    it(`${what}: ${code}, in English and Korean`, async () => {
      const error = await failureOf(service.call('loadFiles', { files: [ratingsDat(rows)] }));
      expect(error?.kind).toBe(FaultKind.input);
      expect(error.code).toBe(code);
      expect(faultText('en', error)).toBe(english);
      expect(english.toLowerCase()).toBe(`${error.message}.`.toLowerCase()); // the engine's own words
      const korean = faultText('ko', error);
      expect(englishWords(korean), korean).toEqual([]);
      expect(korean).toMatch(/ALS|기준/);
    });
  }

  it('the Korean sentence carries the counts', async () => {
    const rows = [
      [1, 9, 5],
      [2, 9, 1],
      [2, 8, 2],
    ];
    const korean = faultText('ko', await failureOf(service.call('loadFiles', { files: [ratingsDat(rows)] })));
    expect(korean).toContain('사용자 1명');
    expect(korean).toContain('아이템 1개');
    expect(korean).toContain('평점 ≥ 3');
    expect(korean).toContain('평점 3개 중 1개');
  });
});

describe('too little memory', () => {
  it('files too big for the tab: sizes in the page language', () => {
    const engine = new module.Engine();
    const check = engine.checkLoad(9e9, 'MovieLens ratings.csv', 0);
    engine.delete();
    expect(check.fits).toBe(false);
    expect(check.code).toBe('memory.load');
    const fault = { code: check.code, params: { ...check.params, files: 'ratings.csv' }, message: check.message };
    const english = faultText('en', fault);
    expect(english).toMatch(
      /^ratings\.csv: loading these files needs about [\d.]+ GB of memory \(0 MB held now \+ [\d.]+ GB\), more than the 3\.6 GB this browser tab can give\./,
    );
    // The same sizes as the engine's own English.
    for (const size of ['needed', 'peak']) {
      expect(english).toContain(formatSize(check.params[size]));
      expect(check.message).toContain(`${(check.params[size] / 1e9).toFixed(2)} GB`);
    }
    const korean = faultText('ko', fault);
    expect(englishWords(korean, ['ratings.csv']), korean).toEqual([]);
    expect(korean).toContain('3.6 GB');
  });
});

describe('a model file that cannot be used', () => {
  const demo = new Uint8Array(fs.readFileSync(DEMO_MODEL));
  const cases = [
    ['not a model file', new TextEncoder().encode('user_factors,item_factors\n1,2\n'), 'model.notOurs'],
    ['cut short', demo.subarray(0, demo.length - 1000), 'model.checksum'],
    ['a newer version', Uint8Array.from(demo, (b, i) => (i === 8 ? 9 : b)), 'model.newer'],
  ];
  for (const [what, bytes, code] of cases) {
    it(`${what}: ${code}, an input fault worded in Korean`, async () => {
      const error = await failureOf(service.call('loadModel', { bytes }));
      expect(error?.kind).toBe(FaultKind.input);
      expect(error.code).toBe(code);
      const english = faultText('en', error);
      expect(english).not.toBe(`fault.${code}`);
      expect(english).toMatch(/^[A-Z].*[.?]$/);
      const korean = faultText('ko', error);
      expect(englishWords(korean), korean).toEqual([]);
    });
  }

  it('a newer version says which versions', async () => {
    const error = await failureOf(
      service.call('loadModel', { bytes: Uint8Array.from(demo, (b, i) => (i === 8 ? 9 : b)) }),
    );
    expect(faultText('en', error)).toContain('version 9, newer than this app (it reads version 1)');
  });
});
