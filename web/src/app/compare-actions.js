// The Compare step: several model kinds trained one after another on the
// Evaluate step's split (its test share and K, the page's seed), each row of
// the table filled in as its model finishes; then each model's top 10 for
// the current favorites, asked of the models the comparison trained.
import { client, reportError } from './engine.js';
import { getState, update } from './store.js';
import { favoriteIndices, favoritesForEngine } from './favorites.js';
import { Match, modelMatch } from './model-match.js';
import { COMPARED_KINDS } from './state.js';

export const FOR_ME_COUNT = 10;

let comparing = null;
let comparisonRuns = 0;
let kindsAsked = null;

// The engine's kinds and their defaults (implicit's and Spark's), once.
export async function loadModelKinds() {
  if (getState().comparison.kinds || kindsAsked) return;
  kindsAsked = client.call('modelKinds');
  try {
    update('comparison', { kinds: await kindsAsked });
  } catch (e) {
    reportError(e, 'action.compare');
  } finally {
    kindsAsked = null;
  }
}

export function setComparedKind(kind, on) {
  const selected = new Set(getState().comparison.selected);
  if (on) selected.add(kind);
  else selected.delete(kind);
  update('comparison', { selected: COMPARED_KINDS.filter((k) => selected.has(k)) });
}

export function setComparedSetting(kind, name, value) {
  const settings = getState().comparison.settings;
  update('comparison', { settings: { ...settings, [kind]: { ...settings[kind], [name]: value } } });
}

// What the engine trains: ALS with the page's own settings (the tutorial's,
// or what the visitor set in step 2), the others with their defaults and the
// fields changed here.
function modelsToCompare(state) {
  const { comparison, config } = state;
  return comparison.selected.map((kind) =>
    kind === 'als' ? { kind, config: { ...config } } : { kind, ...(comparison.settings[kind] ?? {}) },
  );
}

export async function compare() {
  const state = getState();
  const { data, evaluation, config } = state;
  if (comparing || data.status !== 'ready' || state.comparison.selected.length === 0) return false;
  const asked = {
    testFraction: evaluation.testFraction,
    k: evaluation.k,
    seed: config.seed,
    dataVersion: data.version,
    id: ++comparisonRuns, // the lists asked of a run's models are keyed by it
  };
  update('comparison', { running: true, run: { asked, progress: null }, forMe: {}, similar: {} });
  comparing = client.call(
    'compare',
    { models: modelsToCompare(state), testFraction: asked.testFraction, k: asked.k, seed: asked.seed },
    {
      onProgress: (p) => {
        if (!p.models) return; // a 'waiting' notice: behind another long call
        update('comparison', { run: { asked, progress: p } });
        refreshForMe();
        refreshComparedSimilar();
      },
    },
  );
  try {
    const last = await comparing;
    update('comparison', { running: false, run: { asked, progress: last } });
    refreshForMe();
    refreshComparedSimilar();
    return true;
  } catch (e) {
    update('comparison', { running: false, run: null, forMe: {}, similar: {}, similarTo: null });
    if (e?.kind !== 'cancelled') reportError(e, 'action.compare');
    return false;
  } finally {
    comparing = null;
  }
}

// Stops the models not finished yet; the finished ones stay in the table.
export async function stopComparison() {
  if (!comparing) return;
  try {
    await client.call('skipComparedModel', { index: -1 });
  } catch (e) {
    reportError(e, 'action.compare');
  }
}

export async function skipComparedModel(index) {
  try {
    await client.call('skipComparedModel', { index });
  } catch (e) {
    reportError(e, 'action.compare');
  }
}

// Drops the comparison (new data: its models answer for other data).
export function forgetComparison() {
  comparing?.cancel();
  update('comparison', { running: false, run: null, forMe: {}, similar: {}, similarTo: null });
}

// Favorites as the comparison's data index them: the model's table, when
// the model answers for the data the comparison was run on.
function favoritesOfComparison(state) {
  const run = state.comparison.run;
  if (!run || run.asked.dataVersion !== state.data.version || modelMatch(state) !== Match.current) return null;
  const { items, values } = favoritesForEngine(state.model.table, state.favorites);
  return { items, values, key: `${Array.from(items).join(',')}:${Array.from(values).join(',')}` };
}

// Each finished model's list for the favorites, asked again when they change.
let refreshing = false;
export async function refreshForMe() {
  if (refreshing) return;
  refreshing = true;
  try {
    for (;;) {
      const state = getState();
      const favorites = favoritesOfComparison(state);
      const models = state.comparison.run?.progress?.models ?? [];
      const todo = favorites
        ? models.findIndex((m, index) => m.state === 'done' && state.comparison.forMe[index]?.key !== favorites.key)
        : -1;
      if (todo < 0) return;
      if (favorites.items.length === 0) {
        const empty = {};
        models.forEach((m, index) => {
          if (m.state === 'done') empty[index] = { key: favorites.key, items: new Int32Array(0), favorites };
        });
        update('comparison', { forMe: empty });
        return;
      }
      const list = await client.call('comparedRecommendations', {
        index: todo,
        items: favorites.items,
        values: favorites.values,
        count: FOR_ME_COUNT,
      });
      update('comparison', {
        forMe: { ...getState().comparison.forMe, [todo]: { ...list, favorites, key: favorites.key } },
      });
    }
  } catch (e) {
    reportError(e, 'action.compare');
  } finally {
    refreshing = false;
  }
}

// The item the "similar to" lists are about: the one chosen, while it is
// still a favorite, else the first favorite; -1 when there is none.
export function comparedSimilarItem(state) {
  const run = state.comparison.run;
  if (!run || run.asked.dataVersion !== state.data.version || modelMatch(state) !== Match.current) return -1;
  const favorites = favoriteIndices(state.model.table, state.favorites);
  const chosen = state.comparison.similarTo;
  return favorites.includes(chosen) ? chosen : (favorites[0] ?? -1);
}

export function chooseComparedSimilarItem(index) {
  update('comparison', { similarTo: index });
  refreshComparedSimilar();
}

// Each finished model's neighbours of that item (popularity has none), asked
// again when the item or the data change.
let refreshingSimilar = false;
export async function refreshComparedSimilar() {
  if (refreshingSimilar) return;
  refreshingSimilar = true;
  try {
    for (;;) {
      const state = getState();
      const item = comparedSimilarItem(state);
      if (item < 0) return;
      const key = `${state.comparison.run.asked.id}:${item}`;
      const models = state.comparison.run?.progress?.models ?? [];
      const todo = models.findIndex(
        (m, index) => m.state === 'done' && m.kind !== 'popular' && state.comparison.similar[index]?.key !== key,
      );
      if (todo < 0) return;
      const list = await client.call('comparedSimilar', { index: todo, item, count: FOR_ME_COUNT });
      update('comparison', { similar: { ...getState().comparison.similar, [todo]: { ...list, item, key } } });
    }
  } catch (e) {
    reportError(e, 'action.compare');
  } finally {
    refreshingSimilar = false;
  }
}
