// Which items the map shows: every one, or for a large catalog the most
// rated (a neighbour layout of 60,000 items would take minutes in a tab;
// the most rated are also the ones whose factors the model knows best).
export const MAP_MAX_ITEMS = 10_000;

// UMAP's default n_neighbors. (Here, not in umap-layout.js, so the page can
// read it without pulling umap-js into its bundle: only the map worker needs it.)
export const NEIGHBOURS = 15;

// -> null (every item) or the MAP_MAX_ITEMS most rated model indices (ties: lower index), ascending.
export function mapItems(popularity, count, max = MAP_MAX_ITEMS) {
  if (count <= max) return null;
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => popularity[b] - popularity[a] || a - b);
  return Int32Array.from(order.slice(0, max)).sort();
}
