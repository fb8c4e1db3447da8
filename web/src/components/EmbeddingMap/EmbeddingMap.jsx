// Step 7: the movies on a plane, laid out by UMAP so that each movie's
// cosine neighbours land near it (app/map-actions.js), coloured by first
// genre; favorites are black stars. Hover shows the title; a click picks the
// movie for "Similar movies", whose neighbours are ringed here.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import { useAnswerTable } from '../../app/model-match.js';
import { favoriteIndices as favoriteIndicesOf } from '../../app/favorites.js';
import { WaitsForModel } from '../WaitsForModel.jsx';
import { showSimilar } from '../../app/query-actions.js';
import { formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { useWords } from '../../app/words.js';
import { ProgressBar } from '../ProgressBar.jsx';
import {
  buildGrid,
  genreColors,
  nearest,
  FAVORITE_COLOR,
  FAVORITE_EDGE,
  OTHER_COLOR,
  PALETTE,
  project,
} from './map-geometry.js';
import './EmbeddingMap.css';

function useWidth(ref) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function ring(ctx, points, i, radius, color, lineWidth = 2) {
  ctx.beginPath();
  ctx.arc(points[2 * i], points[2 * i + 1], radius, 0, 2 * Math.PI);
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.stroke();
}

function star(ctx, x, y, outer) {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 ? outer * 0.45 : outer;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = FAVORITE_COLOR;
  ctx.strokeStyle = FAVORITE_EDGE;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.fill();
}

function StarSwatch() {
  return (
    <svg class="swatch-star" viewBox="-10 -10 20 20" aria-hidden="true">
      <path
        d="M0,-9 L2.6,-3.2 8.6,-2.8 4,1.2 5.3,7.3 0,4.1 -5.3,7.3 -4,1.2 -8.6,-2.8 -2.6,-3.2 Z"
        fill={FAVORITE_COLOR}
        stroke={FAVORITE_EDGE}
        stroke-width="1.5"
      />
    </svg>
  );
}

function MapProgress({ progress, count }) {
  const t = useT();
  const tw = useWords();
  const phase = progress?.phase === 'layout' ? 'map.phaseLayout' : 'map.phaseNeighbours';
  const percent = Math.round((progress?.fraction ?? 0) * 100);
  return (
    <div class="map-progress">
      <ProgressBar
        fraction={progress?.fraction ?? 0}
        label={t('map.progressLabel')}
        testid="map-progress"
        text={tw(phase, { count: formatInt(count), percent })}
      />
    </div>
  );
}

export function EmbeddingMap() {
  const t = useT();
  const embedding = useStore((s) => s.embedding);
  const table = useAnswerTable();
  const favorites = useStore((s) => s.favorites);
  const similar = useStore((s) => s.similar.result);
  const box = useRef(null);
  const canvas = useRef(null);
  const width = useWidth(box);
  const height = Math.round(Math.min(520, Math.max(300, width * 0.6)));
  const [hover, setHover] = useState(-1); // a row of the map

  const { xy, items, method } = embedding;
  const rows = items ? items.length : (table?.count ?? 0);
  const ready = Boolean(xy && table && xy.length === rows * 2);
  const itemOf = (row) => (items ? items[row] : row);
  // model index -> map row (-1: not on the map)
  const rowOf = useMemo(() => {
    if (!ready) return null;
    if (!items) return null;
    const out = new Int32Array(table.count).fill(-1);
    items.forEach((item, r) => {
      out[item] = r;
    });
    return out;
  }, [ready, items, table]);
  const colors = useMemo(() => (table ? genreColors(table) : null), [table]);
  const points = useMemo(
    () => (ready && width ? project(xy, width, height, { method }) : null),
    [xy, ready, method, width, height],
  );
  const grid = useMemo(() => (points ? buildGrid(points, width, height) : null), [points, width, height]);
  const favoriteIndices = useMemo(() => (table ? favoriteIndicesOf(table, favorites) : []), [table, favorites]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !points) return;
    const itemAt = (row) => (items ? items[row] : row);
    const rowAt = (index) => (rowOf ? rowOf[index] : index);
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = height * dpr;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = points.length / 2;
    const r = n > 20000 ? 1.1 : n > 4000 ? 1.6 : 2.6;
    ctx.globalAlpha = n > 20000 ? 0.55 : 0.8;
    for (let row = 0; row < n; row++) {
      const k = colors.colorOf[itemAt(row)];
      ctx.fillStyle = k === 255 ? OTHER_COLOR : PALETTE[k];
      ctx.beginPath();
      ctx.arc(points[2 * row], points[2 * row + 1], r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (similar) {
      for (const i of similar.items) if (rowAt(i) >= 0) ring(ctx, points, rowAt(i), 5, '#1d2330', 1.2);
      if (rowAt(similar.item) >= 0) ring(ctx, points, rowAt(similar.item), 8, '#1d2330', 2.5);
    }
    for (const i of favoriteIndices) {
      const row = rowAt(i);
      if (row >= 0) star(ctx, points[2 * row], points[2 * row + 1], 7);
    }
    if (hover >= 0) ring(ctx, points, hover, 6, '#3457c9', 2);
  }, [points, colors, similar, favoriteIndices, hover, width, height, items, rowOf]);

  const at = (e) => {
    const rect = canvas.current.getBoundingClientRect();
    return nearest(grid, points, e.clientX - rect.left, e.clientY - rect.top);
  };
  const onMove = (e) => {
    if (!grid) return;
    const row = at(e);
    if (row !== hover) setHover(row);
  };
  const onClick = (e) => {
    if (!grid) return;
    const row = at(e);
    if (row >= 0) showSimilar(itemOf(row));
  };

  const running = embedding.status === 'running' && table;
  const label = ready
    ? t(method === 'umap' ? 'map.label' : 'map.labelPca', { count: formatInt(rows) })
    : t('map.empty');
  const hovered = ready && hover >= 0 ? itemOf(hover) : -1;
  return (
    <div class="embedding-map stack">
      <WaitsForModel />
      <div class="map-box" ref={box}>
        {ready ? (
          <canvas
            ref={canvas}
            style={{ width: `${width}px`, height: `${height}px` }}
            role="img"
            aria-label={label}
            data-testid="embedding-map"
            data-points={rows}
            data-method={method}
            class={hover >= 0 ? 'pointing' : ''}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(-1)}
            onClick={onClick}
          />
        ) : running ? (
          <MapProgress progress={embedding.progress} count={rows} />
        ) : (
          <p class="muted">{label}</p>
        )}
        {hovered >= 0 && points && (
          <div
            class="map-tip"
            data-testid="map-tooltip"
            style={{
              left: `${Math.max(0, Math.min(points[2 * hover] + 12, width - 220))}px`,
              top: `${Math.max(points[2 * hover + 1] - 44, 0)}px`,
            }}
          >
            <strong translate={false}>{table.titles[hovered]}</strong>
            <span class="genres" translate={false}>
              {table.genres[hovered].join(', ')}
            </span>
          </div>
        )}
      </div>
      {ready && items && (
        <p class="note small" data-testid="map-capped">
          {t('map.capped', { count: formatInt(items.length), total: formatInt(table.count) })}
        </p>
      )}
      {ready && colors && (
        <ul class="map-legend" aria-label={t('map.legend')} data-testid="map-legend">
          {colors.legend.map((g) => (
            <li key={g.genre}>
              <span class="swatch" style={{ background: g.color }} aria-hidden="true" />
              <span translate={false}>{g.genre}</span> <span class="muted num">{formatInt(g.count)}</span>
            </li>
          ))}
          {colors.otherCount > 0 && (
            <li>
              <span class="swatch" style={{ background: OTHER_COLOR }} aria-hidden="true" />
              {t('map.other')} <span class="muted num">{formatInt(colors.otherCount)}</span>
            </li>
          )}
          {favoriteIndices.length > 0 && (
            <li data-testid="map-legend-favorites">
              <StarSwatch />
              {t('map.favorites')}
            </li>
          )}
          {similar && (
            <li>
              <span class="swatch ringed" aria-hidden="true" />
              {t('map.similarRinged', { title: table.titles[similar.item] })}
            </li>
          )}
        </ul>
      )}
      {ready && <p class="small muted">{t(method === 'umap' ? 'map.help' : 'map.helpPca')}</p>}
    </div>
  );
}
