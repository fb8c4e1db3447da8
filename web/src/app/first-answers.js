// The first card's answers, kept to be shown before the engine has started.
//
// A visit spends its first second starting the engine (worker, wasm compile,
// thread pool), reading the data and the model. The answers the card shows at
// the end of it are known beforehand in two cases:
//   - a first visit: the demo listener on the demo model, whose answers the
//     same engine computed when the site was built (scripts/demo-model.mjs,
//     next to public/demo/model.als; bundled with the page: shipped-answers.js);
//   - a restored visit: the answers the card showed last time for the kept
//     model (localStorage, storage.js: written whenever the card gets a live
//     answer; read without waiting for IndexedDB).
// Such a snapshot is shown at once, said to be one, and replaced by the live
// answer as soon as the engine gives it (the browser tests check that the two
// are the same). It is shown only while it answers the question on screen:
// the same favorites (ids and values), no "include rare items", the data
// source it was computed for, and until a model other than the one it came
// from is adopted (model-actions.js) or the engine fails.
import { getState, setState } from './store.js';
import { favoriteValue } from './favorites.js';
import { wordsOf } from './words.js';
import { modelAnswers } from './model-match.js';
import { DEMO_FAVORITES } from './demo-listener.js';
import { DEMO_SETS, pageDemoSet } from './demo-set.js';
import * as storage from './storage.js';

export const FIRST_SHOWN = 3; // the recommendations in the card
const FORMAT = 1; // the snapshot's layout

// What the snapshot answers: each favorite (by uid) and its value, in order.
export function favoritesKey(favorites) {
  return favorites.map((f) => `${f.uid}=${favoriteValue(f)}`).join('\n');
}

// The live card -> a snapshot (plain JSON), or null when there is no answer.
// table/result: the card's item table and recommendations (query-actions.js);
// model: what model it is ('demo', or the kept model's savedAt);
// source: the data source's kind ('demo' | 'files' | null).
export function snapshotOf({ table, result, favorites, words, model, source, demo = false }) {
  if (!table || !result?.explanations?.length || result.items.length === 0) return null;
  const item = (index) => ({
    id: table.ids[index],
    title: table.titles[index],
    support: table.popularity?.[index] ?? 0,
    ...(table.totals ? { total: table.totals[index] } : {}),
  });
  const explanation = result.explanations[0];
  return {
    format: FORMAT,
    model: String(model),
    source: source ?? null,
    favorites: favoritesKey(favorites),
    demo,
    words,
    items: result.items.slice(0, FIRST_SHOWN).map((index, k) => ({ ...item(index), score: result.scores[k] })),
    explanation: {
      score: explanation.score,
      rows: Array.from(explanation.items, (index, k) => ({
        ...item(index),
        value: result.favorites.values[result.favorites.items.indexOf(index)],
        contribution: explanation.contributions[k],
      })),
    },
  };
}

// Whether the engine's answer (the card's table and result) says what the
// snapshot said: the same items, scores and contributions (to 1e-6; they
// come out identical, the same engine computes them).
export function sameAnswers(snapshot, table, result) {
  const live = snapshotOf({ table, result, favorites: [], words: null, model: '' });
  if (!live || live.items.length !== snapshot.items.length) return false;
  const close = (a, b) => Math.abs(a - b) <= 1e-6;
  const rows = live.explanation.rows;
  return (
    live.items.every((e, k) => e.id === snapshot.items[k].id && close(e.score, snapshot.items[k].score)) &&
    rows.length === snapshot.explanation.rows.length &&
    rows.every(
      (r, k) =>
        r.id === snapshot.explanation.rows[k].id && close(r.contribution, snapshot.explanation.rows[k].contribution),
    )
  );
}

// A snapshot as the card's table and result: a small item table of the items
// it names (recommendations first, then the favorites of its explanation).
export function viewOf(snapshot) {
  const entries = [...snapshot.items, ...snapshot.explanation.rows];
  const table = {
    count: entries.length,
    ids: entries.map((e) => e.id),
    titles: entries.map((e) => e.title),
    popularity: entries.map((e) => e.support),
    totals: entries.every((e) => e.total !== undefined) ? entries.map((e) => e.total) : null,
    snapshot: true,
  };
  const shown = snapshot.items.length;
  const favoriteItems = snapshot.explanation.rows.map((_, k) => shown + k);
  const result = {
    items: snapshot.items.map((_, k) => k),
    scores: snapshot.items.map((e) => e.score),
    explanations: [
      {
        score: snapshot.explanation.score,
        items: favoriteItems,
        contributions: snapshot.explanation.rows.map((r) => r.contribution),
      },
    ],
    favorites: { items: favoriteItems, values: snapshot.explanation.rows.map((r) => r.value) },
    table,
  };
  return { table, result };
}

function wellFormed(snapshot) {
  return (
    snapshot?.format === FORMAT &&
    typeof snapshot.favorites === 'string' &&
    Array.isArray(snapshot.items) &&
    snapshot.items.length > 0 &&
    Array.isArray(snapshot.explanation?.rows) &&
    Array.isArray(snapshot.favoriteRecords) &&
    favoritesKey(snapshot.favoriteRecords) === snapshot.favorites
  );
}

// The snapshot the card may show now, or null.
export function shownSnapshot(state) {
  const snapshot = state.firstAnswers;
  if (!snapshot) return null;
  if (state.engine.status === 'failed') return null;
  if (state.model.table && !modelAnswers(state)) return null; // a kept model of other data than the kept data
  if (state.answers.includeRare || state.recommendations.genre) return null;
  // The data the visit is loading itself (one load); a load of the visitor's own ends it.
  if (state.data.version > snapshot.untilDataVersion) return null;
  if (state.data.source && state.data.source.kind !== snapshot.source) return null;
  if (favoritesKey(state.favorites) !== snapshot.favorites) return null;
  return snapshot;
}

// At the start of a visit: show `snapshot` until the visit's own data load is
// followed by another.
export function showFirstAnswers(snapshot) {
  setState({ firstAnswers: { ...snapshot, untilDataVersion: getState().data.version + 1 } });
}

// Called when a model is adopted: the snapshot stays only for the model it came from.
export function modelAdopted({ origin, savedAt, demoModel }) {
  const snapshot = getState().firstAnswers;
  if (!snapshot) return;
  const same = snapshot.model === 'demo' ? demoModel : origin === 'restored' && snapshot.model === String(savedAt);
  if (!same) setState({ firstAnswers: null });
}

// A demo set's favorites as its first-answers json names them.
export function demoFavoritesKey(set) {
  const space = DEMO_SETS[set].idSpace;
  return favoritesKey(DEMO_FAVORITES[set].map((f) => ({ uid: `${space}:${f.id}`, scale: 'stars', rating: f.rating })));
}

// The page's demo model's snapshot, if it is one for its demo viewer.
function demoAnswers(shipped) {
  const key = demoFavoritesKey(pageDemoSet());
  return wellFormed(shipped) && shipped.model === 'demo' && shipped.favorites === key ? shipped : null;
}

// The last visit's snapshot (storage.js), or null.
function keptAnswers() {
  const snapshot = storage.loadFirstAnswers();
  return wellFormed(snapshot) && snapshot.model !== 'demo' ? snapshot : null;
}

let provisional = false; // the favorites on screen are a snapshot's, IndexedDB not read yet

// Whether the favorites on screen may be kept: not while they stand in for
// the ones IndexedDB holds (a visitor's edit of them then stays in the page).
export function favoritesKeepable() {
  return !provisional;
}

function show(snapshot) {
  // Its favorites stand in for the kept ones until IndexedDB is read (confirmEarlyAnswers).
  provisional = true;
  setState({ favorites: snapshot.favoriteRecords });
  showFirstAnswers(snapshot);
  globalThis.performance?.mark?.('als:first-answers');
}

// At the very start of a visit, before IndexedDB is read: a browser that kept
// something shows its last answers, if they were kept; one that kept nothing
// (a first visit) the demo listener's, shipped with the page.
export function showEarlyAnswers(shipped) {
  const snapshot = storage.keptBefore() ? keptAnswers() : demoAnswers(shipped);
  if (snapshot) show(snapshot);
}

// Once IndexedDB is read: the answers shown stay only if they are this
// visit's (the demo listener's on a first visit with the tutorial's settings,
// else the kept model's). favorites: what IndexedDB kept (the truth).
export function confirmEarlyAnswers({ firstVisit, savedAt, favorites, defaultSettings }) {
  const snapshot = getState().firstAnswers;
  const edited = provisional && getState().favorites !== snapshot?.favoriteRecords; // by the visitor, meanwhile
  provisional = false;
  if (Array.isArray(favorites)) setState({ favorites });
  else if (!firstVisit) setState({ favorites: [] });
  else if (edited) storage.save(storage.Keys.favorites, getState().favorites); // a first visit: theirs now
  if (!snapshot) return;
  const ours =
    snapshot.model === 'demo'
      ? firstVisit && defaultSettings
      : savedAt !== undefined && snapshot.model === String(savedAt);
  if (!ours) {
    setState({ firstAnswers: null });
    if (snapshot.model === 'demo' && !Array.isArray(favorites)) setState({ favorites: [] });
  }
}

// After each live answer of the card: the snapshot it replaces is kept only to
// say that the engine gave the same (FirstRecommendations), never shown again.
export function liveAnswerArrived() {
  const { firstAnswers, recommendations } = getState();
  if (!firstAnswers) return;
  if (recommendations.result?.favoritesKey !== firstAnswers.favorites) setState({ firstAnswers: null });
  else if (!firstAnswers.replaced) setState({ firstAnswers: { ...firstAnswers, replaced: true } });
}

// After each live answer of the card, and after a model is kept: the card's
// answers for the kept model, to show at once next visit.
export function keepFirstAnswers() {
  const state = getState();
  const { model, recommendations, favorites } = state;
  const result = recommendations.result;
  if (!model.savedAt || !result || result.table !== model.table || recommendations.popularFallback) return;
  if (result.includeRare || result.genre || result.favoritesKey !== favoritesKey(favorites)) return;
  const snapshot = snapshotOf({
    table: model.table,
    result,
    favorites,
    words: wordsOf(state),
    model: model.savedAt,
    source: state.data.source?.kind ?? null,
    demo: favorites.every((f) => f.demo),
  });
  if (!snapshot) return;
  storage.saveFirstAnswers({ ...snapshot, favoriteRecords: favorites });
}
