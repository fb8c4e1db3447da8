// The visitor's favorites (records of their own: favorites.js) with a 1-5
// rating, or for artists a like that stands for a play count; every change
// refreshes the recommendations at once (fold-in) and is kept in IndexedDB.
// Only the visitor removes a favorite — except the demo listener's, which
// make way for the visitor's own first pick (the page says so beforehand).
import { getState, setState } from './store.js';
import { refreshPreference, refreshRecommendations } from './query-actions.js';
import { answerTable } from './model-match.js';
import { favoriteFromItem, matchFavorite } from './favorites.js';
import { wordsOf } from './words.js';
import { DEMO_FAVORITES } from './demo-listener.js';
import { demoSetOfSource } from './demo-set.js';
import { favoritesKeepable } from './first-answers.js';
import * as storage from './storage.js';

let demoListenerWanted = false; // a first visit, until the demo listener comes or the visitor chooses

function changed(favorites) {
  demoListenerWanted = false; // the visitor's own choice: the demo listener does not come back
  setState({ favorites });
  if (favoritesKeepable()) storage.save(storage.Keys.favorites, favorites);
  refreshRecommendations();
  refreshPreference();
}

// The value a new favorite starts with: 5 stars, or for play counts the data
// set's median play count (what a typical listener of an artist played).
function newValue(state) {
  if (!wordsOf(state).plays) return { scale: 'stars', rating: 5 };
  const median = state.data.summary?.medianKeptValue;
  return { scale: 'plays', plays: Math.max(1, Math.round(median || 1)) };
}

export function addFavorite(index, rating) {
  const state = getState();
  const table = answerTable(state);
  if (!table || index < 0 || index >= table.count) return;
  if (state.favorites.some((f) => matchFavorite(table, f).index === index)) return;
  const value = newValue(state);
  if (rating !== undefined && value.scale === 'stars') value.rating = rating;
  const own = state.favorites.filter((f) => !f.demo);
  changed([...own, favoriteFromItem(table, index, value)]);
}

// A first visit: the next demo model gets the demo listener (if no favorites by then).
export function wantDemoListener() {
  demoListenerWanted = true;
}

// The demo listener's five favorites, when the visitor has none (first visit).
// Called when a model's table arrives, before its views are computed.
export function addDemoListener() {
  const state = getState();
  const table = answerTable(state);
  const set = demoSetOfSource(state.data.source);
  if (!demoListenerWanted || !table || !set || state.model.dataVersion !== state.data.version) return false;
  // The demo listener's favorites may be on screen already, with the answers shipped for them (first-answers.js).
  if (state.favorites.some((f) => !f.demo)) return false;
  demoListenerWanted = false;
  const favorites = DEMO_FAVORITES[set]
    .filter((f) => table.indexOfId.has(f.id))
    .map((f) => favoriteFromItem(table, table.indexOfId.get(f.id), { scale: 'stars', rating: f.rating, demo: true }));
  if (favorites.length === 0) return false;
  setState({ favorites });
  storage.save(storage.Keys.favorites, favorites);
  return true;
}

export function removeFavorite(uid) {
  changed(getState().favorites.filter((f) => f.uid !== uid));
}

export function removeDemoFavorites() {
  changed(getState().favorites.filter((f) => !f.demo));
}

export function rateFavorite(uid, rating) {
  changed(getState().favorites.map((f) => (f.uid === uid ? { ...f, rating } : f)));
}

export function setFavoritePlays(uid, plays) {
  if (!(plays > 0)) return;
  changed(getState().favorites.map((f) => (f.uid === uid ? { ...f, plays } : f)));
}

export function clearFavorites() {
  changed([]);
}
