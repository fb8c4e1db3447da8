// Reading + parsing the ml-25m-sized set (build/bench-data/ml-25m, 689 MB
// ratings.csv) outside the browser: natively through als_bench parse (the
// block scanner on 1 and 2 threads, the line-by-line reference, the same
// folder as a zip made by `zip -r -1`), and the wasm engine's own parser under
// Node (both builds), fed 4 MB chunks as the worker feeds File slices. Read +
// parse and prepare are timed apart.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

import { ensureMl25m } from './browser_stages.mjs';
import { cpuMeter, cpuText, median, ratio, runJsonLines } from './stats.mjs';
import { check, loadEngine, useThreads } from './wasm_stages.mjs';

const MB = 1e6;
const GROUP = 'read + parse the ml-25m-sized set (689 MB ratings.csv; MB/s of the text, MB = 10^6 bytes)';
const TARGET_NATIVE = 300; // MB/s, read + parse (issue 11)
const TARGET_TAB = 150; // MB/s in a tab, end to end (the wasm parser is one part of it)

// build/bench-data/ml-25m.zip, as GroupLens ships it: one top folder. Made once.
function ensureZip(data) {
  const zip = `${data.dir}.zip`;
  const ratings = statSync(data.ratings);
  if (!existsSync(zip) || statSync(zip).mtimeMs < ratings.mtimeMs) {
    rmSync(zip, { force: true });
    console.error('zipping the ml-25m-sized set (once: zip -r -1) ...');
    execFileSync('zip', ['-q', '-r', '-1', path.basename(zip), path.basename(data.dir)], {
      cwd: path.dirname(data.dir),
      stdio: 'inherit',
    });
  }
  return zip;
}

// finishLoad's steps as the engine reports them: "merge 0.22 s, threshold 0.06 s, ...".
export const phasesText = (phases) => (phases ?? []).map((p) => `${p.name} ${p.seconds.toFixed(2)} s`).join(', ');

// The wasm engine's parser alone: the time spent copying chunks into the heap
// and parsing them (chunkBuffer + feedChunk + endFile), not reading the disk.
function wasmParse(Module, file, chunkBytes = 4 << 20) {
  const engine = new Module.Engine();
  check(engine.beginLoad(false));
  check(engine.beginFile(path.basename(file)));
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(chunkBytes);
  let parseMs = 0;
  let bytes = 0;
  const share = cpuMeter();
  for (let n; (n = readSync(fd, buffer, 0, chunkBytes, null)) > 0;) {
    const start = performance.now();
    check(engine.chunkBuffer(n)).set(buffer.subarray(0, n));
    check(engine.feedChunk(n));
    parseMs += performance.now() - start;
    bytes += n;
  }
  closeSync(fd);
  const start = performance.now();
  check(engine.endFile());
  parseMs += performance.now() - start;
  const cpu = share();
  const prepareStart = performance.now();
  const summary = check(engine.finishLoad());
  const prepareSeconds = (performance.now() - prepareStart) / 1000;
  engine.delete();
  return {
    bytes,
    parseSeconds: parseMs / 1000,
    prepareSeconds,
    ratings: summary.rawRatings,
    phases: summary.preparePhases,
    cores: cpu.cores,
    otherCores: cpu.otherCores,
  };
}

export const parseStage = {
  name: 'parse',
  async run(ctx) {
    const data = ensureMl25m(ctx);
    const zip = ensureZip(data);
    const repeat = ctx.options.repeat;
    const lines = await runJsonLines(ctx.paths.alsBench, [
      'parse',
      '--data',
      `${data.ratings},${zip}`,
      '--threads',
      '1,2',
      '--repeat',
      String(repeat),
      '--reference',
      '1',
    ]);
    const runs = (zipped, scanner, threads) =>
      lines.filter((l) => l.type === 'parse' && l.zip === zipped && l.scanner === scanner && l.threads === threads);
    const mbps = (l) => l.bytes / MB / l.read_seconds;
    const rows = [];
    const plain1 = median(runs(false, 'block', 1).map(mbps));
    const reference = median(runs(false, 'reference', 1).map(mbps));
    const row = (id, what, list, { vs, against, target } = {}) => {
      if (list.length === 0) return;
      const value = median(list.map(mbps));
      const l = list[0];
      rows.push({
        id,
        group: GROUP,
        what,
        value,
        unit: 'MB/s',
        extra:
          `${(l.bytes / MB).toFixed(0)} MB in ${median(list.map((r) => r.read_seconds)).toFixed(2)} s, ` +
          `${cpuText(median(list.map((r) => r.cores)), median(list.map((r) => r.other_cores)))}; then prepare ` +
          `${median(list.map((r) => r.prepare_seconds)).toFixed(2)} s (default threshold: ${l.kept} of ${l.ratings} kept)` +
          (l.zip ? `; zip ${(l.file_bytes / MB).toFixed(0)} MB` : ''),
        ratio: against != null ? ratio(value, against) : null,
        vs: vs ?? '',
        target: target ?? '',
        runs: list.map(mbps),
      });
    };
    row(
      'native.parse.reference',
      'native, line-by-line reference parser (as before issue 11), 1 thread',
      runs(false, 'reference', 1),
    );
    row('native.parse.plain.t1', 'native ratings.csv, block scanner, 1 thread', runs(false, 'block', 1), {
      against: reference,
      vs: 'reference',
      target: `>= ${TARGET_NATIVE} MB/s`,
    });
    row('native.parse.plain.t2', 'native ratings.csv, block scanner, 2 threads', runs(false, 'block', 2), {
      against: plain1,
      vs: '1 thread',
      target: `>= ${TARGET_NATIVE} MB/s`,
    });
    row('native.parse.zip.t1', 'native ml-25m.zip (inflate + parse), 1 thread', runs(true, 'block', 1), {
      against: plain1,
      vs: 'plain, 1 thr',
    });
    row('native.parse.zip.t2', 'native ml-25m.zip (inflate + parse), 2 threads', runs(true, 'block', 2), {
      against: plain1,
      vs: 'plain, 1 thr',
    });

    // The wasm parser under Node: both builds, the threads build on 1 and 2 threads.
    const wasm = { simd1: [], threads1: [], threads2: [] };
    const threadsModule = await loadEngine(ctx, 'threads');
    const simdModule = await loadEngine(ctx, 'simd');
    for (let rep = 0; rep < repeat; rep++) {
      wasm.simd1.push(wasmParse(simdModule, data.ratings));
      await useThreads(threadsModule, 1);
      wasm.threads1.push(wasmParse(threadsModule, data.ratings));
      await useThreads(threadsModule, 2);
      wasm.threads2.push(wasmParse(threadsModule, data.ratings));
      console.error(
        `  wasm parse rep ${rep + 1}: simd ${(wasm.simd1.at(-1).bytes / MB / wasm.simd1.at(-1).parseSeconds).toFixed(0)} MB/s, ` +
          `threads 1 thr ${(wasm.threads1.at(-1).bytes / MB / wasm.threads1.at(-1).parseSeconds).toFixed(0)} MB/s, ` +
          `2 thr ${(wasm.threads2.at(-1).bytes / MB / wasm.threads2.at(-1).parseSeconds).toFixed(0)} MB/s`,
      );
    }
    const wasmRate = (list) => median(list.map((r) => r.bytes / MB / r.parseSeconds));
    const wasmRow = (id, what, list, against, vs) => {
      const value = wasmRate(list);
      rows.push({
        id,
        group: GROUP,
        what,
        value,
        unit: 'MB/s',
        extra:
          `${(list[0].bytes / MB).toFixed(0)} MB in ${median(list.map((r) => r.parseSeconds)).toFixed(2)} s (copy into the heap + parse), ` +
          `${cpuText(median(list.map((r) => r.cores)), median(list.map((r) => r.otherCores)))}; then finishLoad ` +
          `${median(list.map((r) => r.prepareSeconds)).toFixed(2)} s (${phasesText(list[0].phases)})`,
        ratio: ratio(value, against),
        vs,
        target: `tab end to end >= ${TARGET_TAB} MB/s`,
        runs: list.map((r) => r.bytes / MB / r.parseSeconds),
        // (the tab's load is compared with these: browser_load_stages.mjs)
        parseSeconds: median(list.map((r) => r.parseSeconds)),
        finishSeconds: median(list.map((r) => r.prepareSeconds)),
        phases: list[0].phases,
      });
    };
    wasmRow(
      'wasm.parse.simd.t1',
      'wasm SIMD build under Node, 1 thread (parser only)',
      wasm.simd1,
      plain1,
      'native 1 thr',
    );
    wasmRow(
      'wasm.parse.threads.t1',
      'wasm threads build under Node, 1 thread (parser only)',
      wasm.threads1,
      plain1,
      'native 1 thr',
    );
    wasmRow(
      'wasm.parse.threads.t2',
      'wasm threads build under Node, 2 threads (parser only)',
      wasm.threads2,
      wasmRate(wasm.threads1),
      '1 thread',
    );
    return { rows, raw: { native: lines, wasm } };
  },
};
