// Quick questions to the current model: recommendations for the favorites
// (fold-in), similar items, the predicted preference, the 2-D map. Each view
// keeps the answer to its latest question only, and asks nothing while the
// model does not answer for the data loaded now (model-match.js). Similar
// items and recommendations leave out items below the minimum support
// (cpp/queries/item_support.h) unless "include rare items" is on.
import { client, reportError } from './engine.js';
import { getState, update } from './store.js';
import { itemsWithGenre } from './item-table.js';
import { favoritesForEngine } from './favorites.js';
import { answerTable } from './model-match.js';
import { refreshEmbedding } from './map-actions.js';
import { favoritesKey, keepFirstAnswers, liveAnswerArrived } from './first-answers.js';

const latest = { recommendations: 0, similar: 0, preference: 0 };

// -1: the engine's default rule; 0: every item.
function minSupport() {
  return getState().answers.includeRare ? 0 : -1;
}

function mark(name) {
  globalThis.performance?.mark?.(`als:${name}`);
}

export async function refreshViews() {
  refreshEmbedding(); // seconds of layout for a large catalog, in its own worker: not waited for
  await Promise.all([refreshRecommendations(), refreshSimilar(), refreshPreference()]);
}

export async function refreshRecommendations() {
  const table = answerTable(getState());
  if (!table) return;
  const ticket = ++latest.recommendations;
  const { favorites, recommendations } = getState();
  const { items, values } = favoritesForEngine(table, favorites);
  const asked = favoritesKey(favorites);
  const genre = recommendations.genre && table.genreList.includes(recommendations.genre) ? recommendations.genre : '';
  const candidates = genre ? itemsWithGenre(table, genre) : null;
  update('recommendations', { loading: true });
  try {
    let result;
    if (items.length === 0) {
      // No favorites yet: the most popular items (of the genre), said plainly.
      const exclude = null;
      const popular = await client.call('popular', { count: genre ? table.count : recommendations.count, exclude });
      let picked = [...popular.items];
      if (candidates) {
        const allowed = new Set(candidates);
        picked = picked.filter((i) => allowed.has(i));
      }
      picked = picked.slice(0, recommendations.count);
      result = {
        items: picked,
        scores: picked.map((i) => table.popularity[i]),
        explanations: null,
        favorites: null,
        genre,
        table,
      };
    } else {
      const support = minSupport();
      const answer = await client.call('recommend', {
        items,
        values,
        count: recommendations.count,
        candidates,
        minSupport: support,
      });
      result = {
        items: [...answer.items],
        scores: [...answer.scores],
        explanations: answer.explanations,
        favorites: { items: [...items], values: [...values] },
        favoritesKey: asked, // the records asked for (first-answers.js)
        includeRare: support === 0,
        genre,
        table,
      };
      mark('recommended');
    }
    if (ticket !== latest.recommendations) return;
    update('recommendations', { result, loading: false, popularFallback: items.length === 0 });
    liveAnswerArrived();
    keepFirstAnswers();
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

// "Include rare items": the tutorial's raw output, for similar items and recommendations.
export function setIncludeRare(includeRare) {
  update('answers', { includeRare });
  refreshRecommendations();
  refreshSimilar();
}

export async function refreshSimilar() {
  const { similar } = getState();
  const table = answerTable(getState());
  if (!table || similar.id === null) return;
  const ticket = ++latest.similar;
  const item = table.indexOfId.get(similar.id);
  if (item === undefined) {
    update('similar', { result: null, missing: true });
    return;
  }
  try {
    const answer = await client.call('similarItems', { item, count: similar.count ?? 10, minSupport: minSupport() });
    if (ticket !== latest.similar) return;
    update('similar', {
      result: { item, items: [...answer.items], scores: [...answer.scores], table },
      missing: false,
    });
  } catch (e) {
    reportError(e, 'action.similar');
  }
}

// Any item clicked anywhere: show its neighbours in "Similar movies".
export function showSimilar(index, { scroll = false } = {}) {
  const table = answerTable(getState());
  if (!table || index < 0 || index >= table.count) return;
  update('similar', { id: table.ids[index] });
  refreshSimilar();
  if (scroll) document.getElementById('step-similar')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export async function refreshPreference() {
  const { favorites, preference } = getState();
  const table = answerTable(getState());
  if (!table || preference.id === null) return;
  const ticket = ++latest.preference;
  const item = table.indexOfId.get(preference.id);
  if (item === undefined) {
    update('preference', { result: null });
    return;
  }
  const { items, values } = favoritesForEngine(table, favorites);
  if (items.length === 0) {
    update('preference', { result: { item, noFavorites: true, table } });
    return;
  }
  try {
    const [pref, explanation] = await Promise.all([
      client.call('predictedPreference', { items, values, item }),
      client.call('explain', { items, values, item }),
    ]);
    if (ticket !== latest.preference) return;
    update('preference', {
      result: { item, score: pref.score, explanation, favorites: { items: [...items], values: [...values] }, table },
    });
  } catch (e) {
    reportError(e, 'action.preference');
  }
}

export function showPreference(index) {
  const table = answerTable(getState());
  if (!table) return;
  update('preference', { id: table.ids[index] });
  refreshPreference();
}
