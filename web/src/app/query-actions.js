// Quick questions to the current model: recommendations for the favorites
// (fold-in), similar movies, the predicted preference, the 2-D map. Each
// view keeps the answer to its latest question only.
import { client, reportError } from './engine.js';
import { getState, update } from './store.js';
import { favoritesForEngine, itemsWithGenre } from './item-table.js';
import { refreshEmbedding } from './map-actions.js';

const latest = { recommendations: 0, similar: 0, preference: 0 };

function hasModel() {
  return Boolean(getState().model.table);
}

export async function refreshViews() {
  refreshEmbedding();  // seconds of layout for a large catalog, in its own worker: not waited for
  await Promise.all([refreshRecommendations(), refreshSimilar(), refreshPreference()]);
}

export async function refreshRecommendations() {
  if (!hasModel()) return;
  const ticket = ++latest.recommendations;
  const { model, favorites, recommendations } = getState();
  const { table } = model;
  const { items, values } = favoritesForEngine(table, favorites);
  const genre = recommendations.genre && table.genreList.includes(recommendations.genre) ? recommendations.genre : '';
  const candidates = genre ? itemsWithGenre(table, genre) : null;
  update('recommendations', { loading: true });
  try {
    let result;
    if (items.length === 0) {
      // No favorites yet: the most popular movies (of the genre), said plainly.
      const exclude = null;
      const popular = await client.call('popular', { count: genre ? table.count : recommendations.count, exclude });
      let picked = [...popular.items];
      if (candidates) {
        const allowed = new Set(candidates);
        picked = picked.filter((i) => allowed.has(i));
      }
      picked = picked.slice(0, recommendations.count);
      result = { items: picked, scores: picked.map((i) => table.popularity[i]), explanations: null, favorites: null, genre };
    } else {
      const answer = await client.call('recommend', { items, values, count: recommendations.count, candidates });
      result = { items: [...answer.items], scores: [...answer.scores], explanations: answer.explanations, favorites: { items: [...items], values: [...values] }, genre };
    }
    if (ticket !== latest.recommendations) return;
    update('recommendations', { result, loading: false, popularFallback: items.length === 0 });
  } catch (e) {
    if (ticket !== latest.recommendations) return;
    update('recommendations', { loading: false });
    reportError(e, 'action.recommend');
  }
}

export function setRecommendationOptions(patch) {
  update('recommendations', patch);
  refreshRecommendations();
}

export async function refreshSimilar() {
  const { model, similar } = getState();
  if (!hasModel() || similar.id === null) return;
  const ticket = ++latest.similar;
  const item = model.table.indexOfId.get(similar.id);
  if (item === undefined) {
    update('similar', { result: null, missing: true });
    return;
  }
  try {
    const answer = await client.call('similarItems', { item, count: similar.count ?? 10 });
    if (ticket !== latest.similar) return;
    update('similar', { result: { item, items: [...answer.items], scores: [...answer.scores] }, missing: false });
  } catch (e) {
    reportError(e, 'action.similar');
  }
}

// Any movie clicked anywhere: show its neighbours in "Similar movies".
export function showSimilar(index, { scroll = false } = {}) {
  const { table } = getState().model;
  if (!table || index < 0 || index >= table.count) return;
  update('similar', { id: table.ids[index] });
  refreshSimilar();
  if (scroll) document.getElementById('step-similar')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export async function refreshPreference() {
  const { model, favorites, preference } = getState();
  if (!hasModel() || preference.id === null) return;
  const ticket = ++latest.preference;
  const { table } = model;
  const item = table.indexOfId.get(preference.id);
  if (item === undefined) {
    update('preference', { result: null });
    return;
  }
  const { items, values } = favoritesForEngine(table, favorites);
  if (items.length === 0) {
    update('preference', { result: { item, noFavorites: true } });
    return;
  }
  try {
    const [pref, explanation] = await Promise.all([
      client.call('predictedPreference', { items, values, item }),
      client.call('explain', { items, values, item }),
    ]);
    if (ticket !== latest.preference) return;
    update('preference', { result: { item, score: pref.score, explanation, favorites: { items: [...items], values: [...values] } } });
  } catch (e) {
    reportError(e, 'action.preference');
  }
}

export function showPreference(index) {
  const { table } = getState().model;
  if (!table) return;
  update('preference', { id: table.ids[index] });
  refreshPreference();
}

