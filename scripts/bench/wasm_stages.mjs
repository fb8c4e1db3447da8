// WebAssembly stages in Node: the engines of public/engine/ (both variants)
// driven through the same Engine API the web worker uses (cpp/wasm/bindings.cpp).
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ensureLatencyData, LATENCY_GROUP, LATENCY_LABEL } from './native_stages.mjs';
import { GUIDE } from './reference.mjs';
import { cpuMeter, cpuText, median, ratio, runJsonLines, sleep } from './stats.mjs';

const require = createRequire(import.meta.url);
const WASM_GROUP = 'WebAssembly in Node: ML-1M, 64 f CG, 15 iterations (s, median)';

// A binding result is {error} on failure: turn it back into an exception.
export function check(result) {
  if (result && result.error) throw new Error(`engine: ${result.error}`);
  return result;
}

// The Emscripten output is CommonJS; it can be require()d where a package.json
// says so (scripts/lib.sh writes one into public/engine). Otherwise use a copy.
function engineDir(ctx) {
  const dir = ctx.paths.engineDir;
  const pkg = path.join(dir, 'package.json');
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).type === 'commonjs') return dir;
  const copy = path.join(ctx.paths.benchDir, 'engine');
  mkdirSync(copy, { recursive: true });
  cpSync(dir, copy, { recursive: true });
  writeFileSync(path.join(copy, 'package.json'), '{ "type": "commonjs" }\n');
  return copy;
}

// One module instance per variant for the whole run (the threads variant
// keeps its pthread workers alive, so it is not loaded twice).
export async function loadEngine(ctx, variant) {
  ctx.engines ??= {};
  if (!ctx.engines[variant]) {
    const dir = engineDir(ctx);
    const factory = require(path.join(dir, `als_engine_${variant}.js`));
    const options = { wasmBinary: readFileSync(path.join(dir, `als_engine_${variant}.wasm`)) };
    if (variant === 'threads') options.pthreadPoolSize = 1; // 2 threads: the caller + 1 worker
    const Module = await factory(options);
    Module.useThreads(variant === 'threads' ? 2 : 1);
    ctx.engines[variant] = Module;
  }
  return ctx.engines[variant];
}

// Switches the threads variant's pool; the event loop must run for a retired
// pthread to return to Emscripten's worker pool before the next one starts.
export async function useThreads(Module, threads) {
  Module.useThreads(threads);
  await sleep(100);
  const info = Module.buildInfo();
  if (info.threads !== threads) throw new Error(`asked for ${threads} threads, the module runs ${info.threads}`);
}

// Streams a ratings file into a new Engine in chunks, as the web worker feeds File slices.
function loadRatings(Module, file, chunkBytes = 4 << 20) {
  const engine = new Module.Engine();
  const start = performance.now();
  check(engine.beginLoad(false));
  check(engine.beginFile(path.basename(file)));
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(chunkBytes);
  for (let n; (n = readSync(fd, buffer, 0, chunkBytes, null)) > 0;) {
    engine.chunkBuffer(n).set(buffer.subarray(0, n));
    check(engine.feedChunk(n));
  }
  closeSync(fd);
  check(engine.endFile());
  check(engine.finishLoad());
  const summary = check(engine.prepare({ useThreshold: false }));
  return { engine, summary, seconds: (performance.now() - start) / 1000 };
}

const TRAIN_CONFIG = {
  factors: 64,
  iterations: 15,
  regularization: 0.01,
  alpha: 1,
  solver: 'cg',
  cgSteps: 3,
  skipLoss: true,
};

// Wall time of startTraining + the advanceTraining(budget) loop the worker
// runs, and the cores kept busy (process CPU time, pthread workers included, / wall time).
function timedTraining(engine, config) {
  const share = cpuMeter();
  const start = performance.now();
  check(engine.startTraining(config, null, null));
  let progress;
  do progress = check(engine.advanceTraining(0.25));
  while (!progress.done);
  return { seconds: (performance.now() - start) / 1000, ...share() };
}

export const wasmTraining = {
  name: 'wasm-training',
  async run(ctx) {
    const threadsModule = await loadEngine(ctx, 'threads');
    const simdModule = await loadEngine(ctx, 'simd');
    const ratings = path.join(ctx.paths.ml1m, 'ratings.dat');
    const onThreads = loadRatings(threadsModule, ratings);
    const onSimd = loadRatings(simdModule, ratings);
    console.error(
      `wasm: loaded ${onSimd.summary.keptRatings} ratings (threads ${onThreads.seconds.toFixed(2)} s, simd ${onSimd.seconds.toFixed(2)} s)`,
    );

    // Interleaved: native 2 threads, wasm threads 2, wasm threads 1, wasm simd 1.
    const runs = { native: [], threads2: [], threads1: [], simd: [] };
    const cores = { native: [], threads2: [], threads1: [], simd: [] };
    const others = { native: [], threads2: [], threads1: [], simd: [] };
    const record = (key, run) => {
      runs[key].push(run.seconds);
      cores[key].push(run.cores);
      others[key].push(run.otherCores);
    };
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
      const run = native.find((l) => l.type === 'train');
      record('native', { seconds: run.seconds, cores: run.cores, otherCores: run.other_cores });
      gflop = run.gflop;
      await useThreads(threadsModule, 2);
      record('threads2', timedTraining(onThreads.engine, TRAIN_CONFIG));
      await useThreads(threadsModule, 1);
      record('threads1', timedTraining(onThreads.engine, TRAIN_CONFIG));
      record('simd', timedTraining(onSimd.engine, TRAIN_CONFIG));
      console.error(
        `  rep ${rep}  native 2 thr ${runs.native.at(-1).toFixed(2)} s, wasm threads 2 thr ${runs.threads2.at(-1).toFixed(2)} s, ` +
          `threads 1 thr ${runs.threads1.at(-1).toFixed(2)} s, simd ${runs.simd.at(-1).toFixed(2)} s`,
      );
    }
    await useThreads(threadsModule, 2);

    const native = median(runs.native);
    const native1 = ctx.find('native.train.cg.f64.t1')?.value;
    const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
    const gflops = (s, key) => `${(gflop / s).toFixed(1)} GFLOP/s, ${cpuText(median(cores[key]), median(others[key]))}`;
    const vsNative1 = (s) => (native1 ? `, x${(s / native1).toFixed(2)} vs native 1 thread` : '');
    const rows = [
      {
        id: 'wasm.train.native-interleaved',
        group: WASM_GROUP,
        what: 'native CG, 64 f, 2 threads (run between the wasm runs)',
        value: native,
        unit: 's',
        extra: gflops(native, 'native'),
        runs: runs.native,
      },
      {
        id: 'wasm.train.threads.t2',
        group: WASM_GROUP,
        what: 'wasm threads+SIMD, 2 threads',
        value: m.threads2,
        unit: 's',
        extra: `${gflops(m.threads2, 'threads2')}, x${(m.threads1 / m.threads2).toFixed(2)} vs 1 thread`,
        ratio: ratio(m.threads2, native),
        vs: 'native 2 thr',
        target: `<= ${GUIDE.wasmThreadsVsNative.toFixed(2)}`,
        runs: runs.threads2,
      },
      {
        id: 'wasm.train.threads.t1',
        group: WASM_GROUP,
        what: 'wasm threads+SIMD, 1 thread',
        value: m.threads1,
        unit: 's',
        extra: gflops(m.threads1, 'threads1') + vsNative1(m.threads1),
        ratio: ratio(m.threads1, native),
        vs: 'native 2 thr',
        target: '',
        runs: runs.threads1,
      },
      {
        id: 'wasm.train.simd.t1',
        group: WASM_GROUP,
        what: 'wasm SIMD (single-threaded build), 1 thread',
        value: m.simd,
        unit: 's',
        extra: gflops(m.simd, 'simd') + vsNative1(m.simd),
        ratio: ratio(m.simd, native),
        vs: 'native 2 thr',
        target: `<= ${GUIDE.wasmSimdVsNative2.toFixed(2)}`,
        runs: runs.simd,
      },
    ];

    // Same quality: the wasm engine's precision@10 on the same split (seed 42) must equal the native one.
    if (!ctx.options.quick) {
      const start = performance.now();
      check(onThreads.engine.startEvaluation({ ...TRAIN_CONFIG }, 0.2, 10, 42, false));
      let result;
      do result = check(onThreads.engine.advanceEvaluation(0.25));
      while (!result.done);
      const nativeQuality = ctx.find('native.quality.cg.f64')?.value;
      rows.push({
        id: 'wasm.quality.cg.f64',
        group: WASM_GROUP,
        what: 'wasm precision@10, CG 64 f (80/20 split, seed 42)',
        value: result.model.precision,
        unit: 'p@10',
        extra:
          (nativeQuality == null
            ? ''
            : result.model.precision === nativeQuality
              ? 'identical to native, '
              : `native ${nativeQuality.toFixed(6)}: DIFFERENT by ${(result.model.precision - nativeQuality).toExponential(2)}, `) +
          `${((performance.now() - start) / 1000).toFixed(1)} s`,
        status: 'measured',
      });
    }
    return { rows, raw: { seconds: runs, cores, otherCores: others } };
  },
};

export const wasmLatency = {
  name: 'wasm-latency',
  cores: 1, // queries run on one thread
  async run(ctx) {
    const data = await ensureLatencyData(ctx);
    const Module = await loadEngine(ctx, 'simd');
    const { engine, summary, seconds } = loadRatings(Module, data.file);
    const trainSeconds = timedTraining(engine, { ...TRAIN_CONFIG, iterations: 2 }).seconds;
    console.error(
      `wasm latency model: ${summary.users} users x ${summary.items} items; load ${seconds.toFixed(2)} s, train ${trainSeconds.toFixed(2)} s`,
    );

    // The five most popular items (ties: lower index), rated 5, 5, 4, 4, 5, as the native bench.
    const popularity = check(engine.itemTable()).popularity;
    const items = [...popularity.keys()].sort((a, b) => popularity[b] - popularity[a] || a - b).slice(0, 5);
    const values = [5, 5, 4, 4, 5];
    const other = Math.floor(popularity.length / 2);
    const calls = {
      'fold-in': () => check(engine.predictedPreference(items, values, other)),
      'similar-items': () => check(engine.similarItems(items[0], 10, -1)),
      'recommend-explain': () => check(engine.recommend(items, values, 10, null, -1)),
    };
    const rows = [];
    const raw = {};
    for (const [what, call] of Object.entries(calls)) {
      call();
      const ms = [];
      for (let k = 0; k < 50; k++) {
        const start = performance.now();
        call();
        ms.push(performance.now() - start);
      }
      raw[what] = ms;
      const value = median(ms);
      const native = ctx.find(`native.latency.${what}`)?.value;
      rows.push({
        id: `wasm.latency.${what}`,
        group: LATENCY_GROUP,
        what: `wasm SIMD ${LATENCY_LABEL[what]}`,
        value,
        unit: 'ms',
        extra: `min ${Math.min(...ms).toFixed(3)} ms`,
        ratio: ratio(value, native),
        vs: native != null ? 'native' : '',
        target: `< ${GUIDE.queryMs} ms`,
      });
    }
    return { rows, raw };
  },
};
