// The tuner ("Find good settings", `als tune`): on real ml-latest-small
// (skipped when absent) and on the generated ML-1M-sized set, the test
// precision@10 of the tuned settings against the tutorial's (100 f, λ 0.01,
// α 1, 15 it.), and the time the search took against its budget, natively
// (2 threads) and in headless Chromium (threads build, 2 threads). Both tune
// on precision@10 with a 30 s budget on the 80/20 split of `als evaluate`
// (split seed 1); the test split is only read after the search.
//
//   tuning   ALS_ML_LATEST_SMALL=DIR overrides /work/shared/data/ml-latest-small
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { loadThroughInput, openPage, settledPage, withBrowser, withTimeout } from './browser_support.mjs';
import { ratio } from './stats.mjs';

const GROUP =
  "tuning, 30 s budget, precision@10 on validation (test split untouched until the end): tuned vs the tutorial's settings on the test split";
const BUDGET_SECONDS = 30;
const TARGET_GAIN = 1.15; // tuned test p@10 >= 1.15x the tutorial's
const TARGET_TIME = [0.9, 1.1]; // the search takes its budget, within 10 %
const TUTORIAL = {
  factors: 100,
  regularization: 0.01,
  iterations: 15,
  alpha: 1,
  onePlus: false,
  solver: 'cg',
  cgSteps: 3,
  scaling: 'none',
  seed: 42,
};

function dataSets(ctx) {
  const small = process.env.ALS_ML_LATEST_SMALL || '/work/shared/data/ml-latest-small';
  return [
    {
      name: 'ml-latest-small',
      label: 'ml-latest-small (real, 100,836 ratings)',
      dir: small,
      files: ['ratings.csv', 'movies.csv'].map((f) => path.join(small, f)),
      present: existsSync(path.join(small, 'ratings.csv')),
    },
    {
      name: 'ml-1m',
      label: 'ML-1M-sized (generated, 1,000,209 ratings)',
      dir: ctx.paths.ml1m,
      files: ['ratings.dat', 'movies.dat'].map((f) => path.join(ctx.paths.ml1m, f)).filter((f) => existsSync(f)),
      present: existsSync(path.join(ctx.paths.ml1m, 'ratings.dat')),
    },
  ];
}

function rowsFor(where, set, r) {
  const gain = ratio(r.tuned, r.tutorial);
  const time = ratio(r.searchSeconds, BUDGET_SECONDS);
  return [
    {
      id: `tune.${where.key}.${set.name}.p10`,
      group: GROUP,
      what: `${where.label}, ${set.label}: tuned test p@10`,
      value: r.tuned,
      unit: 'p@10',
      extra:
        `tutorial ${r.tutorial.toFixed(4)}, popularity ${r.popularity.toFixed(4)}; best ${r.flags}; ${r.trials} trials, ` +
        `validation p@10 ${r.validation.toFixed(4)}`,
      ratio: gain,
      vs: "tutorial's p@10",
      target: `>= ${TARGET_GAIN.toFixed(2)}`,
    },
    {
      id: `tune.${where.key}.${set.name}.time`,
      group: GROUP,
      what: `${where.label}, ${set.label}: search time`,
      value: r.searchSeconds,
      unit: 's',
      extra: `then the comparison (two models on the training part + scoring) ${r.comparisonSeconds.toFixed(1)} s${r.wallNote ?? ''}`,
      ratio: time,
      vs: `budget ${BUDGET_SECONDS} s`,
      target: `${TARGET_TIME[0].toFixed(2)}-${TARGET_TIME[1].toFixed(2)}`,
    },
  ];
}

function skipped(where, set) {
  return [
    {
      id: `tune.${where.key}.${set.name}`,
      group: GROUP,
      what: `${where.label}, ${set.label}`,
      value: null,
      status: 'not-measured',
      extra: `no data at ${set.dir} (set ALS_ML_LATEST_SMALL to the folder of ratings.csv)`,
    },
  ];
}

// `als tune DATA --budget 30 --threads 2 --json FILE`.
function tuneNatively(ctx, set) {
  const json = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-tune-')), 'tune.json');
  const run = spawnSync(
    ctx.paths.als,
    ['tune', set.dir, '--budget', String(BUDGET_SECONDS), '--threads', '2', '--json', json],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (run.status !== 0) throw new Error(`als tune ${set.dir} failed (${run.status}): ${run.stderr.slice(-300)}`);
  const r = JSON.parse(readFileSync(json, 'utf8'));
  console.error(
    `  native ${set.name}: ${r.trials.length} trials in ${r.search_seconds.toFixed(1)} s, tuned p@10 ${r.test.tuned.precision.toFixed(4)} ` +
      `vs tutorial ${r.test.tutorial.precision.toFixed(4)} (${r.flags})`,
  );
  return {
    tuned: r.test.tuned.precision,
    tutorial: r.test.tutorial.precision,
    popularity: r.test.popularity.precision,
    flags: r.flags,
    trials: r.trials.length,
    validation: r.best.validation.precision,
    searchSeconds: r.search_seconds,
    comparisonSeconds: r.comparison_seconds,
  };
}

// The page's own 'tune' call (what "Find good settings" sends), timed in the
// page: until the first progress of the comparison, and to the answer.
async function tuneInPage(page, set) {
  await loadThroughInput(page, set.files, { timeout: 300_000 });
  const r = await withTimeout(
    page.evaluate(
      async ({ config, budgetSeconds }) => {
        const start = performance.now();
        let searchEnd = null;
        const result = await window.alsMovies.client.call(
          'tune',
          { config, budgetSeconds, metric: 'precision', k: 10, testFraction: 0.2, splitSeed: 1 },
          {
            onProgress: (p) => {
              if (p.phase !== 'searching' && searchEnd == null) searchEnd = performance.now();
            },
          },
        );
        const end = performance.now();
        const c = result.comparison;
        const s = c.tunedSettings;
        return {
          tuned: c.tuned.precision,
          tutorial: c.tutorial.precision,
          popularity: c.popularity.precision,
          trials: result.trials.length,
          flags: `--factors ${s.factors} --regularization ${s.regularization} --alpha ${s.alpha} --iterations ${s.iterations}${s.scaling !== 'none' ? ` --scaling ${s.scaling}` : ''}`,
          validation: result.best.validation.precision,
          searchSeconds: result.seconds,
          comparisonSeconds: result.comparisonSeconds,
          pageSearchSeconds: ((searchEnd ?? end) - start) / 1000,
          pageSeconds: (end - start) / 1000,
        };
      },
      { config: TUTORIAL, budgetSeconds: BUDGET_SECONDS },
    ),
    600_000,
    `tuning ${set.name} in the page`,
  );
  r.wallNote =
    `; in the page's clock the search took ${r.pageSearchSeconds.toFixed(1)} s (start of the call to the first comparison progress), ` +
    `the whole call ${r.pageSeconds.toFixed(1)} s`;
  console.error(
    `  Chromium ${set.name}: ${r.trials} trials in ${r.searchSeconds.toFixed(1)} s, tuned p@10 ${r.tuned.toFixed(4)} vs tutorial ${r.tutorial.toFixed(4)} (${r.flags})`,
  );
  return r;
}

export const tuningNative = {
  name: 'tuning-native',
  async run(ctx) {
    const where = { key: 'native', label: 'native, 2 threads' };
    const rows = [];
    for (const set of dataSets(ctx))
      rows.push(...(set.present ? rowsFor(where, set, tuneNatively(ctx, set)) : skipped(where, set)));
    return { rows };
  },
};

export const tuningBrowser = {
  name: 'tuning-browser',
  async run(ctx) {
    const where = { key: 'browser', label: 'Chromium, threads build, 2 threads' };
    return withBrowser(async ({ browser, url }) => {
      const { page, errors } = await openPage(browser, url);
      const info = await settledPage(page);
      if (info.variant !== 'threads' || info.threads !== 2)
        throw new Error(`expected the threads build on 2 threads, the page runs ${JSON.stringify(info)}`);
      const rows = [];
      for (const set of dataSets(ctx))
        rows.push(...(set.present ? rowsFor(where, set, await tuneInPage(page, set)) : skipped(where, set)));
      const notes = errors.length ? [`tuning-browser: page errors: ${errors.slice(0, 3).join(' | ')}`] : [];
      return { rows, notes };
    });
  },
};

export const tuningStages = [tuningNative, tuningBrowser];
