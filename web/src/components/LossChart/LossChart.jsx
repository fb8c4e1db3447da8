// The training loss per iteration as a small SVG line chart, drawn as the
// iterations arrive (the x axis spans all planned iterations).
import { formatNumber } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import './LossChart.css';

const W = 460;
const H = 210;
const PAD = { left: 62, right: 14, top: 12, bottom: 34 };

export function LossChart({ loss, iterations }) {
  const t = useT();
  const values = Array.from(loss || []);
  const n = Math.max(iterations || 0, values.length, 2);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const hi = values.length ? Math.max(...values) : 1;
  const lo = values.length ? Math.min(...values) : 0;
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const top = hi + span * 0.08;
  const bottom = Math.max(0, lo - span * 0.08);
  const x = (k) => PAD.left + (k / (n - 1)) * plotW; // k: 0-based iteration
  const y = (v) => PAD.top + ((top - v) / (top - bottom)) * plotH;
  const path = values.map((v, k) => `${k ? 'L' : 'M'}${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const yTicks = [top, (top + bottom) / 2, bottom];
  // Iterations 1, step, 2·step, ... (a round step, at most ~8 labels).
  const xStep = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500].find((s) => n / s <= 6) ?? Math.ceil(n / 6);
  const xTicks = [0]; // 0-based: iteration 1, then every xStep-th, then the last
  for (let it = xStep; it <= n; it += xStep) if (it - 1 - xTicks[xTicks.length - 1] >= xStep / 2) xTicks.push(it - 1);
  if (n - 1 - xTicks[xTicks.length - 1] >= xStep / 2) xTicks.push(n - 1);
  const label = values.length
    ? t('train.lossChartLabel', {
        count: values.length,
        first: formatNumber(values[0], 6),
        last: formatNumber(values[values.length - 1], 6),
      })
    : t('train.lossChartEmpty');
  return (
    <figure class="loss-chart" data-testid="loss-chart" data-points={values.length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end" class="tick">
              {formatNumber(v, 4)}
            </text>
          </g>
        ))}
        {xTicks.map((k) => (
          <text key={`x${k}`} x={x(k)} y={H - PAD.bottom + 16} text-anchor="middle" class="tick">
            {k + 1}
          </text>
        ))}
        <text x={PAD.left + plotW / 2} y={H - 3} text-anchor="middle" class="axis-label">
          {t('train.iteration')}
        </text>
        <text
          x={12}
          y={PAD.top + plotH / 2}
          text-anchor="middle"
          class="axis-label"
          transform={`rotate(-90 12 ${PAD.top + plotH / 2})`}
        >
          {t('train.loss')}
        </text>
        {values.length > 0 && <path d={path} class="line" />}
        {values.length <= 40 &&
          values.map((v, k) => (
            <circle key={k} cx={x(k)} cy={y(v)} r="3" class="point">
              <title>{`${t('train.iteration')} ${k + 1}: ${formatNumber(v, 6)}`}</title>
            </circle>
          ))}
        {values.length === 0 && (
          <text x={PAD.left + plotW / 2} y={PAD.top + plotH / 2} text-anchor="middle" class="empty">
            {t('train.lossChartEmpty')}
          </text>
        )}
      </svg>
    </figure>
  );
}
