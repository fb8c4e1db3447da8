// The model's items on the main thread: ids, titles, genres, popularity (the
// support: users per item) and totals (the sum of their values: plays) by
// model index, the id -> index map, the match keys favorites are found by
// (favorites.js), and a search index built once per table (titles folded to
// lowercase without accents), so type-ahead stays fast on 60,000 titles.

// "Amélie (2001)" -> "amelie (2001)"
export function fold(text) {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : lower;
}

// FNV-1a over the UTF-16 code units: a short name for a long text.
function textHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

// idSpace: whose ids these are ("movielens", "ml-100k", "musicbrainz", "demo", "").
export function buildItemTable(raw, { idSpace = '', artists = false } = {}) {
  const ids = raw.ids.split('\n');
  const count = ids.length === 1 && ids[0] === '' ? 0 : ids.length;
  const titles = raw.titles.split('\n');
  const genreText = raw.genres.split('\n');
  const genres = new Array(count);
  const genreCounts = new Map();
  const indexOfId = new Map();
  const folded = new Array(count);
  for (let i = 0; i < count; i++) {
    indexOfId.set(ids[i], i);
    const g = genreText[i] ? genreText[i].split('|').filter((x) => x && x !== '(no genres listed)') : [];
    genres[i] = g;
    for (const name of g) genreCounts.set(name, (genreCounts.get(name) || 0) + 1);
    if (!titles[i]) titles[i] = ids[i];
    folded[i] = fold(titles[i]);
  }
  // Genres, most common first.
  const genreList = [...genreCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
  const keyLines = raw.matchKeys ? raw.matchKeys.split('\n') : [];
  return {
    count,
    // Which data set this is (its ids and titles): a favorite found here by its
    // title keeps saying so for every model of the same data.
    dataKey: `${idSpace}:${count}:${textHash(raw.ids)}:${textHash(raw.titles)}`,
    ids,
    titles,
    genres,
    genreList,
    popularity: raw.popularity,
    totals: raw.totals ?? null,
    indexOfId,
    folded,
    keyLines,
    idSpace,
    artists,
    keyIndex: null,
  };
}

function insertTop(top, entry, limit) {
  // top: sorted best first; small (limit ~20), so a linear insert is fine.
  let at = top.length;
  while (at > 0 && better(entry, top[at - 1])) at--;
  if (at >= limit) return;
  top.splice(at, 0, entry);
  if (top.length > limit) top.pop();
}

function better(a, b) {
  return a.rank !== b.rank ? a.rank < b.rank : a.popularity > b.popularity;
}

// Items whose title holds every word of the query (anywhere), best first:
// title starts with the query, then a word starts with it, then anywhere;
// ties by popularity. -> { items: [index...] (at most limit), total }
export function searchTitles(table, query, limit = 20) {
  const none = { items: [], total: 0 };
  if (!table) return none;
  const q = fold(query).trim();
  if (!q) return none;
  const words = q.split(/\s+/);
  const top = [];
  let total = 0;
  const { folded, popularity, count } = table;
  outer: for (let i = 0; i < count; i++) {
    const title = folded[i];
    for (const w of words) if (!title.includes(w)) continue outer;
    total++;
    const rank = title.startsWith(q) ? 0 : title.includes(' ' + words[0]) ? 1 : 2;
    insertTop(top, { index: i, rank, popularity: popularity[i] || 0 }, limit);
  }
  return { items: top.map((e) => e.index), total };
}

export function itemsWithGenre(table, genre) {
  const out = [];
  for (let i = 0; i < table.count; i++) if (table.genres[i].includes(genre)) out.push(i);
  return Int32Array.from(out);
}
