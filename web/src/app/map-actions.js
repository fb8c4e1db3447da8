// The 2-D map of the current model: the item factors (engine: factorMatrix)
// are laid out by UMAP in the map's own worker (web/src/map/), so the engine
// keeps answering queries meanwhile, starting from the engine's PCA plane
// (embeddingMap). Large catalogs are capped to their most
// rated items (said on screen); tiny ones (too few items for a neighbour
// graph) get the engine's PCA plane. A new model replaces a layout in progress.
import { client, reportError } from './engine.js';
import { getState, update } from './store.js';
import { answerTable } from './model-match.js';
import { mapItems, NEIGHBOURS } from '../map/map-items.js';

let worker = null;
let ticket = 0;

function stopWorker() {
  worker?.terminate();
  worker = null;
}

// The Similar step's shrinkage for the map's rows, n / (n + β) (n: the
// item's users; cpp/queries/item_support.h), so that the map keeps near the
// neighbours "Similar movies" lists; null where the data set has no rule.
export function shrinkageWeights(table, items, info) {
  const beta = info?.supportShrinkage ?? 0; // 0 where the data set has no minimum support (bindings.cpp)
  if (!(beta > 0)) return null;
  const count = items ? items.length : table.count;
  const weights = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    const n = table.popularity[items ? items[r] : r] || 0;
    weights[r] = n / (n + beta);
  }
  return weights;
}

function gatherRows(values, factors, items) {
  if (!items) return values;
  const out = new Float32Array(items.length * factors);
  for (let r = 0; r < items.length; r++)
    out.set(values.subarray(items[r] * factors, (items[r] + 1) * factors), r * factors);
  return out;
}

export async function refreshEmbedding() {
  const { config } = getState();
  const table = answerTable(getState()); // only a model that answers for the data loaded now
  if (!table) return;
  const mine = ++ticket;
  stopWorker();
  const items = mapItems(table.popularity, table.count);
  update('embedding', {
    xy: null,
    items,
    total: table.count,
    method: null,
    status: 'running',
    progress: { phase: 'neighbours', fraction: 0 },
  });
  try {
    if (table.count <= NEIGHBOURS + 1) {
      const { xy } = await client.call('embeddingMap');
      if (mine === ticket) update('embedding', { xy, method: 'pca', status: 'ready', progress: null });
      return;
    }
    const [{ rows, factors, values }, { xy: plane }] = await Promise.all([
      client.call('factorMatrix', { which: 'items' }),
      client.call('embeddingMap'),
    ]);
    if (mine !== ticket) return;
    const chosen = gatherRows(values, factors, items);
    const init = gatherRows(plane, 2, items);
    const weights = shrinkageWeights(table, items, getState().model.info);
    const xy = await new Promise((resolve, reject) => {
      worker = new Worker(new URL('../map/map-worker.js', import.meta.url), { type: 'module' });
      worker.onmessage = ({ data }) => {
        if (data.progress) {
          if (mine === ticket) update('embedding', { progress: data.progress });
        } else if (data.error) reject(new Error(data.error));
        else resolve(data.xy);
      };
      worker.onerror = (e) => reject(new Error(e.message || 'the map worker failed'));
      worker.postMessage(
        {
          values: chosen,
          rows: items ? items.length : rows,
          factors,
          seed: getState().model.info?.seed ?? config.seed,
          init,
          weights,
        },
        [chosen.buffer, init.buffer, ...(weights ? [weights.buffer] : [])],
      );
    });
    if (mine !== ticket) return;
    stopWorker();
    update('embedding', { xy, method: 'umap', status: 'ready', progress: null });
  } catch (e) {
    if (mine !== ticket) return;
    stopWorker();
    update('embedding', { status: 'failed', progress: null });
    reportError(e, 'action.embedding');
  }
}
