// npm run bench (after scripts/bench.sh built everything): runs the stages in
// order, prints ONE table and writes it as JSON to build/bench/results.json
// (+ a timestamped copy) so later changes can be compared. It measures; it
// does not assert.
//
//   node scripts/bench/run.mjs [--quick] [--repeat N] [--only stage,...] [--skip stage,...] [--wait-idle S]
//
// A stage is {name, run(ctx) -> {rows, raw?, notes?}, timed?, cores?}; a row is
// {id, group, what, value, unit, extra, ratio, vs, target, status}. Later
// stages can read earlier rows with ctx.find(id) (ratios within one run).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { browserStages } from './browser_stages.mjs';
import { browserImport } from './import_stages.mjs';
import { browserZip } from './browser_load_stages.mjs';
import { modelKinds } from './model_stages.mjs';
import { nativeLatency, nativeProfile, nativeTraining } from './native_stages.mjs';
import { parseStage } from './parse_stages.mjs';
import { FLOP_MODEL, GUIDE, IMPLICIT } from './reference.mjs';
import { runJsonLines, sleep } from './stats.mjs';
import { tuningStages } from './tuning_stages.mjs';
import { wasmLatency, wasmTraining } from './wasm_stages.mjs';

const STAGES = [
  nativeTraining,
  nativeProfile,
  wasmTraining,
  nativeLatency,
  wasmLatency,
  parseStage,
  ...browserStages,
  browserImport,
  browserZip,
  modelKinds,
  ...tuningStages,
];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function parseOptions(argv) {
  const options = { quick: false, repeat: null, only: null, skip: [], waitIdle: 30 };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const value = () => argv[++k];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--repeat') options.repeat = Number(value());
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--skip') options.skip = value().split(',');
    else if (arg === '--wait-idle') options.waitIdle = Number(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(`usage: npm run bench -- [--quick] [--repeat N] [--only STAGES] [--skip STAGES] [--no-build]
  --quick     64 factors only, 1 repetition, CG-only profile, no wasm quality check
  (a full run took ~7 min on an idle 2-core machine, browser-25m ~2 min of it: --skip browser-25m;
   it generates build/bench-data/ml-25m once, ~0.7 GB kept on disk)
  --repeat N  timed repetitions (median), default 3 (1 with --quick)
  --wait-idle S  before a timed stage, wait up to S seconds (default 30) for 2 free cores
  stages: ${STAGES.map((s) => s.name).join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (--help lists them)`);
  }
  options.repeat ??= options.quick ? 1 : 3;
  return options;
}

function shell(program, args) {
  try {
    return execFileSync(program, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model;
  const commit = shell('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = shell('git', ['status', '--porcelain', '--untracked-files=no']);
  return {
    cpu,
    cores: os.cpus().length,
    node: process.version,
    commit: commit && (dirty ? `${commit}+changes` : commit),
  };
}

// How many cores two spinning threads get right now (2.0 on an idle 2-core machine).
async function coresAvailable(ctx) {
  try {
    const [probe] = await runJsonLines(ctx.paths.alsBench, ['cpu-probe', '--threads', '2', '--seconds', '0.5']);
    return probe.cores; // (probe.other_cores: what the other processes took meanwhile)
  } catch {
    return NaN;
  }
}

// Before a timed stage: wait (up to --wait-idle seconds) until two spinning
// threads get nearly the cores the stage uses (stage.cores, default 2), so
// other people's builds and tests distort less.
async function waitForIdle(ctx, wanted) {
  const start = Date.now();
  let cores = await coresAvailable(ctx);
  while (cores < wanted - 0.2 && (Date.now() - start) / 1000 < ctx.options.waitIdle) {
    await sleep(3000);
    cores = await coresAvailable(ctx);
  }
  return { cores, waited: (Date.now() - start) / 1000 };
}

// ---- the table ----

function formatValue(row) {
  if (row.value == null) return row.status === 'not-measured' ? '-' : 'failed';
  const v = row.value;
  if (row.unit === 'p@10') return v.toFixed(4);
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : 3;
  return `${v.toFixed(digits)} ${row.unit}`;
}

function printTable(rows) {
  const cells = rows.map((r) => ({
    group: r.group,
    cols: [
      r.what,
      formatValue(r),
      r.ratio == null ? '' : r.ratio.toFixed(2),
      r.vs ?? '',
      r.target ?? '',
      r.extra ?? '',
    ],
  }));
  const header = ['what', 'measured', 'ratio', 'ratio to', 'target', 'details'];
  const widths = header.map((h, k) => Math.max(h.length, ...cells.map((c) => c.cols[k].length)));
  widths[5] = Math.min(widths[5], 110);
  const line = (cols) =>
    cols
      .map((c, k) => (k === 1 || k === 2 ? c.padStart(widths[k]) : c.padEnd(widths[k])))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let group = null;
  for (const c of cells) {
    if (c.group !== group) {
      group = c.group;
      out.push('', `[${group}]`);
    }
    out.push(line(c.cols));
  }
  console.log(`\n${out.join('\n')}\n`);
}

// ---- main ----

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const benchDir = path.join(ROOT, 'build/bench');
  const ctx = {
    root: ROOT,
    options,
    paths: {
      alsBench: path.join(ROOT, 'build/native/cpp/als_bench'),
      als: path.join(ROOT, 'build/native/als'),
      ml1m: path.join(ROOT, 'build/bench-data/ml-1m'),
      latencyData: path.join(ROOT, 'build/bench-data/latency-i59047-u10000-r1000000'),
      engineDir: path.join(ROOT, 'public/engine'),
      benchDir,
    },
    rows: [],
    find: (id) => ctx.rows.find((r) => r.id === id && r.value != null),
  };
  mkdirSync(benchDir, { recursive: true });
  if (!existsSync(path.join(ctx.paths.ml1m, 'ratings.dat'))) {
    console.error('generating the ML-1M-shaped data set (once) ...');
    execFileSync(ctx.paths.als, ['generate', '--preset', 'ml-1m', '--out', ctx.paths.ml1m], { stdio: 'inherit' });
  }

  const started = Date.now();
  const meta = { date: new Date().toISOString(), ...machine(), options, loadAverageAtStart: os.loadavg() };
  const stages = [];
  const raw = {};
  const notes = [`FLOP model: ${FLOP_MODEL}`];
  for (const stage of STAGES) {
    if ((options.only && !options.only.includes(stage.name)) || options.skip.includes(stage.name)) continue;
    const { cores, waited } =
      stage.timed === false ? { cores: NaN, waited: 0 } : await waitForIdle(ctx, stage.cores ?? 2);
    const t0 = Date.now();
    const load = os.loadavg()[0];
    const probe = Number.isFinite(cores) ? `, 2 spinning threads get ${cores.toFixed(2)} cores` : '';
    const wait = waited >= 1 ? ` after waiting ${waited.toFixed(0)} s for the machine to calm down` : '';
    console.error(`\n== bench stage ${stage.name} (load average ${load.toFixed(2)}${probe}${wait})`);
    try {
      const result = await stage.run(ctx);
      ctx.rows.push(...result.rows.map((r) => ({ status: 'measured', ...r })));
      raw[stage.name] = result.raw ?? null;
      notes.push(...(result.notes ?? []));
    } catch (error) {
      console.error(`stage ${stage.name} failed: ${error.stack ?? error}`);
      ctx.rows.push({
        id: `${stage.name}.failed`,
        group: stage.name,
        what: `stage ${stage.name}`,
        value: null,
        status: 'failed',
        extra: String(error.message ?? error).slice(0, 200),
      });
    }
    stages.push({
      name: stage.name,
      seconds: (Date.now() - t0) / 1000,
      waitedForIdleSeconds: waited,
      loadAverageAtStart: load,
      coresAvailableAtStart: cores,
    });
  }
  meta.loadAverageAtEnd = os.loadavg();
  meta.totalSeconds = (Date.now() - started) / 1000;

  printTable(ctx.rows);
  const fewest = Math.min(...stages.map((s) => s.coresAvailableAtStart).filter(Number.isFinite));
  if (fewest < 1.8) {
    notes.push(
      `Shared machine: at some stage 2 spinning threads got only ${fewest.toFixed(2)} cores (load average up to ` +
        `${Math.max(...stages.map((s) => s.loadAverageAtStart)).toFixed(2)}), so 2-thread times and speed-ups are pessimistic; ` +
        'ratios measured interleaved in this run still compare. "CPU n cores" in the details = CPU time / wall time of that run.',
    );
  }
  for (const note of notes) console.log(note);
  console.log(
    `stages: ${stages.map((s) => `${s.name} ${s.seconds.toFixed(0)} s`).join(', ')}; total ${meta.totalSeconds.toFixed(0)} s`,
  );

  const results = { meta, reference: { implicit: IMPLICIT, guide: GUIDE }, notes, stages, rows: ctx.rows, raw };
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const stamp = meta.date.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(path.join(benchDir, 'results.json'), json);
  writeFileSync(path.join(benchDir, `results-${stamp}.json`), json);
  console.log(`wrote build/bench/results.json and build/bench/results-${stamp}.json`);
  process.exit(0); // the threads engine keeps its pthread workers alive
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
