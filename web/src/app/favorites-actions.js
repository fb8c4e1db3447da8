// The visitor's favorites, kept by external item id (so they survive new
// data and retraining) with a 1-5 rating; every change refreshes the
// recommendations at once (fold-in) and is kept in IndexedDB.
import { getState, setState } from './store.js';
import { refreshPreference, refreshRecommendations } from './query-actions.js';
import * as storage from './storage.js';

function changed(favorites) {
  setState({ favorites });
  storage.save(storage.Keys.favorites, favorites);
  refreshRecommendations();
  refreshPreference();
}

export function addFavorite(index, rating = 5) {
  const { model, favorites } = getState();
  const table = model.table;
  if (!table) return;
  const id = table.ids[index];
  if (favorites.some((f) => f.id === id)) return;
  changed([...favorites, { id, title: table.titles[index], rating }]);
}

export function removeFavorite(id) {
  changed(getState().favorites.filter((f) => f.id !== id));
}

export function rateFavorite(id, rating) {
  changed(getState().favorites.map((f) => (f.id === id ? { ...f, rating } : f)));
}

export function clearFavorites() {
  changed([]);
}
