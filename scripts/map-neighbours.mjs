// How well the 2-D map keeps neighbours together, PCA plane vs UMAP layout:
// for the 100 most popular items, the share of their 10 nearest neighbours by
// cosine (the "Similar movies" list) that are among their 30 nearest points
// on the map. Trains with the app's default settings in the wasm engine
// under Node, on the MovieLens files of the folder given (default: the
// shared ml-latest-small copy).
//   node --no-experimental-fetch scripts/map-neighbours.mjs [DIR]
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine, fileFrom } from '../tests/js/support/engine-module.js';
import { serviceFor } from '../tests/js/support/service-harness.js';
import { DEFAULT_CONFIG } from '../web/src/app/state.js';
import { cosineNeighbours } from '../web/src/map/neighbour-graph.js';
import { umapLayout, neighbourShare } from '../web/src/map/umap-layout.js';
import { mapItems } from '../web/src/map/map-items.js';
import { project } from '../web/src/components/EmbeddingMap/map-geometry.js';

const dir = process.argv[2] || '/work/shared/data/ml-latest-small';
const names = ['ratings.csv', 'movies.csv'].filter((n) => fs.existsSync(path.join(dir, n)));
if (!names.includes('ratings.csv')) {
  console.error(`no ratings.csv in ${dir}`);
  process.exit(2);
}
const keepAlive = setInterval(() => {}, 1000); // the engine service yields through an unref'd channel
const service = serviceFor(await loadEngine('simd'));
const summary = await service.call('loadFiles', { files: names.map((n) => fileFrom(path.join(dir, n), n)) });
const trainStart = performance.now();
await service.call('train', { config: { ...DEFAULT_CONFIG } });
const trainSeconds = (performance.now() - trainStart) / 1000;
const { rows, factors, values } = await service.call('factorMatrix', { which: 'items' });
const pca = (await service.call('embeddingMap')).xy;
const popular = Array.from((await service.call('popular', { count: 100 })).items);
if (mapItems(new Int32Array(rows), rows))
  console.warn(`${rows} items: the app would map only the most rated; this script maps them all`);

const k = 11; // itself + 10
const started = performance.now();
const knn = cosineNeighbours(values, rows, factors, k);
const umap = umapLayout(values, rows, factors, { seed: DEFAULT_CONFIG.seed, init: pca }); // as the app does
const seconds = (performance.now() - started) / 1000; // the layout's own graph is built inside umapLayout too
const umapRandomStart = umapLayout(values, rows, factors, { seed: DEFAULT_CONFIG.seed }); // umap-js's own start, for comparison
const share = (xy) => neighbourShare(knn, k, xy, popular, { neighbours: 10, near: 30 });
const result = {
  data: `${summary.dataSet} (${dir}): ${rows} items, ${summary.keptRatings} ratings kept`,
  config: DEFAULT_CONFIG,
  pca: share(pca),
  pcaAsDrawn: share(project(pca, 1000, 600)),
  umap: share(umap),
  umapRandomStart: share(umapRandomStart),
  trainSeconds,
  layoutSeconds: seconds,
  layoutVsTraining: seconds / trainSeconds,
};
console.log(JSON.stringify(result, null, 2));
clearInterval(keepAlive);
