// Faults with a code are shown in the visitor's language, with their sizes
// and ratio formatted; every code the zip reader uses has both languages.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import en from '../../web/src/i18n/en.js';
import ko from '../../web/src/i18n/ko.js';
import { faultText, formatSize } from '../../web/src/app/fault-text.js';

const codesIn = (file) =>
  [
    ...fs
      .readFileSync(path.resolve(import.meta.dirname, '../../web/src/engine', file), 'utf8')
      .matchAll(/code: '(\w+)'/g),
  ].map((m) => m[1]);

describe('faultText', () => {
  it('has an English and a Korean text for every code the reader and the service use', () => {
    const codes = new Set([
      ...codesIn('zip-archive.js'),
      ...codesIn('engine-service.js'),
      'zipBomb',
      'zipBombDeclared',
    ]);
    expect(codes.size).toBeGreaterThanOrEqual(10);
    for (const code of codes) {
      expect(en[`fault.${code}`], code).toBeTypeOf('string');
      expect(ko[`fault.${code}`], code).toBeTypeOf('string');
    }
  });

  it('names the entry, its sizes and the ratio of a bomb, in English and Korean', () => {
    const fault = {
      code: 'zipBombDeclared',
      message: 'English from the worker',
      params: {
        archive: 'ml-bomb.zip',
        entry: 'ml-bomb/ratings.dat',
        compressed: 2_086_913,
        inflated: 2_147_483_667,
        ratio: 1029.02,
        limit: 100,
      },
    };
    expect(faultText('en', fault)).toBe(
      'ml-bomb.zip: ml-bomb/ratings.dat says it inflates from 2.09 MB to 2.15 GB (1,029 : 1). ' +
        'Real data compress about 3–5 : 1; above 100 : 1 it is a zip bomb, refused without inflating it.',
    );
    const korean = faultText('ko', fault);
    expect(korean).toContain('ml-bomb/ratings.dat');
    expect(korean).toContain('2.09 MB');
    expect(korean).toContain('2.15 GB');
    expect(korean).toContain('1,029 : 1');
    expect(korean).toMatch(/압축 폭탄/);
  });

  it('says which entry of a corrupt zip, when it knows', () => {
    expect(faultText('en', { code: 'zipCorrupt', params: { archive: 'a.zip', entry: 'a/ratings.csv' } })).toBe(
      'a.zip is corrupt and cannot be read (a/ratings.csv). Download it again.',
    );
    expect(faultText('en', { code: 'zipCorrupt', params: { archive: 'a.zip' } })).toBe(
      'a.zip is corrupt and cannot be read. Download it again.',
    );
  });

  it('shows the engine message when there is no code, or one the tables do not know', () => {
    expect(faultText('ko', { message: 'ratings.csv: not a number' })).toBe('ratings.csv: not a number');
    expect(faultText('en', { code: 'somethingNew', message: 'as said' })).toBe('as said');
  });

  it('formats sizes as the engine does', () => {
    expect(formatSize(73_537)).toBe('0.07 MB');
    expect(formatSize(254_000_000)).toBe('254 MB');
    expect(formatSize(2 * 2 ** 30)).toBe('2.15 GB');
  });
});
