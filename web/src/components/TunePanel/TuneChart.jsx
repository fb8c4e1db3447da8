// The validation score of every setting tried, against one parameter at a
// time, drawn as the trials arrive: one dot per setting (its last, longest
// trained trial), coloured by factors, bigger when trained longer; across
// iterations, a line follows each setting from round to round.
//
// Hand-drawn SVG, like the loss chart and the histogram, rather than a
// charting library: uPlot (the small maintained one) draws on a canvas and
// is built for time series, so a scatter needs its plugin-style mode 2 and
// the dots would have no tooltip, no text for screen readers and nothing a
// browser test can read. Here every dot is an element with a <title> and
// data-* attributes, the figure has a text alternative, and the viewBox
// scales to a phone's width without a resize observer.
import { formatNumber } from '../../app/format.js';
import { useT } from '../../i18n/index.js';

const W = 460;
const H = 250;
const PAD = { left: 48, right: 18, top: 12, bottom: 34 };
const FACTOR_COLOURS = { 8: '#e3c51a', 16: '#7ac151', 32: '#22a884', 64: '#2a788e', 128: '#414487', 256: '#440154' };
const TUTORIAL_COLOUR = '#d9772b';

export function factorColour(factors) {
  return FACTOR_COLOURS[factors] ?? TUTORIAL_COLOUR;
}

// Each axis: where a value goes (0..1 across the plot) and its ticks.
const AXES = {
  regularization: {
    log: true,
    min: 1e-3,
    max: 100,
    ticks: [0.001, 0.01, 0.1, 1, 10, 100],
    of: (t) => t.regularization,
  },
  alpha: { log: true, min: 0.1, max: 31.6, ticks: [0.1, 0.3, 1, 3, 10, 30], of: (t) => t.alpha },
  factors: { log: true, min: 6, max: 340, ticks: [8, 16, 32, 64, 128, 256], of: (t) => t.factors, jitter: 0.05 },
  iterations: { log: true, min: 1.5, max: 20, ticks: [2, 5, 15], of: (t) => t.iterations, jitter: 0.015 },
};

function position(axis, value) {
  const a = AXES[axis];
  const v = Math.min(a.max, Math.max(a.min, value));
  return a.log ? (Math.log(v) - Math.log(a.min)) / (Math.log(a.max) - Math.log(a.min)) : (v - a.min) / (a.max - a.min);
}

// A small, repeatable offset per setting so that dots at one x (the same
// factors, the same rung) do not hide each other.
function jitter(axis, candidate) {
  const j = AXES[axis].jitter ?? 0;
  return j * ((((candidate * 2654435761) >>> 0) % 1000) / 1000 - 0.5) * 2;
}

function niceRange(lo, hi) {
  if (!(hi > lo)) return [Math.max(0, lo - 0.05), lo + 0.05];
  const span = hi - lo;
  const step = 10 ** Math.floor(Math.log10(span / 2));
  return [Math.max(0, Math.floor((lo - span * 0.08) / step) * step), Math.ceil((hi + span * 0.08) / step) * step];
}

export function TuneChart({ trials, axis, metricLabel, best }) {
  const t = useT();
  const ok = trials.filter((x) => !x.error);
  // One dot per setting (its longest-trained trial), or every trial across iterations.
  const last = new Map();
  for (const x of ok) last.set(x.candidate, x);
  const points = axis === 'iterations' ? ok : [...last.values()];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const scores = points.map((p) => p.score);
  const [lo, hi] = points.length ? niceRange(Math.min(...scores), Math.max(...scores)) : [0, 1];
  const x = (p) =>
    PAD.left + Math.min(1, Math.max(0, position(axis, AXES[axis].of(p)) + jitter(axis, p.candidate))) * plotW;
  const y = (score) => PAD.top + ((hi - score) / (hi - lo)) * plotH;
  const yTicks = [lo, (lo + hi) / 2, hi];
  const radius = (p) => (p.iterations >= 15 ? 5.5 : p.iterations >= 5 ? 4 : 2.6);
  const isBest = (p) =>
    best && p.candidate === best.candidate && (axis !== 'iterations' || p.iterations === best.iterations);
  const lines = [];
  if (axis === 'iterations') {
    const byCandidate = new Map();
    for (const p of ok) byCandidate.set(p.candidate, [...(byCandidate.get(p.candidate) ?? []), p]);
    for (const [candidate, path] of byCandidate)
      if (path.length > 1) lines.push({ candidate, path, factors: path[0].factors });
  }
  const axisName = t(`tune.axis${axis[0].toUpperCase()}${axis.slice(1)}`);
  const label = points.length
    ? t('tune.chartLabel', {
        count: last.size,
        metric: metricLabel,
        axis: axisName,
        best: formatNumber(best?.score ?? Math.max(...scores), 4),
      })
    : t('tune.chartEmpty');
  return (
    <figure class="tune-chart" data-testid="tune-chart" data-points={points.length} data-axis={axis}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="tick">
              {formatNumber(v, hi - lo < 0.05 ? 3 : 2)}
            </text>
          </g>
        ))}
        {AXES[axis].ticks.map((v) => {
          const px = PAD.left + position(axis, v) * plotW;
          return (
            <g key={`x${v}`}>
              <line x1={px} x2={px} y1={PAD.top} y2={PAD.top + plotH} class="grid" />
              <text x={px} y={H - PAD.bottom + 15} text-anchor="middle" class="tick">
                {String(v)}
              </text>
            </g>
          );
        })}
        <text x={PAD.left + plotW / 2} y={H - 3} text-anchor="middle" class="axis-label">
          {axisName}
        </text>
        <text
          x={11}
          y={PAD.top + plotH / 2}
          text-anchor="middle"
          class="axis-label"
          transform={`rotate(-90 11 ${PAD.top + plotH / 2})`}
        >
          {t('tune.yLabel', { metric: metricLabel })}
        </text>
        {lines.map((l) => (
          <polyline
            key={`l${l.candidate}`}
            class="trail"
            stroke={factorColour(l.factors)}
            points={l.path.map((p) => `${x(p).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')}
          />
        ))}
        {points.map((p) => {
          const cx = x(p);
          const cy = y(p.score);
          const r = radius(p);
          const title = t('tune.pointTitle', {
            factors: p.factors,
            regularization: p.regularization,
            alpha: p.alpha,
            iterations: p.iterations,
            score: formatNumber(p.score, 4),
          });
          const data = {
            'data-testid': 'tune-point',
            'data-candidate': p.candidate,
            'data-factors': p.factors,
            'data-regularization': p.regularization,
            'data-alpha': p.alpha,
            'data-iterations': p.iterations,
            'data-score': p.score,
            'data-tutorial': p.tutorial ? 'true' : undefined,
          };
          return (
            <g key={`p${p.index}`} class={isBest(p) ? 'best' : undefined}>
              {isBest(p) && <circle cx={cx} cy={cy} r={r + 4} class="best-ring" />}
              {p.tutorial ? (
                <rect
                  x={cx - r}
                  y={cy - r}
                  width={2 * r}
                  height={2 * r}
                  class="dot tutorial"
                  fill={TUTORIAL_COLOUR}
                  {...data}
                >
                  <title>{title}</title>
                </rect>
              ) : (
                <circle cx={cx} cy={cy} r={r} class="dot" fill={factorColour(p.factors)} {...data}>
                  <title>{title}</title>
                </circle>
              )}
            </g>
          );
        })}
        {points.length === 0 && (
          <text x={PAD.left + plotW / 2} y={PAD.top + plotH / 2} text-anchor="middle" class="empty">
            {t('tune.chartEmpty')}
          </text>
        )}
      </svg>
    </figure>
  );
}

export function TuneLegend() {
  const t = useT();
  return (
    <ul class="tune-legend small">
      <li class="legend-title">{t('tune.legendFactors')}</li>
      {Object.entries(FACTOR_COLOURS).map(([f, colour]) => (
        <li key={f}>
          <span class="swatch" style={{ background: colour }} />
          {f}
        </li>
      ))}
      <li>
        <span class="swatch square" style={{ background: TUTORIAL_COLOUR }} />
        {t('tune.legendTutorial')}
      </li>
      <li>
        <span class="swatch ring" />
        {t('tune.legendBest')}
      </li>
      <li>{t('tune.legendSize')}</li>
    </ul>
  );
}
