// The pure parts of the embedding map: the colour of each movie (its first
// genre), the projection of the 2-D coordinates onto the canvas (UMAP: one
// scale for both axes, so distances are honest; PCA: robust to a few far
// outliers), and a grid for finding the point under the pointer.

export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#59a14f',
  '#b07aa1',
  '#edc948',
  '#76b7b2',
  '#ff9da7',
  '#9c755f',
  '#d37295',
  '#86bcb6',
  '#8cd17d',
];
export const OTHER_COLOR = '#c3c9d4';
// Favorites: near-black stars with a white edge — a colour and a shape no genre uses.
export const FAVORITE_COLOR = '#111111';
export const FAVORITE_EDGE = '#ffffff';

// -> { colorOf: Uint8Array (palette index, 255 = other), legend: [{ genre, color, count }], otherCount }
export function genreColors(table) {
  const firstCounts = new Map();
  for (let i = 0; i < table.count; i++) {
    const g = table.genres[i][0];
    if (g) firstCounts.set(g, (firstCounts.get(g) || 0) + 1);
  }
  const top = [...firstCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, PALETTE.length);
  const slot = new Map(top.map(([g], k) => [g, k]));
  const colorOf = new Uint8Array(table.count).fill(255);
  let otherCount = 0;
  for (let i = 0; i < table.count; i++) {
    const k = slot.get(table.genres[i][0]);
    if (k === undefined) otherCount++;
    else colorOf[i] = k;
  }
  return { colorOf, legend: top.map(([genre, count], k) => ({ genre, color: PALETTE[k], count })), otherCount };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

function median(values) {
  return quantile(Float32Array.from(values).sort(), 0.5);
}

// The factor plane has a crowded middle (rarely rated movies have short
// vectors) and long arms (popular ones). Distances from the median point
// are drawn as log(1 + r / r_median): linear near the middle (no hole is
// made), compressed far out, directions kept.
function openUp(xy) {
  const n = xy.length / 2;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = xy[2 * i];
    ys[i] = xy[2 * i + 1];
  }
  const mx = median(xs);
  const my = median(ys);
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    vx += (xs[i] - mx) ** 2;
    vy += (ys[i] - my) ** 2;
  }
  const sx = Math.sqrt(vx / Math.max(1, n)) || 1;
  const sy = Math.sqrt(vy / Math.max(1, n)) || 1;
  const radii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = (xs[i] - mx) / sx;
    ys[i] = (ys[i] - my) / sy;
    radii[i] = Math.hypot(xs[i], ys[i]);
  }
  const scale = median(radii) || 1;
  for (let i = 0; i < n; i++) {
    const r = radii[i];
    const f = r > 0 ? Math.log1p(r / scale) / r : 0;
    xs[i] *= f;
    ys[i] *= f;
  }
  return { xs, ys };
}

// Canvas positions of a neighbour layout (UMAP): the same scale on both axes,
// centred. Rarely rated movies form small strands far out; the frame is the
// middle 98% of the points plus a margin, and the few beyond sit at its edge.
function projectEvenly(xy, width, height, pad) {
  const n = xy.length / 2;
  const sx = Float32Array.from({ length: n }, (_, i) => xy[2 * i]).sort();
  const sy = Float32Array.from({ length: n }, (_, i) => xy[2 * i + 1]).sort();
  const q = n > 200 ? 0.01 : 0;
  let [x0, x1, y0, y1] = [quantile(sx, q), quantile(sx, 1 - q), quantile(sy, q), quantile(sy, 1 - q)];
  const margin = q > 0 ? 0.08 : 0;
  [x0, x1] = [x0 - (x1 - x0) * margin, x1 + (x1 - x0) * margin];
  [y0, y1] = [y0 - (y1 - y0) * margin, y1 + (y1 - y0) * margin];
  const w = width - 2 * pad;
  const h = height - 2 * pad;
  const scale = Math.min(w / Math.max(x1 - x0, 1e-12), h / Math.max(y1 - y0, 1e-12));
  const ox = pad + (w - (x1 - x0) * scale) / 2;
  const oy = pad + (h - (y1 - y0) * scale) / 2;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = ox + (Math.min(x1, Math.max(x0, xy[2 * i])) - x0) * scale;
    out[2 * i + 1] = oy + (y1 - Math.min(y1, Math.max(y0, xy[2 * i + 1]))) * scale;
  }
  return out;
}

// Canvas positions (Float32Array x0,y0,...) for a width x height canvas.
// method: 'umap' (a neighbour layout, drawn evenly) or 'pca' (the factor plane, opened up).
export function project(xy, width, height, { method = 'pca', pad = 14 } = {}) {
  if (method === 'umap') return projectEvenly(xy, width, height, pad);
  const n = xy.length / 2;
  const { xs, ys } = openUp(xy);
  const sx = Float32Array.from(xs).sort();
  const sy = Float32Array.from(ys).sort();
  const q = n > 200 ? 0.005 : 0;
  let [x0, x1, y0, y1] = [quantile(sx, q), quantile(sx, 1 - q), quantile(sy, q), quantile(sy, 1 - q)];
  if (x1 - x0 < 1e-12) {
    x0 -= 1;
    x1 += 1;
  }
  if (y1 - y0 < 1e-12) {
    y0 -= 1;
    y1 += 1;
  }
  const out = new Float32Array(2 * n);
  const w = width - 2 * pad;
  const h = height - 2 * pad;
  for (let i = 0; i < n; i++) {
    const px = (xs[i] - x0) / (x1 - x0);
    const py = (ys[i] - y0) / (y1 - y0);
    out[2 * i] = pad + Math.min(1, Math.max(0, px)) * w;
    out[2 * i + 1] = pad + (1 - Math.min(1, Math.max(0, py))) * h;
  }
  return out;
}

const CELL = 16;

export function buildGrid(points, width, height) {
  const cols = Math.ceil(width / CELL) + 1;
  const rows = Math.ceil(height / CELL) + 1;
  const cells = new Map();
  for (let i = 0; i < points.length / 2; i++) {
    const key = Math.floor(points[2 * i + 1] / CELL) * cols + Math.floor(points[2 * i] / CELL);
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(i);
  }
  return { cols, rows, cells };
}

// The point nearest to (x, y) within radius pixels, or -1.
export function nearest(grid, points, x, y, radius = 9) {
  let best = -1;
  let bestD = radius * radius;
  const cx = Math.floor(x / CELL);
  const cy = Math.floor(y / CELL);
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const list = grid.cells.get((cy + dy) * grid.cols + (cx + dx));
      if (!list) continue;
      for (const i of list) {
        const ex = points[2 * i] - x;
        const ey = points[2 * i + 1] - y;
        const d = ex * ex + ey * ey;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
  }
  return best;
}
