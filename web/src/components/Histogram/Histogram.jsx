// The rating histogram as SVG bars; bins below the threshold are drawn
// faint (they are filtered out). Each bar has its count as a tooltip and
// the whole chart a text alternative.
import { formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import './Histogram.css';

const W = 460;
const H = 200;
const PAD = { left: 52, right: 8, top: 10, bottom: 30 };

function niceMax(value) {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

export function Histogram({ bins, threshold, title }) {
  const t = useT();
  if (!bins || bins.length === 0) return null;
  const max = niceMax(Math.max(...bins.map((b) => b.count)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / bins.length;
  const barW = Math.min(46, Math.max(2, slot * 0.72));
  const ticks = [0, max / 2, max];
  const description = bins.map((b) => `${b.label}: ${formatInt(b.count)}`).join(', ');
  // Every label when they fit under their bars, else every 2nd, 3rd, ...
  const longest = Math.max(...bins.map((b) => String(b.label).length));
  const labelEvery = Math.max(1, Math.ceil((longest * 6.4 + 6) / slot));
  return (
    <figure class="histogram" data-testid="rating-histogram">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${description}`}>
        {ticks.map((v) => {
          const y = PAD.top + plotH - (v / max) * plotH;
          return (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} class="grid" />
              <text x={PAD.left - 6} y={y + 4} class="tick" text-anchor="end">
                {Number.isInteger(v) ? formatInt(v) : v.toLocaleString('en-US')}
              </text>
            </g>
          );
        })}
        {bins.map((b, k) => {
          const h = (b.count / max) * plotH;
          const x = PAD.left + k * slot + (slot - barW) / 2;
          const kept = threshold === null || b.low >= threshold;
          return (
            <g key={b.label} data-testid="histogram-bar" data-count={b.count} data-kept={kept}>
              <rect
                x={x}
                y={PAD.top + plotH - h}
                width={barW}
                height={Math.max(h, 0.5)}
                class={kept ? 'bar kept' : 'bar dropped'}
                rx="2"
              >
                <title>{`${b.label}: ${formatInt(b.count)}`}</title>
              </rect>
              {k % labelEvery === 0 && (
                <text x={x + barW / 2} y={H - PAD.bottom + 16} class="tick" text-anchor="middle">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {threshold !== null && (
        <figcaption class="small muted">
          <span class="swatch kept" aria-hidden="true" /> {t('data.histKept', { min: threshold })}
          <span class="swatch dropped" aria-hidden="true" /> {t('data.histDropped')}
        </figcaption>
      )}
    </figure>
  );
}
