// Importing a model trained elsewhere, in a tab: an ml-25m-size implicit
// model (162,541 users x 59,047 items x 128 factors) as numpy writes it
// (float32 and float64 .npz) and a Spark ALSModel folder of the same size
// (zipped), dropped on the page with its data loaded.
// Timed in the page around client.call('importModel'), worker round trip,
// reading the File and unzipping included; the wasm heap after it, next to
// the tab's budget.
//
// The data set: one or two ratings per user over ml-25m's shapes, small to
// load (the import does not depend on the number of ratings), written in
// sorted id order so that only one row convention remains and nothing is
// asked. The factors: seeded random numbers (the import does not depend on
// their values). Both are generated once into build/bench-data/ (numpy from
// Debian's python3-numpy, which the tests install).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  filesInPage,
  gib,
  GiB,
  loadThroughInput,
  openPage,
  settledPage,
  treeCpuMeter,
  wasmHeap,
  withBrowser,
  withTimeout,
} from './browser_support.mjs';
import { cpuText } from './stats.mjs';

const USERS = 162541;
const ITEMS = 59047;
const FACTORS = 128;
const GROUP = `in the browser: importing an ml-25m-size model (${USERS.toLocaleString('en')} users x ${ITEMS.toLocaleString('en')} items x ${FACTORS} factors)`;
const TARGET_SECONDS = 5;
const HEAP_BUDGET = 3.6e9; // the engine's memory budget in the tab (cpp/wasm/bindings.cpp)
const MB = 1e6;

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const MAKE_NPZ = `
import sys, numpy as np
path, dtype = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(12)
X = (rng.standard_normal((${USERS}, ${FACTORS}), dtype=np.float32) * 0.1).astype(dtype)
Y = (rng.standard_normal((${ITEMS}, ${FACTORS}), dtype=np.float32) * 0.1).astype(dtype)
np.savez(path, user_factors=X, item_factors=Y, regularization=0.01, factors=${FACTORS}, num_threads=0, iterations=15,
         use_native=True, use_cg=True, cg_steps=3, calculate_training_loss=False, dtype=np.dtype(dtype).name,
         random_state=42, alpha=1.0)
`;

async function ensureImportData(ctx) {
  const dir = path.join(path.dirname(ctx.paths.ml1m), `import-u${USERS}-i${ITEMS}-f${FACTORS}`);
  mkdirSync(dir, { recursive: true });
  const ratings = path.join(dir, 'ratings.csv');
  if (!existsSync(ratings)) {
    // User u rates item ((u - 1) mod items) + 1, and every user past the
    // items' count a second one: items first appear in id order.
    const lines = ['userId,movieId,rating,timestamp'];
    for (let u = 1; u <= USERS; u++) {
      lines.push(`${u},${((u - 1) % ITEMS) + 1},4.0,0`);
      if (u > ITEMS) lines.push(`${u},${((u * 7) % ITEMS) + 1},5.0,0`);
    }
    writeFileSync(`${ratings}.partial`, `${lines.join('\n')}\n`);
    renameSync(`${ratings}.partial`, ratings);
  }
  const models = {};
  for (const dtype of ['float32', 'float64']) {
    const file = path.join(dir, `model-${dtype}.npz`);
    if (!existsSync(file)) {
      console.error(`generating the ${dtype} model (numpy, once) ...`);
      const run = spawnSync(PYTHON, ['-c', MAKE_NPZ, `${file}.partial.npz`, dtype], { stdio: ['ignore', 2, 2] });
      if (run.status !== 0) throw new Error(`python3 with numpy could not write ${file} (install python3-numpy)`);
      renameSync(`${file}.partial.npz`, file);
    }
    models[dtype] = file;
  }
  models.spark = await ensureSparkModel(dir);
  return { dir, ratings, models };
}

// The same shapes as Spark's ALSModel.save() leaves them, zipped (stored, as a
// visitor would zip the folder): float32 factors of a seeded generator, ids
// 1..n as the data's. Written by the page's own Spark writer (hyparquet-writer).
async function ensureSparkModel(dir) {
  const file = path.join(dir, 'model-spark.zip');
  if (existsSync(file)) return file;
  console.error('generating the Spark model (hyparquet-writer, once) ...');
  const { sparkModelFiles } = await import('../../web/src/engine/foreign-models.js');
  const { zipSync } = await import('fflate');
  let seed = 12;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.2;
  };
  const side = (n) => ({
    ids: Int32Array.from({ length: n }, (_, i) => i + 1),
    features: Float32Array.from({ length: n * FACTORS }, random),
  });
  const members = await sparkModelFiles({ rank: FACTORS, users: side(USERS), items: side(ITEMS) });
  const zipped = zipSync(
    Object.fromEntries(Object.entries(members).map(([name, bytes]) => [`als-model/${name}`, bytes])),
    { level: 0 },
  );
  writeFileSync(`${file}.partial`, zipped);
  renameSync(`${file}.partial`, file);
  return file;
}

export const browserImport = {
  name: 'browser-import',
  async run(ctx) {
    const data = await ensureImportData(ctx);
    const rows = [];
    const raw = {};
    await withBrowser(async ({ browser, url }) => {
      for (const dtype of ['float32', 'float64', 'spark']) {
        // A fresh tab per file: the heap of one import does not hide the other's.
        const { page, errors } = await openPage(browser, url, { serviceWorkers: 'block' });
        const info = await settledPage(page);
        const load = await loadThroughInput(page, [data.ratings], { timeout: 300_000 });
        if (load.summary.users !== USERS || load.summary.items !== ITEMS)
          throw new Error(`the import data set has ${load.summary.users} x ${load.summary.items}`);
        const before = await wasmHeap(page);
        const input = await filesInPage(page, [data.models[dtype]]);
        const share = treeCpuMeter();
        const answer = await withTimeout(
          page.evaluate(async (element) => {
            const start = performance.now();
            try {
              const result = await window.alsMovies.client.call('importModel', { files: [...element.files] });
              return {
                ms: performance.now() - start,
                adopted: result.adopted,
                chooseRows: result.chooseRows?.length ?? 0,
                info: result.info && {
                  users: result.info.users,
                  items: result.info.items,
                  factors: result.info.factors,
                },
              };
            } catch (e) {
              return { ms: performance.now() - start, error: e.message };
            }
          }, input),
          300_000,
          `importing the ${dtype} model`,
        );
        const cpu = share();
        const after = await wasmHeap(page);
        const fileBytes = statSync(data.models[dtype]).size;
        raw[dtype] = {
          answer,
          cpu,
          heapBefore: before.bytes,
          heapAfter: after.bytes,
          fileBytes,
          info,
          errors: errors.slice(0, 3),
        };
        const kind = dtype === 'spark' ? 'Spark ALSModel folder as a .zip' : `${dtype} .npz`;
        const what = `${kind} (${(fileBytes / MB).toFixed(0)} MB): importModel in a tab`;
        if (answer.error || !answer.adopted) {
          rows.push({
            id: `browser.import.${dtype}`,
            group: GROUP,
            what,
            value: null,
            unit: 's',
            status: 'failed',
            extra: (answer.error ?? `not adopted (${answer.chooseRows} row conventions to choose from)`).slice(0, 300),
          });
        } else {
          rows.push({
            id: `browser.import.${dtype}`,
            group: GROUP,
            what,
            value: answer.ms / 1000,
            unit: 's',
            extra: `${info.variant} build; ${(fileBytes / MB / (answer.ms / 1000)).toFixed(0)} MB/s of the file; ${cpuText(cpu.cores, cpu.otherCores)}`,
            target: `< ${TARGET_SECONDS} s`,
          });
          rows.push({
            id: `browser.import.${dtype}.heap`,
            group: GROUP,
            what: `  wasm heap after it (data loaded: ${gib(before.bytes)})`,
            value: after.bytes / GiB,
            unit: 'GiB',
            extra: `budget ${(HEAP_BUDGET / GiB).toFixed(2)} GiB; heap never shrinks`,
            target: `< ${(HEAP_BUDGET / GiB).toFixed(2)} GiB`,
          });
        }
        await page.close();
      }
    });
    return { rows, raw };
  },
};
