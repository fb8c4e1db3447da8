// The 2-D map: the exact cosine neighbour graph against a slow reference,
// a UMAP layout that is the same for the same seed, that keeps neighbours
// together far better than the PCA plane on a trained model, the cap for
// large catalogs, and favorites drawn in a colour no genre has.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { cosineNeighbours, cosineNeighboursReference } from '../../web/src/map/neighbour-graph.js';
import { umapLayout, neighbourShare, seededRandom } from '../../web/src/map/umap-layout.js';
import { mapItems, MAP_MAX_ITEMS } from '../../web/src/map/map-items.js';
import { PALETTE, OTHER_COLOR, FAVORITE_COLOR, project } from '../../web/src/components/EmbeddingMap/map-geometry.js';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

function randomMatrix(rows, factors, seed) {
  const random = seededRandom(seed);
  return Float32Array.from({ length: rows * factors }, () => random() * 2 - 1);
}

describe('the cosine neighbour graph', () => {
  it('is the exact top k of every row, itself first, as the reference finds it', () => {
    const rows = 203; // not a multiple of the 4-row blocks
    const factors = 13;
    const values = randomMatrix(rows, factors, 3);
    values.fill(0, 17 * factors, 18 * factors); // a zero vector: alike to nothing
    const k = 9;
    const fast = cosineNeighbours(values, rows, factors, k);
    const slow = cosineNeighboursReference(values, rows, factors, k);
    expect(Array.from(fast.indices)).toEqual(Array.from(slow.indices));
    for (let x = 0; x < fast.distances.length; x++) expect(fast.distances[x]).toBeCloseTo(slow.distances[x], 5);
    for (let i = 0; i < rows; i++) expect(fast.indices[i * k]).toBe(i);
  });

  it("with the Similar step's shrinkage: row i ranks j by cosine × weights[j], as the reference does", () => {
    const rows = 150;
    const factors = 7;
    const values = randomMatrix(rows, factors, 8);
    const support = Array.from({ length: rows }, (_, i) => 1 + ((i * 37) % 90));
    const weights = Float32Array.from(support, (n) => n / (n + 5));
    const k = 8;
    const fast = cosineNeighbours(values, rows, factors, k, { weights });
    const slow = cosineNeighboursReference(values, rows, factors, k, { weights });
    expect(Array.from(fast.indices)).toEqual(Array.from(slow.indices));
    for (let x = 0; x < fast.distances.length; x++) expect(fast.distances[x]).toBeCloseTo(slow.distances[x], 5);
    for (let i = 0; i < rows; i++) expect(fast.indices[i * k]).toBe(i);
    const raw = cosineNeighbours(values, rows, factors, k);
    expect(Array.from(fast.indices)).not.toEqual(Array.from(raw.indices)); // the weights do change the graph
    // A row few users kept is a neighbour less often than without the shrinkage.
    const count = (indices, j) => indices.filter((x, at) => x === j && at % k !== 0).length;
    const rare = support
      .map((n, j) => [n, j])
      .filter(([n]) => n <= 3)
      .map(([, j]) => j);
    const sum = (indices) => rare.reduce((acc, j) => acc + count(Array.from(indices), j), 0);
    expect(sum(fast.indices)).toBeLessThan(sum(raw.indices));
  });

  it('breaks ties by the lower index, whatever the order pairs come in', () => {
    // Rows 1..6 point the same way: all tie for row 0's neighbours.
    const values = new Float32Array([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0, 1]);
    const { indices } = cosineNeighbours(values, 8, 2, 4);
    expect(Array.from(indices.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(Array.from(indices.subarray(6 * 4, 7 * 4))).toEqual([6, 0, 1, 2]);
  });
});

describe('the UMAP layout', () => {
  const rows = 120;
  const factors = 8;
  const values = randomMatrix(rows, factors, 11);

  it('is the same for the same seed and differs for another', () => {
    const a = umapLayout(values, rows, factors, { seed: 5, epochs: 60 });
    const b = umapLayout(values, rows, factors, { seed: 5, epochs: 60 });
    const c = umapLayout(values, rows, factors, { seed: 6, epochs: 60 });
    expect(a).toHaveLength(rows * 2);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('starts from the plane it is given (the app gives the PCA plane), the same way each time', () => {
    const plane = Float32Array.from({ length: rows * 2 }, (_, x) => values[Math.floor(x / 2) * factors + (x % 2)]);
    const a = umapLayout(values, rows, factors, { seed: 5, epochs: 60, init: plane });
    const b = umapLayout(values, rows, factors, { seed: 5, epochs: 60, init: plane });
    const random = umapLayout(values, rows, factors, { seed: 5, epochs: 60 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(random));
    // With no epoch to move them, the points are the plane itself, scaled.
    const still = umapLayout(values, rows, factors, { seed: 5, epochs: 1, init: plane });
    const ratio = still[0] / plane[0];
    for (let x = 0; x < 6; x++) expect(still[x] / plane[x]).toBeCloseTo(ratio, 0);
  });

  it('reports its progress through both phases, ending at 1', () => {
    const seen = [];
    umapLayout(values, rows, factors, { seed: 1, epochs: 30, onProgress: (p) => seen.push(p) });
    expect(seen.some((p) => p.phase === 'neighbours')).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'layout', fraction: 1 });
  });

  it('refuses a catalog too small for a neighbour graph', () => {
    expect(() => umapLayout(randomMatrix(10, 4, 1), 10, 4)).toThrow(/more than 16 items/);
  });
});

describe('on a trained model (the demo set)', () => {
  let factors;
  let pca;
  let popular;
  beforeAll(async () => {
    const service = serviceFor(await loadEngine('simd'));
    const demo = path.resolve(import.meta.dirname, '../../public/demo');
    await service.call('loadFiles', {
      files: [fileFrom(`${demo}/ratings.csv`, 'demo/ratings.csv'), fileFrom(`${demo}/movies.csv`, 'demo/movies.csv')],
    });
    await service.call('train', { config: { factors: 32, iterations: 8, regularization: 0.01, alpha: 1, seed: 42 } });
    factors = await service.call('factorMatrix', { which: 'items' });
    pca = (await service.call('embeddingMap')).xy;
    popular = Array.from((await service.call('popular', { count: 100 })).items);
  });

  it("keeps far more of each popular movie's 10 cosine neighbours among its 30 nearest points than the PCA plane", () => {
    const { rows, factors: f, values } = factors;
    const k = 11;
    const knn = cosineNeighbours(values, rows, f, k);
    const umap = umapLayout(values, rows, f, { seed: 42, init: pca }); // as the app does
    const shareUmap = neighbourShare(knn, k, umap, popular);
    const sharePca = neighbourShare(knn, k, pca, popular);
    const drawnPca = neighbourShare(knn, k, project(pca, 800, 500), popular);
    console.info(
      `demo, 100 most popular: neighbours kept by UMAP ${shareUmap.toFixed(3)}, by PCA ${sharePca.toFixed(3)} (${drawnPca.toFixed(3)} as drawn)`,
    );
    // The demo's planted taste groups let even the PCA plane keep many (about 0.6).
    expect(shareUmap).toBeGreaterThan(0.9);
    expect(shareUmap - Math.max(sharePca, drawnPca)).toBeGreaterThan(0.2);
  });
});

describe('the map on screen', () => {
  it('shows every item of a catalog up to the cap, and the most rated beyond it', () => {
    expect(mapItems([3, 1, 2], 3)).toBeNull();
    const popularity = Int32Array.from({ length: MAP_MAX_ITEMS + 5 }, (_, i) => (i * 7919) % 1000);
    const items = mapItems(popularity, popularity.length);
    expect(items).toHaveLength(MAP_MAX_ITEMS);
    const threshold = Math.min(...Array.from(items, (i) => popularity[i]));
    const left = Array.from({ length: popularity.length }, (_, i) => i).filter((i) => !items.includes(i));
    for (const i of left) expect(popularity[i]).toBeLessThanOrEqual(threshold);
    expect(Array.from(items)).toEqual(Array.from(items).sort((a, b) => a - b));
  });

  it('draws favorites in a colour far from every genre colour', () => {
    const rgb = (hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
    const distance = (a, b) => Math.hypot(...rgb(a).map((v, k) => v - rgb(b)[k]));
    for (const colour of [...PALETTE, OTHER_COLOR])
      expect(distance(FAVORITE_COLOR, colour), colour).toBeGreaterThan(90);
  });

  it('draws a neighbour layout with one scale on both axes', () => {
    const points = project(new Float32Array([0, 0, 10, 0, 0, 5]), 400, 300, { method: 'umap', pad: 0 });
    const dx = points[2] - points[0];
    const dy = points[1] - points[5];
    expect(dx / 10).toBeCloseTo(dy / 5, 5);
  });
});
