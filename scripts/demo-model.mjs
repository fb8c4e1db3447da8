// The shipped data sets' models (web/src/engine/demo-sets.js: MovieLens
// latest-small, the first visit's, and the generated set), trained once when
// the engine is built (scripts/lib.sh build_wasm) with the page's default
// settings (the tutorial's), and shipped next to their data (e.g.
// public/movielens/ml-latest-small/model.als). A first visit loads its set's model
// instead of training in the tab, so the demo viewer's recommendations show at
// once; the page trains by itself when the file is missing or does not match.
// Trained by the same wasm engine the page runs (SIMD build, one thread: the
// same seed gives the same model whatever the thread count).
// Then each set's demo viewer's first answers from that model, as the page
// asks for them (web/src/generated/<set>-first-answers.json, bundled with the
// page by web/src/app/shipped-answers.js; web/src/app/first-answers.js): a
// first visit shows them before its engine has started.
//
//   node scripts/demo-model.mjs [--force]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createEngineService } from '../web/src/engine/engine-service.js';
import { DEFAULT_CONFIG, initialState } from '../web/src/app/state.js';
import { buildItemTable } from '../web/src/app/item-table.js';
import { favoriteFromItem, favoritesForEngine } from '../web/src/app/favorites.js';
import { DEMO_FAVORITES } from '../web/src/app/demo-listener.js';
import { DEMO_SETS } from '../web/src/engine/demo-sets.js';
import { snapshotOf } from '../web/src/app/first-answers.js';
import { wordsOf } from '../web/src/app/words.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE_DIR = path.join(ROOT, 'public/engine');
const PUBLIC = path.join(ROOT, 'public');
const SOURCES = [
  path.join(ENGINE_DIR, 'als_engine_simd.wasm'),
  fileURLToPath(import.meta.url),
  path.join(ROOT, 'web/src/engine/demo-sets.js'),
  ...['state.js', 'item-table.js', 'favorites.js', 'demo-listener.js', 'first-answers.js', 'words.js'].map((f) =>
    path.join(ROOT, 'web/src/app', f),
  ),
];

// A set's files in, its model and answers out.
function outputsOf(set) {
  const spec = DEMO_SETS[set];
  return {
    inputs: [...spec.files.map((f) => path.join(PUBLIC, spec.folder, f)), ...SOURCES],
    model: path.join(PUBLIC, spec.model),
    answers: path.join(ROOT, `web/src/generated/${set}-first-answers.json`),
  };
}

function upToDate({ inputs, model, answers }) {
  if (!fs.existsSync(model) || !fs.existsSync(answers)) return false;
  const built = Math.min(fs.statSync(model).mtimeMs, fs.statSync(answers).mtimeMs);
  return inputs.every((f) => fs.statSync(f).mtimeMs <= built);
}

// The card's answers as a first visit asks for them (startup.js, query-actions.js):
// the shipped model loaded over the demo data, the demo listener, the default count and rule.
async function demoViewerAnswers(call, set, summary, bytes) {
  await call('loadModel', { bytes });
  const table = buildItemTable(await call('itemTable'), { idSpace: DEMO_SETS[set].idSpace });
  const favorites = DEMO_FAVORITES[set]
    .filter((f) => table.indexOfId.has(f.id))
    .map((f) => favoriteFromItem(table, table.indexOfId.get(f.id), { scale: 'stars', rating: f.rating, demo: true }));
  const { items, values } = favoritesForEngine(table, favorites);
  const state = initialState();
  const answer = await call('recommend', {
    items,
    values,
    count: state.recommendations.count,
    candidates: null,
    minSupport: -1,
  });
  const result = {
    items: [...answer.items],
    scores: [...answer.scores],
    explanations: answer.explanations,
    favorites: { items: [...items], values: [...values] },
  };
  const words = wordsOf({ ...state, data: { ...state.data, status: 'ready', summary } });
  const snapshot = snapshotOf({ table, result, favorites, words, model: 'demo', source: 'demo', demo: true });
  return { ...snapshot, favoriteRecords: favorites };
}

async function loadEngine() {
  const require = createRequire(import.meta.url);
  const create = require(path.join(ENGINE_DIR, 'als_engine_simd.js'));
  const module = await create({
    // Emscripten 3.1.6 would fetch() a file path under Node 18+: hand it the bytes.
    wasmBinary: fs.readFileSync(path.join(ENGINE_DIR, 'als_engine_simd.wasm')),
    locateFile: (file) => path.join(ENGINE_DIR, file),
  });
  module.useThreads(1);
  return module;
}

// The service as the worker runs it; call(method, args) -> its answer.
function serviceOf(module) {
  const waiting = new Map();
  let nextId = 1;
  const service = createEngineService({
    module,
    info: { variant: 'simd' },
    post(message) {
      const call = waiting.get(message.id);
      if (!call || message.progress !== undefined) return;
      waiting.delete(message.id);
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    },
  });
  return (method, args = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      service.handle({ id, method, args });
    });
}

const force = process.argv.includes('--force');
const sets = Object.keys(DEMO_SETS).filter((set) => force || !upToDate(outputsOf(set)));
if (sets.length === 0) process.exit(0);
// The service yields through unref'd message ports (engine-service.js makeYield): keep Node up meanwhile.
const keepAlive = setInterval(() => {}, 1000);
const call = serviceOf(await loadEngine());
for (const set of sets) {
  const started = Date.now();
  const spec = DEMO_SETS[set];
  const out = outputsOf(set);
  // The names the worker gives the set's files (web/src/engine/demo-files.js).
  const files = spec.files.map(
    (name) => new File([fs.readFileSync(path.join(PUBLIC, spec.folder, name))], `${spec.as}${name}`),
  );
  const summary = await call('loadFiles', { files });
  await call('train', { config: { ...DEFAULT_CONFIG } });
  const { bytes } = await call('saveModel', { includeInteractions: false });
  fs.writeFileSync(out.model, bytes);
  const answers = await demoViewerAnswers(call, set, summary, bytes);
  fs.mkdirSync(path.dirname(out.answers), { recursive: true });
  fs.writeFileSync(out.answers, `${JSON.stringify(answers, null, 1)}\n`);
  console.log(
    `demo model (${set}): ${path.relative(ROOT, out.model)} (${(bytes.length / 1e6).toFixed(2)} MB, ` +
      `${DEFAULT_CONFIG.factors} factors, ${DEFAULT_CONFIG.iterations} iterations, ${((Date.now() - started) / 1000).toFixed(1)} s), ` +
      `and the demo viewer's first answers: ${path.relative(ROOT, out.answers)}`,
  );
}
clearInterval(keepAlive);
