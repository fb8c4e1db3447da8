// Native stages: training on ML-1M (timed, interleaved, then quality), the
// Gram-vs-solve profile, and query latency. Each runs build/native's als_bench
// (cpp/bench/als_bench.cpp) and turns its JSON lines into table rows.
import { GUIDE, IMPLICIT } from './reference.mjs';
import { cpuText, median, ratio, runJsonLines } from './stats.mjs';

const SOLVER_LABEL = { cg: 'CG (3 steps)', cholesky: 'Cholesky' };
const TRAIN_GROUP = 'ML-1M, all 1,000,209 ratings, 15 iterations, native (s, median)';

export function trainSettings(ctx) {
  return {
    factors: ctx.options.quick ? [64] : [64, 128],
    solvers: ['cg', 'cholesky'],
    threads: [1, 2],
    repeat: ctx.options.repeat,
  };
}

export const nativeTraining = {
  name: 'native-training',
  async run(ctx) {
    const s = trainSettings(ctx);
    const lines = await runJsonLines(ctx.paths.alsBench, [
      'train',
      '--data',
      ctx.paths.ml1m,
      '--factors',
      s.factors.join(','),
      '--solvers',
      s.solvers.join(','),
      '--threads',
      s.threads.join(','),
      '--repeat',
      String(s.repeat),
      '--iterations',
      '15',
      '--quality',
      '1',
    ]);
    const rows = [];
    const timed = (f, solver, t) =>
      lines.filter((l) => l.type === 'train' && l.factors === f && l.solver === solver && l.threads === t);
    for (const f of s.factors) {
      for (const solver of s.solvers) {
        // CPU-s (CPU time of all threads) is the work done: unlike the wall time it
        // hardly changes when other processes take cores, so CPU-s at 2 threads over
        // CPU-s at 1 thread is the cost of going parallel (barriers, caches).
        const cpuSeconds = (runs) => median(runs.map((l) => l.cores * l.seconds));
        const oneThread = median(timed(f, solver, 1).map((l) => l.seconds));
        const oneThreadWork = cpuSeconds(timed(f, solver, 1));
        for (const t of s.threads) {
          const runs = timed(f, solver, t);
          const seconds = median(runs.map((l) => l.seconds));
          const work = cpuSeconds(runs);
          const cpu = cpuText(median(runs.map((l) => l.cores)), median(runs.map((l) => l.other_cores)));
          const gflop = runs[0]?.gflop;
          const isReference = f === 64 && t === 2;
          rows.push({
            id: `native.train.${solver}.f${f}.t${t}`,
            group: TRAIN_GROUP,
            what: `native ${SOLVER_LABEL[solver]}, ${f} f, ${t} thread${t > 1 ? 's' : ''}`,
            value: seconds,
            unit: 's',
            extra:
              `${(gflop / seconds).toFixed(1)} GFLOP/s, best ${Math.min(...runs.map((l) => l.seconds)).toFixed(2)} s, ` +
              `${work.toFixed(2)} CPU-s, ${cpu}` +
              (t > 1
                ? `; x${(oneThread / seconds).toFixed(2)} vs 1 thread, CPU-s x${(work / oneThreadWork).toFixed(2)}`
                : ''),
            ratio: isReference ? ratio(seconds, IMPLICIT[solver].seconds) : null,
            vs: isReference ? `implicit ${IMPLICIT[solver].seconds} s` : '',
            target:
              isReference && solver === 'cg'
                ? `<= ${GUIDE.nativeVsImplicit.toFixed(2)} (${(GUIDE.nativeVsImplicit * IMPLICIT.cg.seconds).toFixed(1)} s)`
                : '',
            runs: runs.map((l) => l.seconds),
            gflop,
          });
        }
      }
    }
    for (const solver of s.solvers) {
      const gflop = timed(64, solver, 2)[0]?.gflop;
      rows.push({
        id: `implicit.${solver}`,
        group: TRAIN_GROUP,
        what: `${IMPLICIT[solver].label} (reference)`,
        value: IMPLICIT[solver].seconds,
        unit: 's',
        extra: gflop ? `${(gflop / IMPLICIT[solver].seconds).toFixed(1)} GFLOP/s by the same model` : '',
        status: 'reference',
      });
    }

    const group = 'quality of the same models (precision@10 on an 80/20 split; loss after 15 it. on all data)';
    const popularity = lines.find((l) => l.type === 'quality')?.popularity_precision;
    for (const q of lines.filter((l) => l.type === 'quality')) {
      const loss = lines.find((l) => l.type === 'loss' && l.factors === q.factors && l.solver === q.solver)?.loss;
      rows.push({
        id: `native.quality.${q.solver}.f${q.factors}`,
        group,
        what: `${SOLVER_LABEL[q.solver]}, ${q.factors} f`,
        value: q.precision,
        unit: 'p@10',
        extra: `loss ${loss?.toPrecision(5)}, MAP ${q.map.toFixed(4)}, NDCG ${q.ndcg.toFixed(4)}`,
        status: 'measured',
      });
    }
    if (popularity != null)
      rows.push({
        id: 'native.quality.popularity',
        group,
        what: 'popularity baseline',
        value: popularity,
        unit: 'p@10',
        extra: '',
      });
    return { rows, raw: lines };
  },
};

// The trainer's loop rebuilt from gram_matrix + solve_rows (one parallel_for per
// half step instead of the trainer's slices): where the time goes.
export const nativeProfile = {
  name: 'native-profile',
  async run(ctx) {
    const quick = ctx.options.quick;
    const solvers = quick ? ['cg'] : ['cg', 'cholesky'];
    const lines = await runJsonLines(ctx.paths.alsBench, [
      'profile',
      '--data',
      ctx.paths.ml1m,
      '--factors',
      '64',
      '--solvers',
      solvers.join(','),
      '--threads',
      '1,2',
      '--iterations',
      '15',
    ]);
    const rows = lines
      .filter((l) => l.type === 'profile')
      .map((p) => ({
        id: `native.profile.${p.solver}.f${p.factors}.t${p.threads}`,
        group: 'where the time goes: 15 it. rebuilt from gram_matrix + solve_rows, one parallel_for per half step (s)',
        what: `${SOLVER_LABEL[p.solver]}, ${p.factors} f, ${p.threads} thread${p.threads > 1 ? 's' : ''}`,
        value: p.seconds,
        unit: 's',
        extra:
          `${cpuText(p.cores, p.other_cores)}; Gram ${p.gram_seconds.toFixed(3)} s (${((100 * p.gram_seconds) / p.seconds).toFixed(1)} %, ` +
          `${p.gram_gflops.toFixed(1)} GFLOP/s), solve users ${p.solve_user_seconds.toFixed(2)} s + items ` +
          `${p.solve_item_seconds.toFixed(2)} s (${p.solve_gflops.toFixed(1)} GFLOP/s); trainer ${p.trainer_seconds.toFixed(2)} s ` +
          `(${cpuText(p.trainer_cores, p.trainer_other_cores)})`,
        ratio: ratio(p.seconds, p.trainer_seconds),
        vs: 'trainer, same moment',
        target: '',
      }));
    return { rows, raw: lines };
  },
};

// Query latency at ml-25m's item count: the data are generated once (cached),
// trained briefly, then each query is timed 50 times.
export async function ensureLatencyData(ctx) {
  if (!ctx.latencyData) {
    const { existsSync } = await import('node:fs');
    const dir = ctx.paths.latencyData;
    if (!existsSync(`${dir}/ratings.csv`)) {
      await runJsonLines(ctx.paths.alsBench, [
        'latency-data',
        '--out',
        dir,
        '--users',
        '10000',
        '--items',
        '59047',
        '--ratings',
        '1000000',
      ]);
    }
    ctx.latencyData = { dir, file: `${dir}/ratings.csv` };
  }
  return ctx.latencyData;
}

export const LATENCY_GROUP = 'queries on a 59,047-item model, 64 f (ms per call, median of 50)';
export const LATENCY_LABEL = {
  'fold-in': 'fold-in of 5 favorites (+ 1 predicted preference)',
  'similar-items': 'similar items, top 10',
  'recommend-explain': 'recommend top 10 + explain each',
};

export const nativeLatency = {
  name: 'native-latency',
  cores: 1, // queries run on one thread
  async run(ctx) {
    const data = await ensureLatencyData(ctx);
    const lines = await runJsonLines(ctx.paths.alsBench, [
      'latency',
      '--data',
      data.dir,
      '--factors',
      '64',
      '--iterations',
      '2',
      '--threads',
      '2',
      '--calls',
      '50',
    ]);
    const rows = lines
      .filter((l) => l.type === 'latency')
      .map((l) => ({
        id: `native.latency.${l.what}`,
        group: LATENCY_GROUP,
        what: `native ${LATENCY_LABEL[l.what]}`,
        value: l.median_ms,
        unit: 'ms',
        extra: `min ${l.min_ms.toFixed(3)} ms`,
        target: `< ${GUIDE.queryMs} ms`,
      }));
    return { rows, raw: lines };
  },
};
