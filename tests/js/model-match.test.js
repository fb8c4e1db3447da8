// The rule that keeps stale answers off the page (web/src/app/model-match.js),
// the training-time estimate that decides what trains by itself
// (training-estimate.js), the words of the data (words.js), and the demo
// listener's favorites (favorites-actions.js) against the generated demo set.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Match, modelMatch, modelAnswers, answerTable } from '../../web/src/app/model-match.js';
import { AUTO_TRAIN_SECONDS, estimateTrainingSeconds, trainingFlops } from '../../web/src/app/training-estimate.js';
import { domainOfFormat, wordsOf } from '../../web/src/app/words.js';
import { translate } from '../../web/src/i18n/index.js';
import { DEMO_LISTENER } from '../../web/src/app/demo-listener.js';
import { DEFAULT_CONFIG } from '../../web/src/app/state.js';

const table = { count: 3 };
const state = (model, data = { status: 'ready', version: 2 }) => ({
  model: { table, dataVersion: -1, acceptedVersion: -1, origin: 'trained', ...model },
  data,
});

describe('model matches data', () => {
  it('answers only with a model of the data loaded now, of no data, or one the visitor accepted', () => {
    expect(modelMatch({ model: { table: null }, data: { status: 'ready', version: 1 } })).toBe(Match.none);
    expect(modelMatch(state({ dataVersion: 2 }))).toBe(Match.current);
    expect(modelMatch(state({ dataVersion: 1 }))).toBe(Match.stale);
    expect(modelMatch(state({ dataVersion: -1, origin: 'file' }))).toBe(Match.foreign);
    expect(modelMatch(state({ dataVersion: -1, origin: 'restored' }))).toBe(Match.foreign);
    expect(modelMatch(state({ dataVersion: -1, origin: 'file', acceptedVersion: 2 }))).toBe(Match.accepted);
    expect(modelMatch(state({ dataVersion: -1, origin: 'file', acceptedVersion: 1 }))).toBe(Match.foreign);
    expect(modelMatch(state({ dataVersion: -1, origin: 'file' }, { status: 'empty', version: 0 }))).toBe(Match.ownData);
    // While new data load, the model of the data still held answers.
    expect(modelMatch(state({ dataVersion: 2 }, { status: 'loading', version: 2 }))).toBe(Match.current);
    expect(answerTable(state({ dataVersion: 1 }))).toBe(null);
    expect(answerTable(state({ dataVersion: 2 }))).toBe(table);
    expect(modelAnswers(state({ dataVersion: -1, origin: 'file' }))).toBe(false);
  });
});

describe('training estimate', () => {
  const threads = { variant: 'threads', threads: 2 };
  it('says the demo and ml-latest-small train by themselves, ML-1M and bigger wait', () => {
    const demo = { users: 1000, items: 600, interactions: 45_000 };
    const latestSmall = { users: 610, items: 8452, interactions: 81_763 };
    const oneM = { users: 6038, items: 3533, interactions: 836_478 };
    expect(estimateTrainingSeconds(demo, DEFAULT_CONFIG, threads)).toBeLessThan(1);
    expect(estimateTrainingSeconds(latestSmall, DEFAULT_CONFIG, threads)).toBeLessThan(AUTO_TRAIN_SECONDS);
    expect(estimateTrainingSeconds(oneM, DEFAULT_CONFIG, threads)).toBeGreaterThan(AUTO_TRAIN_SECONDS);
    expect(estimateTrainingSeconds(oneM, DEFAULT_CONFIG, { variant: 'simd' })).toBeGreaterThan(
      estimateTrainingSeconds(oneM, DEFAULT_CONFIG, threads),
    );
  });
  it('counts the flop model of one CG iteration, times iterations', () => {
    // 1 row, 1 entry, f = 2, 3 CG steps (4 passes): rows·2f² + rows·4·2f² + 2·nnz·4·4f = 8 + 32 + 64 = 104.
    expect(
      trainingFlops({ users: 1, items: 0, interactions: 1 }, { factors: 2, iterations: 1, cgSteps: 3, solver: 'cg' }),
    ).toBe(104);
    expect(
      trainingFlops({ users: 1, items: 0, interactions: 1 }, { factors: 2, iterations: 5, cgSteps: 3, solver: 'cg' }),
    ).toBe(520);
  });
});

describe('words of the data', () => {
  it('movies for MovieLens, music for Last.fm, items for a file of one’s own', () => {
    expect(domainOfFormat('MovieLens ratings.csv')).toBe('movies');
    expect(domainOfFormat('Last.fm plays')).toBe('music');
    expect(domainOfFormat('user,item,value ratings')).toBe('items');
    const lastfm = wordsOf({ data: { status: 'ready', summary: { format: 'Last.fm plays' } }, model: {} });
    expect(lastfm).toEqual({ domain: 'music', plays: true });
    const counts = wordsOf({
      data: { status: 'ready', summary: { format: 'user,item,value ratings', integerValues: true, maxValue: 250 } },
      model: {},
    });
    expect(counts).toEqual({ domain: 'items', plays: true });
    const stars = wordsOf({
      data: { status: 'ready', summary: { format: 'user,item,value ratings', integerValues: false, maxValue: 5 } },
      model: {},
    });
    expect(stars).toEqual({ domain: 'items', plays: false });
    expect(wordsOf({ data: { status: 'empty' }, model: { info: { format: 'Last.fm plays' } } }).domain).toBe('music');
  });
  it('every variant has both languages, and a count takes its plural form', () => {
    expect(translate('en', 'support.listeners', { count: 1 })).toBe('1 listener');
    expect(translate('en', 'support.listeners', { count: '1,234' })).toBe('1,234 listeners');
    expect(translate('ko', 'support.listeners', { count: 3 })).toBe('청취자 3명');
    expect(translate('en', 'similar.title.music')).toBe('Similar artists');
    expect(translate('ko', 'similar.title.music')).toBe('비슷한 아티스트');
  });
});

describe('the demo listener', () => {
  it('is five Sci-Fi movies of the generated demo set', () => {
    const movies = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../public/demo/movies.csv'), 'utf8')
      .split('\n');
    const genres = new Map(
      movies
        .slice(1)
        .filter(Boolean)
        .map((line) => [line.split(',')[0], line.split(',').at(-1)]),
    );
    expect(DEMO_LISTENER).toHaveLength(5);
    for (const f of DEMO_LISTENER) expect(genres.get(f.id)).toMatch(/^Sci-Fi/);
  });
});
