// The first card's answers known before the engine has started
// (web/src/app/first-answers.js): what a snapshot holds and how the card
// reads it back, when it may be shown (the question on screen must be the one
// it answers), a first visit's shipped answers, a restored visit's kept ones
// (localStorage, storage.js), and when they are forgotten.
import { describe, it, expect, beforeEach } from 'vitest';
import {
  confirmEarlyAnswers,
  favoritesKey,
  favoritesKeepable,
  keepFirstAnswers,
  liveAnswerArrived,
  modelAdopted,
  sameAnswers,
  showEarlyAnswers,
  shownSnapshot,
  snapshotOf,
  viewOf,
} from '../../web/src/app/first-answers.js';
import { getState, resetState, setState, update } from '../../web/src/app/store.js';
import * as storage from '../../web/src/app/storage.js';
import { DEMO_FAVORITES, DEMO_LISTENER } from '../../web/src/app/demo-listener.js';

// localStorage as the page has it (Node has none).
function installLocalStorage() {
  const items = new Map();
  globalThis.localStorage = {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
  return items;
}

// An item table of 6 movies (what item-table.js builds, the fields a snapshot reads).
const table = {
  count: 6,
  ids: ['10', '11', '12', '13', '14', '15'],
  titles: ['Alpha (1990)', 'Beta (1991)', 'Gamma (1992)', 'Delta (1993)', 'Epsilon (1994)', 'Zeta (1995)'],
  popularity: Int32Array.from([50, 40, 30, 20, 10, 5]),
  totals: Float64Array.from([200, 150, 100, 80, 30, 12]),
};
const record = (index, rating, demo = false) => ({
  uid: `movielens:${table.ids[index]}`,
  ids: { movielens: table.ids[index] },
  title: table.titles[index],
  keys: [],
  scale: 'stars',
  rating,
  ...(demo ? { demo: true } : {}),
});
const favorites = [record(0, 5), record(3, 4)];
// recommend's answer for them: items 2, 1, 5; why item 2: favorite 3 then 0.
const result = {
  items: [2, 1, 5, 4],
  scores: [0.75, 0.5, 0.25, 0.125],
  explanations: [{ score: 0.75, items: Int32Array.from([3, 0]), contributions: Float64Array.from([0.5, 0.25]) }],
  favorites: { items: [0, 3], values: [5, 4] },
  favoritesKey: favoritesKey(favorites),
  includeRare: false,
  genre: '',
  table,
};
const words = { domain: 'movies', plays: false };
const kept = (savedAt = 1234) => ({
  ...snapshotOf({ table, result, favorites, words, model: savedAt, source: 'files' }),
  favoriteRecords: favorites,
});

beforeEach(() => {
  resetState();
  installLocalStorage();
});

describe('a snapshot of the first card', () => {
  it('holds the three recommendations and the explanation of the first, and reads back as the card shows them', () => {
    const snapshot = snapshotOf({ table, result, favorites, words, model: 'demo', source: 'demo', demo: true });
    expect(snapshot.items.map((e) => e.title)).toEqual(['Gamma (1992)', 'Beta (1991)', 'Zeta (1995)']);
    expect(snapshot.items.map((e) => e.support)).toEqual([30, 40, 5]);
    expect(snapshot.explanation.rows.map((r) => [r.title, r.value, r.contribution])).toEqual([
      ['Delta (1993)', 4, 0.5],
      ['Alpha (1990)', 5, 0.25],
    ]);
    // Through JSON (the shipped file, localStorage) and back to what the card renders.
    const { table: shown, result: answer } = viewOf(JSON.parse(JSON.stringify(snapshot)));
    expect(answer.items.map((i) => shown.titles[i])).toEqual(result.items.slice(0, 3).map((i) => table.titles[i]));
    expect(answer.items.map((i) => shown.popularity[i])).toEqual([30, 40, 5]);
    expect(answer.scores).toEqual([0.75, 0.5, 0.25]);
    const why = answer.explanations[0];
    expect(why.score).toBe(0.75);
    expect(Array.from(why.items, (i) => shown.titles[i])).toEqual(['Delta (1993)', 'Alpha (1990)']);
    expect(why.contributions).toEqual([0.5, 0.25]);
    // Each favorite's value is found by its item, as ContributionBars does.
    const valueOf = new Map(answer.favorites.items.map((item, k) => [item, answer.favorites.values[k]]));
    expect(Array.from(why.items, (i) => valueOf.get(i))).toEqual([4, 5]);
  });

  it('is none without an explained answer', () => {
    expect(snapshotOf({ table, result: { ...result, explanations: [] }, favorites, words, model: 1 })).toBe(null);
    expect(snapshotOf({ table: null, result, favorites, words, model: 1 })).toBe(null);
  });
});

describe("the engine's answer after a snapshot's", () => {
  const snapshot = snapshotOf({ table, result, favorites, words, model: 'demo', source: 'demo' });

  it('is the same when items, scores and contributions are', () => {
    expect(sameAnswers(snapshot, table, result)).toBe(true);
    expect(sameAnswers(snapshot, table, { ...result, scores: [0.75, 0.5, 0.2501, 0.125] })).toBe(false);
    expect(sameAnswers(snapshot, table, { ...result, items: [2, 5, 1, 4] })).toBe(false);
    const why = { ...result.explanations[0], contributions: Float64Array.from([0.5, 0.26]) };
    expect(sameAnswers(snapshot, table, { ...result, explanations: [why] })).toBe(false);
  });

  it('replaces it for good: kept only to say so, and dropped once the question changes', () => {
    setState({ favorites, firstAnswers: { ...snapshot, untilDataVersion: 1 } });
    update('recommendations', { result });
    liveAnswerArrived();
    expect(getState().firstAnswers.replaced).toBe(true);
    update('recommendations', { result: { ...result, favoritesKey: favoritesKey([record(0, 5)]) } });
    liveAnswerArrived();
    expect(getState().firstAnswers).toBe(null);
  });
});

describe('when the card may show it', () => {
  function showing(snapshot = kept()) {
    setState({ favorites, firstAnswers: { ...snapshot, untilDataVersion: 1 } });
    return () => shownSnapshot(getState());
  }

  it('while the question on screen is the one it answers', () => {
    const shown = showing();
    expect(shown()).not.toBe(null);
    setState({ favorites: [record(0, 5), record(3, 5)] }); // one rating changed
    expect(shown()).toBe(null);
    setState({ favorites });
    expect(shown()).not.toBe(null);
    update('answers', { includeRare: true });
    expect(shown()).toBe(null);
    update('answers', { includeRare: false });
    update('recommendations', { genre: 'Comedy' });
    expect(shown()).toBe(null);
  });

  it("until the visit's own data load is followed by another, or other data is loaded", () => {
    const shown = showing();
    update('data', { version: 1, source: { kind: 'files' } });
    expect(shown()).not.toBe(null);
    update('data', { version: 2 });
    expect(shown()).toBe(null);
    update('data', { version: 1, source: { kind: 'demo' } });
    expect(shown()).toBe(null);
  });

  it('not when the engine failed, nor once the kept model turns out to be of other data', () => {
    const shown = showing();
    update('engine', { status: 'failed' });
    expect(shown()).toBe(null);
    update('engine', { status: 'starting' });
    update('data', { status: 'ready', version: 1, source: { kind: 'files' } });
    update('model', { table, origin: 'restored', dataVersion: -1 }); // foreign: waits for the visitor
    expect(shown()).toBe(null);
    update('model', { dataVersion: 1 });
    expect(shown()).not.toBe(null);
  });

  it('only with the model it came from', () => {
    showing(kept(1234));
    modelAdopted({ origin: 'restored', savedAt: 1234, demoModel: false });
    expect(getState().firstAnswers).not.toBe(null);
    modelAdopted({ origin: 'trained', savedAt: null, demoModel: false });
    expect(getState().firstAnswers).toBe(null);
    showing({ ...kept(), model: 'demo' });
    modelAdopted({ origin: 'trained', demoModel: true });
    expect(getState().firstAnswers).not.toBe(null);
    modelAdopted({ origin: 'file', demoModel: false });
    expect(getState().firstAnswers).toBe(null);
  });
});

describe('a first visit', () => {
  // The page's default set (no ?demo=): MovieLens latest-small and the tutorial's five.
  const demoRecords = DEMO_FAVORITES.movielens.map((f) => ({
    uid: `movielens:${f.id}`,
    ids: { movielens: f.id },
    title: `Movie ${f.id}`,
    keys: [],
    scale: 'stars',
    rating: f.rating,
    demo: true,
  }));
  const shipped = {
    ...kept(),
    model: 'demo',
    source: 'demo',
    demo: true,
    favorites: favoritesKey(demoRecords),
    favoriteRecords: demoRecords,
  };

  it("shows the demo listener's shipped answers at once, and keeps them when IndexedDB holds nothing", () => {
    showEarlyAnswers(shipped);
    expect(getState().favorites).toEqual(demoRecords);
    expect(shownSnapshot(getState())?.model).toBe('demo');
    confirmEarlyAnswers({ firstVisit: true, savedAt: undefined, favorites: null, defaultSettings: true });
    expect(shownSnapshot(getState())?.model).toBe('demo');
    expect(getState().favorites).toEqual(demoRecords);
  });

  it("shows nothing for another set's viewer (the generated set's answers on the default page)", () => {
    const generated = DEMO_LISTENER.map((f) => ({ ...demoRecords[0], uid: `demo:${f.id}`, rating: f.rating }));
    showEarlyAnswers({ ...shipped, favorites: favoritesKey(generated), favoriteRecords: generated });
    expect(getState().firstAnswers).toBe(null);
  });

  it('takes them back when IndexedDB says the visitor was here (a browser from before the hint)', () => {
    showEarlyAnswers(shipped);
    confirmEarlyAnswers({ firstVisit: false, savedAt: 99, favorites, defaultSettings: true });
    expect(getState().firstAnswers).toBe(null);
    expect(getState().favorites).toEqual(favorites);
    showEarlyAnswers(shipped);
    confirmEarlyAnswers({ firstVisit: false, savedAt: 99, favorites: null, defaultSettings: true });
    expect(getState().favorites).toEqual([]); // a kept model, no favorites: none
    showEarlyAnswers(shipped);
    confirmEarlyAnswers({ firstVisit: true, favorites: null, defaultSettings: false }); // settings of their own
    expect(getState().firstAnswers).toBe(null);
    expect(getState().favorites).toEqual([]);
  });

  it('keeps no edit of the stand-in favorites before IndexedDB is read, and drops it if the visitor was here', () => {
    showEarlyAnswers(shipped);
    expect(favoritesKeepable()).toBe(false); // a removal now must not overwrite what IndexedDB holds
    setState({ favorites: demoRecords.slice(1) });
    confirmEarlyAnswers({ firstVisit: false, savedAt: 99, favorites, defaultSettings: true });
    expect(favoritesKeepable()).toBe(true);
    expect(getState().favorites).toEqual(favorites);
    showEarlyAnswers(shipped);
    setState({ favorites: demoRecords.slice(1) });
    confirmEarlyAnswers({ firstVisit: true, favorites: null, defaultSettings: true });
    expect(getState().favorites).toEqual(demoRecords.slice(1)); // a first visit: the edit is theirs
  });

  it('shows nothing shipped for other favorites, or when this browser kept something', () => {
    showEarlyAnswers({ ...shipped, favorites: favoritesKey(favorites), favoriteRecords: favorites });
    expect(getState().firstAnswers).toBe(null);
    localStorage.setItem('als-movies.kept', '1');
    showEarlyAnswers(shipped);
    expect(getState().firstAnswers).toBe(null);
    expect(getState().favorites).toEqual([]);
  });
});

describe('a restored visit', () => {
  function liveCard(savedAt) {
    setState({ favorites });
    update('data', { status: 'ready', version: 1, source: { kind: 'files' } });
    update('model', { table, savedAt, dataVersion: 1, origin: 'trained' });
    update('recommendations', { result, popularFallback: false });
  }

  it('shows the answers kept with the kept model at once, the same as the live ones', () => {
    liveCard(1234);
    keepFirstAnswers();
    const live = snapshotOf({ table, result, favorites, words, model: 1234, source: 'files' });
    resetState(); // the next visit
    showEarlyAnswers(null);
    expect(getState().favorites).toEqual(favorites);
    const shown = shownSnapshot(getState());
    expect({ items: shown.items, explanation: shown.explanation }).toEqual({
      items: live.items,
      explanation: live.explanation,
    });
    confirmEarlyAnswers({ firstVisit: false, savedAt: 1234, favorites, defaultSettings: true });
    expect(shownSnapshot(getState())).not.toBe(null);
  });

  it('not for another kept model, nor an answer that was not for the favorites on screen', () => {
    liveCard(1234);
    keepFirstAnswers();
    resetState();
    showEarlyAnswers(null);
    confirmEarlyAnswers({ firstVisit: false, savedAt: 5678, favorites, defaultSettings: true });
    expect(getState().firstAnswers).toBe(null);

    installLocalStorage();
    liveCard(1234);
    setState({ favorites: [record(0, 5)] }); // changed while the answer for the two was on its way
    keepFirstAnswers();
    expect(storage.loadFirstAnswers()).toBe(null);
    liveCard(null); // a model not kept (yet)
    keepFirstAnswers();
    expect(storage.loadFirstAnswers()).toBe(null);
  });

  it('forgets them the moment what they answer for is kept anew', () => {
    liveCard(1234);
    keepFirstAnswers();
    expect(storage.loadFirstAnswers()?.model).toBe('1234');
    storage.save(storage.Keys.favorites, favorites); // no IndexedDB here: forgotten all the same
    expect(storage.loadFirstAnswers()).toBe(null);
    keepFirstAnswers();
    storage.save(storage.Keys.config, {}); // the settings are not what they answer for
    expect(storage.loadFirstAnswers()?.model).toBe('1234');
    storage.save(storage.Keys.model, {});
    expect(storage.loadFirstAnswers()).toBe(null);
  });

  it('"Forget saved work" forgets them and that anything was kept: the next visit is a first one', async () => {
    liveCard(1234);
    keepFirstAnswers();
    expect(storage.keptBefore()).toBe(true);
    await storage.clearAll();
    expect(storage.loadFirstAnswers()).toBe(null);
    expect(storage.keptBefore()).toBe(false);
  });
});
