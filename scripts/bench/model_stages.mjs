// Every model kind on the ML-1M shape: the Compare step's call, natively
// (`als compare`) and in a tab (the threads build, 2 threads, the page's own
// client.call('compare')), on the same split (2 % held out, seed 42, so the
// models train on 98 % of the 1,000,209 ratings), each with its library's
// defaults (ALS: 64 f, 15 it., as implicit's reference run). The training
// time of each model, the tab against native and against implicit's fit() of
// the same model on the whole file (reference.mjs), and its quality at K=10.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { loadThroughInput, openPage, settledPage, timedCall, withBrowser, withTimeout } from './browser_support.mjs';
import { GUIDE, IMPLICIT_MODELS } from './reference.mjs';
import { ratio } from './stats.mjs';

const KINDS = ['als', 'explicit-als', 'bpr', 'lmf', 'knn-bm25', 'knn-cosine', 'knn-tfidf'];
const ALS = { factors: 64, iterations: 15, regularization: 0.01, alpha: 1, solver: 'cg', cgSteps: 3, skipLoss: true };
const TEST_FRACTION = 0.02;
const SEED = 42;
const GROUP =
  'every model kind: ML-1M shape, 2 % held out (trained on 98 %), its defaults, 2 threads (training s; quality at K=10)';

// `als compare` prints one row per model (popularity first): title, P, MAP, NDCG, AUC, RMSE, MAE, seconds.
function nativeCompare(ctx) {
  const out = execFileSync(
    ctx.paths.als,
    [
      'compare',
      ctx.paths.ml1m,
      '--no-threshold',
      '--models',
      KINDS.join(','),
      '--test-fraction',
      String(TEST_FRACTION),
      '--seed',
      String(SEED),
      '--threads',
      '2',
      '--factors',
      String(ALS.factors),
      '--iterations',
      String(ALS.iterations),
      '--no-loss',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 },
  );
  const lines = out.split('\n');
  const header = lines.findIndex((l) => l.startsWith('model'));
  const rows = lines.slice(header + 2, header + 2 + KINDS.length); // popularity comes first
  return rows.map((line, k) => {
    const cells = line.slice(24).trim().split(/\s+/);
    return {
      kind: KINDS[k],
      seconds: Number(cells[6]),
      precision: Number(cells[0]),
      ndcg: Number(cells[2]),
      rmse: cells[4] === '-' ? null : Number(cells[4]),
    };
  });
}

async function tabCompare(ctx, browser, url) {
  const { page, errors } = await openPage(browser, url);
  const info = await settledPage(page);
  if (info.variant !== 'threads' || info.threads !== 2) throw new Error(`the page runs ${JSON.stringify(info)}`);
  await loadThroughInput(page, [path.join(ctx.paths.ml1m, 'ratings.dat')], { timeout: 300_000 });
  const prepared = await timedCall(page, 'prepare', { useThreshold: false });
  if (prepared.result.keptRatings !== 1000209) throw new Error(`prepare kept ${prepared.result.keptRatings}`);
  const models = KINDS.map((kind) => (kind === 'als' ? { kind, config: ALS } : { kind }));
  const { ms, result } = await withTimeout(
    timedCall(page, 'compare', { models, testFraction: TEST_FRACTION, k: 10, seed: SEED }),
    900_000,
    'compare in the page',
  );
  const byKind = new Map(result.models.map((m) => [m.kind, m]));
  return {
    wallSeconds: ms / 1000,
    errors,
    models: KINDS.map((kind) => {
      const m = byKind.get(kind);
      if (m?.state !== 'done') throw new Error(`${kind} in the tab: ${m?.state} ${m?.error ?? ''}`);
      return {
        kind,
        seconds: m.trainingSeconds,
        precision: m.metrics.precision,
        ndcg: m.metrics.ndcg,
        rmse: m.ratingErrors?.rmse ?? null,
      };
    }),
  };
}

export const modelKinds = {
  name: 'models',
  async run(ctx) {
    const native = nativeCompare(ctx);
    const tab = await withBrowser(({ browser, servers }) => tabCompare(ctx, browser, servers.isolated.url));
    const rows = [];
    const quality = (m) =>
      `P@10 ${m.precision.toFixed(4)}, NDCG@10 ${m.ndcg.toFixed(4)}${m.rmse == null ? '' : `, RMSE ${m.rmse.toFixed(3)}`}`;
    for (let k = 0; k < KINDS.length; k++) {
      const kind = KINDS[k];
      const n = native[k];
      const t = tab.models[k];
      const implicit = IMPLICIT_MODELS[kind];
      rows.push({
        id: `models.${kind}.native`,
        group: GROUP,
        what: `${kind}: native`,
        value: n.seconds,
        unit: 's',
        extra: quality(n),
        ratio: ratio(n.seconds, t.seconds),
        vs: 'the tab',
        target: `<= ${GUIDE.modelNativeVsTab.toFixed(2)}`,
      });
      rows.push({
        id: `models.${kind}.tab`,
        group: GROUP,
        what: `${kind}: Chromium threads+SIMD`,
        value: t.seconds,
        unit: 's',
        extra: `${quality(t)}${implicit ? `; implicit 0.7.3 ${implicit} s on all ratings` : '; no implicit model'}`,
        ratio: implicit ? ratio(t.seconds, implicit) : null,
        vs: implicit ? 'implicit' : '',
        target: implicit ? `<= ${GUIDE.modelTabVsImplicit.toFixed(2)}` : '',
      });
    }
    const notes = [
      `models: the Compare step's call on the ML-1M shape, 2 % held out (seed ${SEED}); ALS ${ALS.factors} f ${ALS.iterations} it. CG, ` +
        `the others implicit's/Spark's defaults (BPR 100 f 100 it., LMF 30 f 30 it., kNN K=20). BPR and LMF run Hogwild on 2 threads, ` +
        `so their quality differs a little run to run; the tab's compare took ${tab.wallSeconds.toFixed(1)} s in all (scoring included).`,
    ];
    if (tab.errors.length) notes.push(`models: page errors: ${tab.errors.slice(0, 3).join(' | ')}`);
    return { rows, raw: { native, tab: tab.models }, notes };
  },
};
