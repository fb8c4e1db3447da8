// Stages in headless Chromium: the built site (dist/) served by `vite
// preview`, driven by playwright-core (scripts/bench/browser_support.mjs).
// Every time is taken in the page (performance.now() around the engine
// call, worker round trip included), never across Playwright.
//
//   browser-training   ML-1M, 64 f CG, 15 it.: threads+SIMD (isolated page, 2 threads) and
//                      SIMD (page without isolation, 1 thread), interleaved with native 2 threads
//   browser-startup    open page -> first personal recommendation with its explanation (the
//                      demo listener's, on the first screen): fresh profile, then restored
//                      from IndexedDB; when the answers known beforehand are on screen and
//                      when the engine's own are; with the phases of the first visit
//   browser-latency    fold-in / similar / recommend+explain on a 59,047-item model, per call in the page
//   browser-25m        ml-25m-sized data through the file input: parse MB/s, training, wasm heap (long: --skip browser-25m)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

import {
  exposeEngineModule,
  filesInPage,
  gib,
  GiB,
  loadThroughInput,
  openPage,
  rendererPeakBytes,
  settledPage,
  timedCall,
  treeCpuMeter,
  wasmHeap,
  withBrowser,
  withTimeout,
} from './browser_support.mjs';
import { ensureLatencyData, LATENCY_LABEL } from './native_stages.mjs';
import { GUIDE, IMPLICIT } from './reference.mjs';
import { cpuText, median, ratio, runJsonLines } from './stats.mjs';
import { recordFirstExplainedRecommendation, waitForKeptInBrowser } from '../../tests/browser/support/app.mjs';

const TRAIN_CONFIG = {
  factors: 64,
  iterations: 15,
  regularization: 0.01,
  alpha: 1,
  solver: 'cg',
  cgSteps: 3,
  skipLoss: true,
};
const TRAIN_GROUP =
  'in the browser (headless Chromium): ML-1M, all 1,000,209 ratings, 64 f CG, 15 it., loss off (s, median)';
const ML25M_GROUP =
  'in the browser: ml-25m-sized generated set (162,541 users x 59,047 items x 25,000,095 ratings), threads build';
const STARTUP_GROUP =
  'in the browser: open page -> first personal recommendation with its explanation, the tutorial viewer on MovieLens latest-small (s from navigation start, median of 9)';
const LATENCY_GROUP =
  'in the browser: queries on the 59,047-item model, 64 f (ms per client call timed in the page, median of 50)';
const MB = 1e6;

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---- ML-1M training: the two builds in Chromium, interleaved with native ----

async function openTrainingPage(browser, url, options, expected) {
  const { page, errors } = await openPage(browser, url, options);
  const info = await settledPage(page);
  if (info.variant !== expected.variant || info.threads !== expected.threads)
    throw new Error(
      `expected the ${expected.variant} build on ${expected.threads} thread(s), the page runs ${JSON.stringify(info)}`,
    );
  return { page, errors, info };
}

async function loadMl1m(ctx, page) {
  const ratings = path.join(ctx.paths.ml1m, 'ratings.dat');
  const load = await loadThroughInput(page, [ratings], { timeout: 300_000 });
  const prepared = await timedCall(page, 'prepare', { useThreshold: false });
  if (prepared.result.keptRatings !== 1000209)
    throw new Error(`expected 1,000,209 ratings, prepare kept ${prepared.result.keptRatings}`);
  return { loadSeconds: (load.end - load.start) / 1000, prepareSeconds: prepared.ms / 1000, summary: prepared.result };
}

async function trainInPage(page, config, timeout) {
  const share = treeCpuMeter();
  const { ms, result } = await withTimeout(timedCall(page, 'train', { config }), timeout, 'training in the page');
  if (result.iterations !== config.iterations || result.factors !== config.factors)
    throw new Error(`the page trained ${JSON.stringify(result)}`);
  return { seconds: ms / 1000, engineSeconds: result.trainingSeconds, ...share() };
}

export const browserTraining = {
  name: 'browser-training',
  async run(ctx) {
    return withBrowser(
      async ({ browser, servers }) => {
        const threads = await openTrainingPage(browser, servers.isolated.url, {}, { variant: 'threads', threads: 2 });
        const simd = await openTrainingPage(
          browser,
          servers.unisolated.url,
          { serviceWorkers: 'block' },
          { variant: 'simd', threads: 1 },
        );
        const loads = { threads: await loadMl1m(ctx, threads.page), simd: await loadMl1m(ctx, simd.page) };
        console.error(
          `browser: ML-1M loaded through the file input (threads page ${loads.threads.loadSeconds.toFixed(2)} s + prepare ` +
            `${loads.threads.prepareSeconds.toFixed(2)} s, simd page ${loads.simd.loadSeconds.toFixed(2)} s + ${loads.simd.prepareSeconds.toFixed(2)} s)`,
        );

        const runs = { native: [], threads: [], simd: [] };
        let gflop = null;
        for (let rep = 1; rep <= ctx.options.repeat; rep++) {
          const native = await runJsonLines(ctx.paths.alsBench, [
            'train',
            '--data',
            ctx.paths.ml1m,
            '--factors',
            '64',
            '--solvers',
            'cg',
            '--threads',
            '2',
            '--repeat',
            '1',
            '--iterations',
            '15',
            '--quality',
            '0',
          ]);
          const line = native.find((l) => l.type === 'train');
          runs.native.push({ seconds: line.seconds, cores: line.cores, otherCores: line.other_cores });
          gflop = line.gflop;
          runs.threads.push(await trainInPage(threads.page, TRAIN_CONFIG, 300_000));
          runs.simd.push(await trainInPage(simd.page, TRAIN_CONFIG, 600_000));
          console.error(
            `  rep ${rep}  native 2 thr ${runs.native.at(-1).seconds.toFixed(2)} s, Chromium threads+SIMD 2 thr ` +
              `${runs.threads.at(-1).seconds.toFixed(2)} s, Chromium SIMD 1 thr ${runs.simd.at(-1).seconds.toFixed(2)} s`,
          );
        }
        const pageErrors = [...threads.errors, ...simd.errors];

        const m = (key, field = 'seconds') => median(runs[key].map((r) => r[field]));
        const native = m('native');
        const cpu = (key) => cpuText(m(key, 'cores'), m(key, 'otherCores'));
        const speed = (s) => `${(gflop / s).toFixed(1)} GFLOP/s`;
        const engineTime = (key) => `engine's own clock ${m(key, 'engineSeconds').toFixed(2)} s`;
        const seconds = (key) => runs[key].map((r) => r.seconds);
        const t = m('threads');
        const s = m('simd');
        const rows = [
          {
            id: 'browser.train.native-interleaved',
            group: TRAIN_GROUP,
            what: 'native CG, 64 f, 2 threads (run between the browser runs)',
            value: native,
            unit: 's',
            extra: `${speed(native)}, ${cpu('native')}`,
            runs: seconds('native'),
          },
          {
            id: 'browser.train.threads.ml-1m',
            group: TRAIN_GROUP,
            what: 'Chromium wasm threads+SIMD, 2 threads (cross-origin isolated page)',
            value: t,
            unit: 's',
            extra:
              `${speed(t)}, ${cpu('threads')} (Chromium's processes); ${engineTime('threads')}; ` +
              `x${(s / t).toFixed(2)} faster than the 1-thread build`,
            ratio: ratio(t, native),
            vs: 'native 2 thr',
            target: `<= ${GUIDE.wasmThreadsVsNative.toFixed(2)}`,
            runs: seconds('threads'),
          },
          {
            id: 'browser.train.threads.ml-1m.vs-implicit',
            group: TRAIN_GROUP,
            what: '  the same, against implicit',
            value: t,
            unit: 's',
            extra: `${IMPLICIT.cg.label}`,
            ratio: ratio(t, IMPLICIT.cg.seconds),
            vs: `implicit ${IMPLICIT.cg.seconds} s`,
            target: '',
          },
          {
            id: 'browser.train.simd.ml-1m',
            group: TRAIN_GROUP,
            what: 'Chromium wasm SIMD single-threaded build, 1 thread (page not isolated)',
            value: s,
            unit: 's',
            extra: `${speed(s)}, ${cpu('simd')}; ${engineTime('simd')}`,
            ratio: ratio(s, native),
            vs: 'native 2 thr',
            target: `<= ${GUIDE.wasmSimdVsNative2.toFixed(2)}`,
            runs: seconds('simd'),
          },
        ];
        const notes = [
          `browser-training: ML-1M ratings.dat chosen through the page's file input, then prepare({useThreshold:false}) ` +
            `(${loads.threads.summary.users} x ${loads.threads.summary.items}, ${loads.threads.summary.keptRatings} ratings); ` +
            `times are performance.now() in the page around client.call('train'), so the worker's 50 ms slices and messages are in them.`,
        ];
        if (pageErrors.length) notes.push(`browser-training: page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
        return { rows, raw: { runs, loads }, notes };
      },
      { alsoUnisolated: true },
    );
  },
};

// ---- open page -> first personal recommendation ----

// The first card's explanation once the engine itself answered (not the answers known beforehand).
const LIVE_WHY =
  '[data-testid=first-recommendations][data-answers=live] [data-testid=first-why] [data-testid=contribution-row]';

// The marks the page sets on its way (web/src/app: als:engine-ready,
// als:demo-loaded, als:demo-model or als:trained, als:item-table, als:recommended), in ms from
// navigation start (als:app-start too), and when the explanation was in the DOM.
function startupTimes(page) {
  return page.evaluate(() => {
    const marks = Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('als:'))
        .map((m) => [m.name.slice(4), m.startTime]),
    );
    const s = window.alsMovies.getState();
    return {
      ms: window.__firstExplainedMs,
      liveMs: window.__liveExplainedMs,
      marks,
      trainingSeconds: s.model.info?.trainingSeconds,
      restored: s.model.restored,
      engineStartup: window.alsMovies.client.info?.startup ?? null,
      pageTimeOrigin: performance.timeOrigin,
    };
  });
}

// First-visit phases, each from the end of the one before.
const PHASES = [
  ['page', 'app-start', 'page loaded (HTML, script) up to the engine start'],
  ['engine', 'engine-ready', 'engine started (worker, wasm compile, thread pool)'],
  ['demo', 'demo-loaded', 'demo read and parsed (files fetched while the engine compiled)'],
  ['training', ['demo-model', 'trained'], 'the shipped demo model loaded (or, without it, training 100 f, 15 it.)'],
  ['table', 'item-table', 'item table'],
  ['recommend', 'recommended', 'fold-in + recommend + explain'],
];

function phasesOf(visit) {
  const out = {};
  let before = 0;
  for (const [name, mark] of PHASES) {
    const at = [mark]
      .flat()
      .map((m) => visit.marks[m])
      .find((t) => t != null);
    out[name] = at == null ? NaN : at - before;
    if (at != null) before = at;
  }
  out.render = visit.liveMs - before;
  return out;
}

export const browserStartup = {
  name: 'browser-startup',
  async run() {
    return withBrowser(async ({ browser, url }) => {
      const visits = [];
      for (let k = 0; k < 9; k++) {
        // The page's own first visit: MovieLens latest-small and the tutorial's five favorites.
        const { context, page } = await openPage(browser, url, {
          init: recordFirstExplainedRecommendation,
          demo: null,
        });
        try {
          await page.locator(LIVE_WHY).first().waitFor({ timeout: 120_000 });
          const info = await settledPage(page, { timeout: 120_000 });
          const first = await startupTimes(page);
          await waitForKeptInBrowser(page, 5, { timeout: 60_000 }); // what the second visit restores (the 5 demo favorites)
          await page.reload();
          await page.locator('[data-testid=engine-banner][data-kind=restored-visit]').waitFor({ timeout: 120_000 });
          await page.locator(LIVE_WHY).first().waitFor({ timeout: 120_000 });
          await settledPage(page, { timeout: 120_000 });
          const second = await startupTimes(page);
          if (!second.restored) throw new Error('the second visit did not restore the model from IndexedDB');
          visits.push({ first, second, info, phases: phasesOf(first) });
          const p = visits.at(-1).phases;
          const e = first.engineStartup;
          const engineText = e
            ? ` [worker: created at ${(e.timeOrigin - first.pageTimeOrigin).toFixed(0)} ms of the page's clock, its script ran at ${e.workerStartedMs.toFixed(0)} ms of its own, glue ${e.glueMs.toFixed(0)}, module ${e.moduleMs.toFixed(0)}, ready at ${(e.timeOrigin - first.pageTimeOrigin + (e.readyMs ?? NaN)).toFixed(0)} ms of the page's clock; engine-ready mark at ${first.marks['engine-ready'].toFixed(0)}]`
            : '';
          console.error(
            `  visit ${k + 1}: first, live ${first.liveMs.toFixed(0)} ms (${PHASES.map(([n]) => `${n} ${p[n].toFixed(0)}`).join(', ')}${engineText}, render ${p.render.toFixed(0)}; ` +
              `demo trained in ${first.trainingSeconds?.toFixed(2)} s by the engine clock; on screen at ${first.ms.toFixed(0)} ms, ` +
              `first-answers mark ${first.marks['first-answers']?.toFixed(0)}), second (restored) ${second.ms.toFixed(0)} ms, live ${second.liveMs.toFixed(0)} ms`,
          );
        } finally {
          await context.close();
        }
      }
      const firstMs = visits.map((v) => v.first.ms);
      const secondMs = visits.map((v) => v.second.ms);
      const firstLiveMs = visits.map((v) => v.first.liveMs);
      const secondLiveMs = visits.map((v) => v.second.liveMs);
      const info = visits[0].info;
      const phaseText =
        [...PHASES.map(([n, , what]) => [n, what]), ['render', 'render (explanation in the DOM)']]
          .map(([n, what]) => `${what} ${median(visits.map((v) => v.phases[n])).toFixed(0)} ms`)
          .join('; ') +
        (visits[0].first.engineStartup
          ? `; of the engine start, glue script ${median(visits.map((v) => v.first.engineStartup.glueMs)).toFixed(0)} ms and ` +
            `module (fetch, compile, instantiate, pool workers) ${median(visits.map((v) => v.first.engineStartup.moduleMs)).toFixed(0)} ms`
          : '');
      const runs = (list) => list.map((v) => (v / 1000).toFixed(2)).join(', ');
      return {
        rows: [
          {
            id: 'browser.first-recommendations',
            group: STARTUP_GROUP,
            what: "first visit (fresh profile): the tutorial viewer's answers on screen (MovieLens latest-small)",
            value: median(firstMs) / 1000,
            unit: 's',
            extra:
              `runs ${runs(firstMs)} s; the answers computed with the demo model when the site was built ` +
              `(bundled with the page), shown until the engine's own; ${info.variant} build, ${plural(info.threads, 'thread')}`,
            target: `< ${GUIDE.firstPersonalSeconds} s`,
            runs: firstMs,
          },
          {
            id: 'browser.first-recommendations.live',
            group: STARTUP_GROUP,
            what: '  the same answers computed by the engine in the tab',
            value: median(firstLiveMs) / 1000,
            unit: 's',
            extra: `runs ${runs(firstLiveMs)} s (engine start, demo read, shipped model loaded, fold-in + recommend + explain)`,
            target: '',
            runs: firstLiveMs,
          },
          {
            id: 'browser.first-recommendations.phases',
            group: STARTUP_GROUP,
            what: '  the phases to the live answers (medians, each from the end of the one before)',
            value: median(firstLiveMs) / 1000,
            unit: 's',
            extra: phaseText,
            target: '',
          },
          {
            id: 'browser.first-recommendations.restored',
            group: STARTUP_GROUP,
            what: 'second visit (model restored from IndexedDB): the answers on screen',
            value: median(secondMs) / 1000,
            unit: 's',
            extra: `runs ${runs(secondMs)} s (reload of the same profile, service worker installed; the answers kept with the model, shown until the engine's own)`,
            target: `< ${GUIDE.restoredPersonalSeconds} s`,
            runs: secondMs,
          },
          {
            id: 'browser.first-recommendations.restored.live',
            group: STARTUP_GROUP,
            what: '  the same answers computed by the engine in the tab',
            value: median(secondLiveMs) / 1000,
            unit: 's',
            extra: `runs ${runs(secondLiveMs)} s (engine start, kept data and model read, fold-in + recommend + explain)`,
            target: '',
            runs: secondLiveMs,
          },
        ],
        raw: visits,
      };
    });
  },
};

// ---- query latency in the page, 59,047-item model ----

// A model of the latency data set (ml-25m's 59,047 items), trained natively
// once and kept next to the data: what a visitor would load with "Load model".
async function ensureLatencyModel(ctx) {
  const data = await ensureLatencyData(ctx);
  const file = `${data.dir}-f64-it2.als`;
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    const result = spawnSync(
      ctx.paths.als,
      [
        'train',
        data.dir,
        '--no-threshold',
        '--factors',
        '64',
        '--iterations',
        '2',
        '--threads',
        '2',
        '--save',
        partial,
      ],
      { stdio: ['ignore', 'ignore', 2] },
    );
    if (result.status !== 0) throw new Error(`als train --save ${partial} failed (${result.status ?? result.signal})`);
    renameSync(partial, file);
  }
  return file;
}

export const browserLatency = {
  name: 'browser-latency',
  cores: 1, // queries run on one thread
  async run(ctx) {
    const modelFile = await ensureLatencyModel(ctx);
    return withBrowser(async ({ browser, url }) => {
      const { page } = await openPage(browser, url);
      const info = await settledPage(page);
      const input = await filesInPage(page, [modelFile]);
      const model = await page.evaluate(async (element) => {
        const client = window.alsMovies.client;
        const bytes = new Uint8Array(await element.files[0].arrayBuffer());
        const start = performance.now();
        await client.call('loadModel', { bytes });
        const ms = performance.now() - start;
        const { items, users, factors } = await client.call('modelInfo');
        const popularity = (await client.call('itemTable')).popularity;
        const order = popularity
          ? [...popularity.keys()].sort((a, b) => popularity[b] - popularity[a] || a - b)
          : [0, 1, 2, 3, 4];
        return {
          ms,
          bytes: bytes.length,
          items,
          users,
          factors,
          favorites: order.slice(0, 5),
          other: Math.floor(items / 2),
        };
      }, input);
      if (model.items !== 59047) throw new Error(`the latency model has ${model.items} items, not 59,047`);

      const calls = 50;
      const times = await page.evaluate(
        async ({ items, other, calls }) => {
          const client = window.alsMovies.client;
          const values = [5, 5, 4, 4, 5];
          const queries = {
            'worker-round-trip': () => client.call('info'),
            'fold-in': () => client.call('predictedPreference', { items, values, item: other }),
            'similar-items': () => client.call('similarItems', { item: items[0], count: 10 }),
            'recommend-explain': () => client.call('recommend', { items, values, count: 10 }),
          };
          const out = {};
          for (const [what, query] of Object.entries(queries)) {
            await query();
            const ms = [];
            for (let k = 0; k < calls; k++) {
              const start = performance.now();
              await query();
              ms.push(performance.now() - start);
            }
            out[what] = ms;
          }
          return out;
        },
        { items: model.favorites, other: model.other, calls },
      );

      const rows = [];
      for (const [what, ms] of Object.entries(times)) {
        const value = median(ms);
        if (what === 'worker-round-trip') {
          rows.push({
            id: 'browser.latency.round-trip',
            group: LATENCY_GROUP,
            what: 'Chromium: an empty call to the worker (info)',
            value,
            unit: 'ms',
            extra: `min ${Math.min(...ms).toFixed(3)} ms: the message round trip in every call below`,
          });
          continue;
        }
        const node = ctx.find(`wasm.latency.${what}`)?.value;
        const native = ctx.find(`native.latency.${what}`)?.value;
        const engine = [
          node != null && `wasm SIMD in Node ${node.toFixed(3)} ms`,
          native != null && `native ${native.toFixed(3)} ms`,
        ]
          .filter(Boolean)
          .join(', ');
        rows.push({
          id: `browser.latency.${what}`,
          group: LATENCY_GROUP,
          what: `Chromium ${LATENCY_LABEL[what]}, per client call`,
          value,
          unit: 'ms',
          extra: `min ${Math.min(...ms).toFixed(3)} ms; engine alone: ${engine || 'not measured in this run'}`,
          ratio: ratio(value, node),
          vs: node != null ? 'wasm in Node' : '',
          target: `< ${GUIDE.queryMs} ms`,
        });
      }
      const notes = [
        `browser-latency: ${model.items} items x ${model.factors} f model (${(model.bytes / MB).toFixed(1)} MB file, ` +
          `${path.basename(modelFile)}) loaded with client.call('loadModel') in ${model.ms.toFixed(0)} ms; ${info.variant} build; ` +
          `each query ${calls} times after a warm-up, timed in the page (worker round trip and result copy included).`,
      ];
      return { rows, raw: { model, times }, notes };
    });
  },
};

// ---- ml-25m in a tab ----

function folderBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) total += statSync(path.join(dir, name)).size;
  return total;
}

// build/bench-data/ml-25m (generated once, kept: delete the folder to free the disk).
export function ensureMl25m(ctx) {
  const dir = path.join(path.dirname(ctx.paths.ml1m), 'ml-25m');
  let generatedSeconds = null;
  if (!existsSync(path.join(dir, 'ratings.csv'))) {
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true }); // only ever this bench's own unfinished output
    mkdirSync(path.dirname(dir), { recursive: true });
    console.error('generating the ml-25m-sized data set (once, ~0.7 GB) ...');
    const start = performance.now();
    const result = spawnSync(ctx.paths.als, ['generate', '--preset', 'ml-25m', '--out', partial], {
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) throw new Error(`als generate --preset ml-25m failed (${result.status ?? result.signal})`);
    renameSync(partial, dir);
    generatedSeconds = (performance.now() - start) / 1000;
  }
  return { dir, ratings: path.join(dir, 'ratings.csv'), diskBytes: folderBytes(dir), generatedSeconds };
}

export const browser25m = {
  name: 'browser-25m',
  async run(ctx) {
    const data = ensureMl25m(ctx);
    const ratingsBytes = statSync(data.ratings).size;
    const failed = (id, what, unit, message) => ({
      id,
      group: ML25M_GROUP,
      what,
      value: null,
      unit,
      status: 'failed',
      extra: message.slice(0, 300),
    });
    const rows = [];
    const notes = [
      `browser-25m: data in ${path.relative(ctx.root, data.dir)}: ${(data.diskBytes / MB).toFixed(0)} MB on disk ` +
        `(ratings.csv ${(ratingsBytes / MB).toFixed(0)} MB), kept for later runs` +
        (data.generatedSeconds != null ? ` (generated in ${data.generatedSeconds.toFixed(0)} s this run)` : '') +
        '; delete the folder to free the space.',
    ];
    const raw = { ratingsBytes, diskBytes: data.diskBytes };

    const ids = ['browser.parse.ml-25m', 'browser.train.ml-25m', 'browser.heap.ml-25m'];
    await withBrowser(async ({ browser, url }) => {
      // Service workers blocked: the page is isolated by the server's headers (threads build), and
      // every engine request reaches the route of exposeEngineModule (the heap of older builds).
      const { page, errors } = await openPage(browser, url, {
        serviceWorkers: 'block',
        beforeGoto: exposeEngineModule,
      });
      const info = await settledPage(page);
      raw.info = info;
      raw.heapAtStart = await wasmHeap(page);
      const build = `${info.variant} build, ${plural(info.threads, 'thread')}`;

      // 1. Reading + parsing, through the app's file input.
      let load;
      try {
        load = await loadThroughInput(page, [data.ratings], { timeout: 900_000 });
      } catch (e) {
        const message = `${e.message}${errors.length ? `; page: ${errors.at(-1)}` : ''}`;
        rows.push(
          failed(
            'browser.parse.ml-25m',
            'ml-25m ratings.csv: read + parse in a tab (loadFiles -> summary)',
            'MB/s',
            message,
          ),
        );
        rows.push(
          failed(
            'browser.train.ml-25m',
            'ml-25m training in a tab, 64 f CG, 15 it., loss off',
            's',
            'not run: the load failed',
          ),
        );
        rows.push(
          failed('browser.heap.ml-25m', 'wasm heap peak (the heap never shrinks)', 'GiB', 'not run: the load failed'),
        );
        return;
      }
      raw.load = load;
      raw.heapAfterLoad = await wasmHeap(page);
      const total = (load.end - load.start) / 1000;
      const reading = load.preparing != null ? (load.preparing - load.start) / 1000 : null;
      const finishing = load.preparing != null ? (load.end - load.preparing) / 1000 : null;
      const s = load.summary;
      console.error(
        `browser: ml-25m loaded in ${total.toFixed(1)} s (read + parse ${reading?.toFixed(1)} s, finishLoad ${finishing?.toFixed(1)} s)`,
      );
      rows.push({
        id: 'browser.parse.ml-25m',
        group: ML25M_GROUP,
        what: 'ratings.csv read + parse in a tab (loadFiles -> summary)',
        value: ratingsBytes / MB / total,
        unit: 'MB/s',
        extra:
          `${(ratingsBytes / MB).toFixed(0)} MB in ${total.toFixed(1)} s (MB = 10^6 bytes); ${s.rawRatings} ratings, ` +
          `${s.users} x ${s.items} after the default threshold; ${build}`,
        target: `>= ${GUIDE.parseMBps} MB/s`,
      });
      if (reading != null) {
        rows.push({
          id: 'browser.parse.ml-25m.read',
          group: ML25M_GROUP,
          what: '  of which reading + parsing the chunks (to the "preparing" event)',
          value: reading,
          unit: 's',
          extra: `${(ratingsBytes / MB / reading).toFixed(0)} MB/s`,
        });
        rows.push({
          id: 'browser.parse.ml-25m.finish',
          group: ML25M_GROUP,
          what: '  of which finishLoad (ids, duplicates, default threshold, CSR)',
          value: finishing,
          unit: 's',
          extra: '',
        });
      }

      // 2. All ratings, then training (as the ML-1M rows: loss off).
      let prepared;
      try {
        prepared = await withTimeout(timedCall(page, 'prepare', { useThreshold: false }), 300_000, 'prepare');
        rows.push({
          id: 'browser.prepare.ml-25m',
          group: ML25M_GROUP,
          what: 'prepare({useThreshold: false}): every rating kept',
          value: prepared.ms / 1000,
          unit: 's',
          extra: `${prepared.result.keptRatings} ratings, ${prepared.result.users} x ${prepared.result.items}`,
        });
        const run = await trainInPage(page, TRAIN_CONFIG, 1_800_000);
        raw.train = run;
        console.error(`browser: ml-25m trained in ${run.seconds.toFixed(1)} s`);
        rows.push({
          id: 'browser.train.ml-25m',
          group: ML25M_GROUP,
          what: 'training in a tab, 64 f CG, 15 it., loss off',
          value: run.seconds,
          unit: 's',
          extra:
            `${(run.seconds / TRAIN_CONFIG.iterations).toFixed(2)} s per iteration; ${cpuText(run.cores, run.otherCores)} ` +
            `(Chromium's processes); engine's own clock ${run.engineSeconds.toFixed(1)} s; ${build}`,
          target: `< ${GUIDE.train25mSeconds} s`,
        });
      } catch (e) {
        const message = `${e.message}${errors.length ? `; page: ${errors.at(-1)}` : ''}`;
        rows.push(failed('browser.train.ml-25m', 'training in a tab, 64 f CG, 15 it., loss off', 's', message));
      }

      // 3. The heap peak (the wasm memory never shrinks) and the tab's peak RSS.
      const heap = await wasmHeap(page).catch((e) => ({ bytes: null, error: e.message }));
      const rss = rendererPeakBytes();
      raw.heapAtEnd = heap;
      raw.rendererPeakBytes = rss;
      const steps = [
        ['start', raw.heapAtStart],
        ['after load', raw.heapAfterLoad],
      ]
        .filter(([, h]) => h?.bytes)
        .map(([when, h]) => `${when} ${gib(h.bytes)}`)
        .join(', ');
      const tab = rss ? `renderer peak RSS ${gib(rss)}` : '';
      if (heap.bytes) {
        rows.push({
          id: 'browser.heap.ml-25m',
          group: ML25M_GROUP,
          what: 'wasm heap peak (the heap never shrinks)',
          value: heap.bytes / GiB,
          unit: 'GiB',
          extra: `${(heap.bytes / 1e9).toFixed(2)} GB; ${steps}${steps ? ', ' : ''}after training ${gib(heap.bytes)}; ${tab}; read via ${heap.via}`,
          target: `< ${GUIDE.heap25mBytes / GiB} GiB`,
        });
      } else {
        rows.push({
          id: 'browser.heap.ml-25m',
          group: ML25M_GROUP,
          what: 'wasm heap peak (the heap never shrinks)',
          value: null,
          unit: 'GiB',
          status: 'failed',
          extra: `${heap.error}${tab ? `; instead: ${tab}` : ''}`.slice(0, 300),
          target: `< ${GUIDE.heap25mBytes / GiB} GiB`,
        });
      }
      if (errors.length) notes.push(`browser-25m: page errors: ${errors.slice(0, 3).join(' | ')}`);
    }).catch((e) => {
      // Whatever broke outside the steps above (the page, the browser): the rows say so.
      console.error(`browser-25m: ${e.stack ?? e}`);
      for (const id of ids) if (!rows.some((r) => r.id === id)) rows.push(failed(id, id, '', String(e.message ?? e)));
    });

    // The same load and training natively (2 threads), right after: what the tab's times compare to.
    try {
      const lines = await runJsonLines(ctx.paths.alsBench, [
        'train',
        '--data',
        data.dir,
        '--factors',
        '64',
        '--solvers',
        'cg',
        '--threads',
        '2',
        '--repeat',
        '1',
        '--iterations',
        '15',
        '--quality',
        '0',
      ]);
      const loaded = lines.find((l) => l.type === 'data');
      const run = lines.find((l) => l.type === 'train');
      raw.native = { loaded, run };
      rows.push({
        id: 'browser.native.ml-25m',
        group: ML25M_GROUP,
        what: 'native, same data, 2 threads: training (run after the tab closed)',
        value: run.seconds,
        unit: 's',
        extra:
          `${(run.seconds / TRAIN_CONFIG.iterations).toFixed(2)} s per iteration, ${cpuText(run.cores, run.other_cores)}; ` +
          `load + prepare (all ratings) ${loaded.load_seconds.toFixed(1)} s`,
      });
      const tab = rows.find((r) => r.id === 'browser.train.ml-25m' && r.value != null);
      if (tab) Object.assign(tab, { ratio: ratio(tab.value, run.seconds), vs: 'native 2 thr' });
    } catch (e) {
      notes.push(`browser-25m: the native reference run failed: ${e.message}`);
    }
    return { rows, raw, notes };
  },
};

export const browserStages = [browserTraining, browserStartup, browserLatency, browser25m];
