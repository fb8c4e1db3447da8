// Step 7: every movie placed by the two main directions of its factors
// (embeddingMap()), coloured by first genre. Hover shows the title; a click
// picks the movie for "Similar movies", whose neighbours are ringed here.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useStore } from '../../app/store.js';
import { useAnswerTable } from '../../app/model-match.js';
import { favoriteIndices as favoriteIndicesOf } from '../../app/favorites.js';
import { WaitsForModel } from '../WaitsForModel.jsx';
import { showSimilar } from '../../app/query-actions.js';
import { formatInt } from '../../app/format.js';
import { useT } from '../../i18n/index.js';
import { buildGrid, genreColors, nearest, OTHER_COLOR, PALETTE, project } from './map-geometry.js';
import './EmbeddingMap.css';

function useWidth(ref) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return width;
}

function ring(ctx, points, i, radius, color, lineWidth = 2) {
  ctx.beginPath();
  ctx.arc(points[2 * i], points[2 * i + 1], radius, 0, 2 * Math.PI);
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.stroke();
}

export function EmbeddingMap() {
  const t = useT();
  const xy = useStore((s) => s.embedding.xy);
  const table = useAnswerTable();
  const favorites = useStore((s) => s.favorites);
  const similar = useStore((s) => s.similar.result);
  const box = useRef(null);
  const canvas = useRef(null);
  const width = useWidth(box);
  const height = Math.round(Math.min(520, Math.max(300, width * 0.6)));
  const [hover, setHover] = useState(-1);

  const ready = xy && table && xy.length === table.count * 2;
  const colors = useMemo(() => (table ? genreColors(table) : null), [table]);
  const points = useMemo(() => (ready && width ? project(xy, width, height) : null), [xy, table, width, height]);
  const grid = useMemo(() => (points ? buildGrid(points, width, height) : null), [points]);
  const favoriteIndices = useMemo(() => (table ? favoriteIndicesOf(table, favorites) : []), [table, favorites]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !points) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = height * dpr;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = points.length / 2;
    const r = n > 20000 ? 1.1 : n > 4000 ? 1.6 : 2.6;
    ctx.globalAlpha = n > 20000 ? 0.55 : 0.8;
    for (let i = 0; i < n; i++) {
      const k = colors.colorOf[i];
      ctx.fillStyle = k === 255 ? OTHER_COLOR : PALETTE[k];
      ctx.beginPath();
      ctx.arc(points[2 * i], points[2 * i + 1], r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (similar) {
      for (const i of similar.items) ring(ctx, points, i, 5, '#1d2330', 1.2);
      ring(ctx, points, similar.item, 8, '#1d2330', 2.5);
    }
    for (const i of favoriteIndices) {
      ctx.fillStyle = '#e8a317';
      ctx.beginPath();
      ctx.arc(points[2 * i], points[2 * i + 1], 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ring(ctx, points, i, 5, '#7a5200', 1.2);
    }
    if (hover >= 0) ring(ctx, points, hover, 6, '#3457c9', 2);
  }, [points, colors, similar, favoriteIndices, hover]);

  const at = (e) => {
    const rect = canvas.current.getBoundingClientRect();
    return nearest(grid, points, e.clientX - rect.left, e.clientY - rect.top);
  };
  const onMove = (e) => {
    if (!grid) return;
    const i = at(e);
    if (i !== hover) setHover(i);
  };
  const onClick = (e) => {
    if (!grid) return;
    const i = at(e);
    if (i >= 0) showSimilar(i);
  };

  const label = ready ? t('map.label', { count: formatInt(table.count) }) : t('map.empty');
  return (
    <div class="embedding-map stack">
      <WaitsForModel />
      <div class="map-box" ref={box}>
        {ready ? (
          <canvas ref={canvas} style={{ width: `${width}px`, height: `${height}px` }} role="img" aria-label={label}
            data-testid="embedding-map" data-points={table.count} class={hover >= 0 ? 'pointing' : ''}
            onMouseMove={onMove} onMouseLeave={() => setHover(-1)} onClick={onClick} />
        ) : (
          <p class="muted">{label}</p>
        )}
        {ready && hover >= 0 && points && (
          <div class="map-tip" data-testid="map-tooltip" style={{
            left: `${Math.min(points[2 * hover] + 12, width - 220)}px`, top: `${Math.max(points[2 * hover + 1] - 44, 0)}px`,
          }}>
            <strong>{table.titles[hover]}</strong>
            <span class="genres">{table.genres[hover].join(', ')}</span>
          </div>
        )}
      </div>
      {ready && colors && (
        <ul class="map-legend" aria-label={t('map.legend')} data-testid="map-legend">
          {colors.legend.map((g) => (
            <li key={g.genre}><span class="swatch" style={{ background: g.color }} aria-hidden="true" />{g.genre} <span class="muted num">{formatInt(g.count)}</span></li>
          ))}
          {colors.otherCount > 0 && <li><span class="swatch" style={{ background: OTHER_COLOR }} aria-hidden="true" />{t('map.other')} <span class="muted num">{formatInt(colors.otherCount)}</span></li>}
          {favoriteIndices.length > 0 && <li><span class="swatch fav" aria-hidden="true" />{t('map.favorites')}</li>}
          {similar && <li><span class="swatch ringed" aria-hidden="true" />{t('map.similarRinged', { title: table.titles[similar.item] })}</li>}
        </ul>
      )}
      {ready && <p class="small muted">{t('map.help')}</p>}
    </div>
  );
}
