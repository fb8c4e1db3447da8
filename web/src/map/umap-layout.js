// A 2-D layout that keeps neighbours together: UMAP (McInnes, Healy &
// Melville 2018, the umap-js implementation) over the exact cosine
// k-nearest-neighbour graph of the item factors. Deterministic for a seed:
// umap-js draws every random number from the generator it is given.
//
// Started from the PCA plane (as umap-learn's init="pca" does) rather than
// umap-js's random start: on ml-latest-small (8,452 items) 100 epochs from
// PCA keep more neighbours (0.49) than 200 from a random start (0.45), in
// 60% of the time. umap-js has no init option: the start is written into
// its embedding after initializeFit (umap-js 1.4; the tests check the result).
import { UMAP } from 'umap-js';
import { cosineNeighbours } from './neighbour-graph.js';
import { NEIGHBOURS } from './map-items.js';

export { NEIGHBOURS };
const MIN_DIST = 0.1; // UMAP's default
const INIT_SPREAD = 10; // umap-js's random start spans [-10, 10]

// Epochs: umap-js's own choice for small catalogs, 100 from the PCA start above 5,000 items.
function epochsFor(rows, init) {
  return init && rows > 5000 ? 100 : undefined;
}

// mulberry32: a small, fast 32-bit generator; the same seed, the same stream.
export function seededRandom(seed) {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// values: Float32Array rows × factors; init: the rows' PCA plane (x0, y0, ...), or null for
// a random start. onProgress({ phase: 'neighbours' | 'layout', fraction }).
// -> Float32Array x0, y0, x1, y1, ... (one point per row).
// weights: the neighbour graph's shrinkage (neighbour-graph.js), or null.
export function umapLayout(values, rows, factors, { seed = 42, onProgress, epochs, init = null, weights = null } = {}) {
  if (rows <= NEIGHBOURS + 1) throw new Error(`a neighbour map needs more than ${NEIGHBOURS + 1} items (got ${rows})`);
  onProgress?.({ phase: 'neighbours', fraction: 0 });
  const knn = cosineNeighbours(values, rows, factors, NEIGHBOURS, {
    weights,
    onProgress: onProgress && ((fraction) => onProgress({ phase: 'neighbours', fraction })),
  });
  const knnIndices = [];
  const knnDistances = [];
  const vectors = [];
  for (let i = 0; i < rows; i++) {
    knnIndices.push(Array.from(knn.indices.subarray(i * NEIGHBOURS, (i + 1) * NEIGHBOURS)));
    knnDistances.push(Array.from(knn.distances.subarray(i * NEIGHBOURS, (i + 1) * NEIGHBOURS)));
    vectors.push(Array.from(values.subarray(i * factors, (i + 1) * factors)));
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: NEIGHBOURS,
    minDist: MIN_DIST,
    random: seededRandom(seed),
    nEpochs: epochs ?? epochsFor(rows, init),
  });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  onProgress?.({ phase: 'layout', fraction: 0 });
  const total = umap.initializeFit(vectors);
  if (init) startFrom(umap.embedding, init);
  let last = 0;
  for (let e = 0; e < total; e++) {
    umap.step();
    if (onProgress && (e - last >= 5 || e === total - 1)) {
      last = e;
      onProgress({ phase: 'layout', fraction: (e + 1) / total });
    }
  }
  const embedding = umap.getEmbedding();
  const xy = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    xy[2 * i] = embedding[i][0];
    xy[2 * i + 1] = embedding[i][1];
  }
  return xy;
}

// Overwrites umap-js's random start (rows of [x, y], shared with its
// optimiser) with the given plane, scaled to the same spread.
function startFrom(embedding, init) {
  if (!Array.isArray(embedding) || embedding.length * 2 !== init.length)
    throw new Error('umap-js changed: cannot set the start of the layout');
  let max = 0;
  for (let i = 0; i < init.length; i++) max = Math.max(max, Math.abs(init[i]));
  const scale = max > 0 ? INIT_SPREAD / max : 0;
  embedding.forEach((row, i) => {
    row[0] = init[2 * i] * scale;
    row[1] = init[2 * i + 1] * scale;
  });
}

// The share of each probe item's `neighbours` nearest by cosine that are
// among its `near` nearest points in the plane (the map's figure of merit;
// scripts/map-neighbours.mjs and the tests use it). knn: cosineNeighbours
// with k > neighbours. probes: row numbers.
export function neighbourShare(knn, k, xy, probes, { neighbours = 10, near = 30 } = {}) {
  const n = xy.length / 2;
  let kept = 0;
  let total = 0;
  const d = new Float64Array(n);
  for (const i of probes) {
    for (let j = 0; j < n; j++) d[j] = (xy[2 * j] - xy[2 * i]) ** 2 + (xy[2 * j + 1] - xy[2 * i + 1]) ** 2;
    d[i] = Infinity;
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => d[a] - d[b] || a - b);
    const closest = new Set(order.slice(0, near));
    const cosine = Array.from(knn.indices.subarray(i * k, (i + 1) * k))
      .filter((j) => j !== i)
      .slice(0, neighbours);
    for (const j of cosine) {
      total++;
      if (closest.has(j)) kept++;
    }
  }
  return total ? kept / total : 0;
}
