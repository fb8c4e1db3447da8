// Engine failure messages of a known shape, in the page's language
// (web/src/i18n/engine-messages.js): "no ratings file found", which lists what
// each file holds, as the wasm engine gives it for files that hold no ratings;
// read back in English word for word, and in Korean with only file names and
// the engine's quoted names left in Latin letters.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { loadEngine, fileFrom, fileOf } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import { describeEngineMessage } from '../../web/src/i18n/engine-messages.js';
import { translate } from '../../web/src/i18n/index.js';
import { faultText } from '../../web/src/app/fault-text.js';

const tEn = (key, values) => translate('en', key, values);
const tKo = (key, values) => translate('ko', key, values);
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/formats');

let service;
beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
});

const failureOf = (files) =>
  service.call('loadFiles', { files }).then(
    () => null,
    (e) => e,
  );

// What is left of a Korean message once the file names are taken out.
const englishWords = (text, names) => {
  let rest = text;
  for (const name of names) rest = rest.split(name).join(' ');
  return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter(
    (w) => !['PNG', 'MovieLens', 'README', 'txt', 'user', 'item', 'value', 'title'].includes(w),
  );
};

describe('no ratings file found', () => {
  const cases = [
    ['an image', () => [fileFrom(path.join(FIXTURES, 'unknown/poster.png'))], ['poster.png']],
    ['titles alone', () => [fileFrom(path.join(FIXTURES, 'ml-latest-small/movies.csv'))], ['movies.csv']],
    [
      'several files, none of them ratings',
      () => [
        fileFrom(path.join(FIXTURES, 'unknown/poster.png')),
        fileOf('README.txt', 'Summary\n=======\nThis data set holds movies.\n'),
        fileFrom(path.join(FIXTURES, 'ml-latest-small/movies.csv')),
        fileOf('notes.csv', 'a;b\n1;2\n'),
      ],
      ['poster.png', 'README.txt', 'movies.csv', 'notes.csv'],
    ],
  ];

  for (const [what, files, names] of cases) {
    it(`${what}: the same English, and Korean`, async () => {
      const error = await failureOf(files());
      expect(error?.message).toMatch(/^no ratings file found/);
      expect(describeEngineMessage(tEn, error.message)).toBe(error.message);
      const ko = faultText('ko', error);
      expect(ko).not.toBe(error.message);
      expect(englishWords(ko, names), `${error.message}\n${ko}`).toEqual([]);
    });
  }

  it('a description that holds "; " stays one entry', () => {
    const message =
      'no ratings file found among 2 files; a.csv: a.csv does not have the MovieLens columns; found 2 columns of numbers; expected user,item,value ratings or item,title names; b.png: looks like binary data (PNG image)';
    expect(describeEngineMessage(tEn, message)).toBe(message);
    expect(describeEngineMessage(tKo, message)).toMatch(/^파일 2개 중에 평점 파일이 없습니다\. a\.csv: .+; b\.png: /);
    expect(describeEngineMessage(tKo, 'the engine stopped')).toBe(null);
  });
});
