// Favorites belong to the person, not to a data set. A favorite is a record
// of its own, kept in IndexedDB:
//
//   { uid,                 stable name of the record ("movielens:260")
//     ids: { space: id },  the item's id in each id space it was seen in
//                          ("movielens": 1M/10M/20M/25M/32M/latest movieIds,
//                          "ml-100k", "musicbrainz", "demo"; "*": an id of a
//                          favorite kept by an older version, space unknown)
//     title,               as it was picked ("Star Wars (1977)")
//     keys,                its match keys ("star wars|1977", ... from the
//                          engine: cpp/io/title_key.h), null until known
//     scale,               'stars' (rating 1-5) or 'plays' (an artist: a like
//                          that stands for a play count the visitor can set)
//     rating, plays,       the value given to the engine
//     demo }               true for the demo listener's favorites
//
// In a data set it is found by id when both use the same id space (and the
// titles agree, so that two numberings never swap movies), else by its match
// keys and the year. One that is not found stays in the list, marked "not in
// this data set", takes no part in the model, and is found again when a data
// set that has it is loaded. Nothing is ever removed but by the visitor.

// Items whose support is unknown or zero still match; only the id space and the keys decide.
const NO_YEAR = '';

function splitKey(key) {
  const bar = key.lastIndexOf('|');
  return bar < 0 ? { words: key, year: NO_YEAR } : { words: key.slice(0, bar), year: key.slice(bar + 1) };
}

export function itemKeys(table, index) {
  const line = table.keyLines?.[index];
  return line ? line.split('\t') : [];
}

// words -> [{ index, year, primary }], built once per table.
function keyIndex(table) {
  if (table.keyIndex) return table.keyIndex;
  const map = new Map();
  for (let i = 0; i < table.count; i++) {
    const keys = itemKeys(table, i);
    keys.forEach((key, k) => {
      const { words, year } = splitKey(key);
      let list = map.get(words);
      if (!list) map.set(words, (list = []));
      list.push({ index: i, year, primary: k === 0 });
    });
  }
  table.keyIndex = map;
  return map;
}

// Do the two lists of keys name the same title (any year)?
function sameWords(a, b) {
  const words = new Set(a.map((k) => splitKey(k).words));
  return b.some((k) => words.has(splitKey(k).words));
}

// 0: same year, 1: a year apart (releases disagree: "Dr. Strangelove" is 1963
// in 100K, 1964 in latest), 2: one of them has no year, null: different.
function yearDistance(a, b) {
  if (a === b) return 0;
  if (a === NO_YEAR || b === NO_YEAR) return 2;
  return Math.abs(Number(a) - Number(b)) <= 1 ? 1 : null;
}

// The item of `favorite` in `table` by its keys: the best match (main key to
// main key first, then the same year), or none when the best is ambiguous.
function matchByKeys(table, keys) {
  if (!keys || keys.length === 0) return -1;
  const index = keyIndex(table);
  let best = Infinity;
  let found = new Set();
  keys.forEach((key, k) => {
    const { words, year } = splitKey(key);
    for (const entry of index.get(words) ?? []) {
      const distance = yearDistance(year, entry.year);
      if (distance === null) continue;
      const rank = (k === 0 && entry.primary ? 0 : 3) + distance;
      if (rank < best) {
        best = rank;
        found = new Set([entry.index]);
      } else if (rank === best) {
        found.add(entry.index);
      }
    }
  });
  return found.size === 1 ? [...found][0] : -1;
}

// MusicBrainz ids name one artist the world over; movie ids are small numbers
// that another numbering (the demo's, a file's own) may reuse, so a movie
// found by id must also agree on its title.
const GLOBAL_ID_SPACES = new Set(['musicbrainz']);

function usableId(id) {
  return id !== undefined && !String(id).startsWith('name:'); // Last.fm artists without an MBID
}

// -> { index (-1: not in this data set), how: 'id' | 'title' | null }
function matchOne(table, favorite) {
  for (const space of [table.idSpace, '*']) {
    if (!space) continue;
    const id = favorite.ids?.[space];
    if (!usableId(id)) continue;
    const index = table.indexOfId.get(id);
    if (index === undefined) continue;
    if (GLOBAL_ID_SPACES.has(space) || !favorite.keys || sameWords(favorite.keys, itemKeys(table, index)))
      // (an id learned from its title in this very data set: still found by title)
      return { index, how: table.dataKey && favorite.foundByTitleIn === table.dataKey ? 'title' : 'id' };
  }
  const index = matchByKeys(table, favorite.keys);
  return index >= 0 ? { index, how: 'title' } : { index: -1, how: null };
}

const matches = new WeakMap(); // table -> WeakMap(favorite -> match)

export function matchFavorite(table, favorite) {
  if (!table) return { index: -1, how: null };
  let perTable = matches.get(table);
  if (!perTable) matches.set(table, (perTable = new WeakMap()));
  let match = perTable.get(favorite);
  if (!match) perTable.set(favorite, (match = matchOne(table, favorite)));
  return match;
}

// The engine value of a favorite: its rating, or its play count.
export function favoriteValue(favorite) {
  return favorite.scale === 'plays' ? favorite.plays : favorite.rating;
}

// Favorites -> the typed arrays the engine takes (only those in this table),
// and the ones it does not hold.
export function favoritesForEngine(table, favorites) {
  const items = [];
  const values = [];
  const missing = [];
  for (const f of favorites) {
    const { index } = matchFavorite(table, f);
    if (index < 0) missing.push(f);
    else {
      items.push(index);
      values.push(favoriteValue(f));
    }
  }
  return { items: Int32Array.from(items), values: Float32Array.from(values), missing };
}

export function favoriteIndices(table, favorites) {
  const out = [];
  for (const f of favorites) {
    const { index } = matchFavorite(table, f);
    if (index >= 0) out.push(index);
  }
  return out;
}

// A new favorite from item `index` of `table`. value: { rating } or { plays }.
export function favoriteFromItem(table, index, { scale = 'stars', rating = 5, plays = 1, demo = false } = {}) {
  const id = table.ids[index];
  const space = table.idSpace && usableId(id) ? table.idSpace : '';
  const keys = itemKeys(table, index);
  const record = {
    uid: space ? `${space}:${id}` : `key:${keys[0] ?? id}`,
    ids: space ? { [space]: id } : {},
    title: table.titles[index],
    keys,
    scale,
    ...(scale === 'plays' ? { plays } : { rating }),
  };
  if (demo) record.demo = true;
  return record;
}

// When a model arrives: every favorite is looked up; one found by title learns
// its id in this table's id space (so the next data set of that space finds it
// by id). -> { favorites (changed or the same array), byTitle: [{ favorite, title }], missing: [favorite] }
export function carryFavorites(table, favorites) {
  let changed = false;
  const byTitle = [];
  const missing = [];
  const out = favorites.map((f) => {
    const { index, how } = matchFavorite(table, f);
    if (index < 0) {
      missing.push(f);
      return f;
    }
    if (how !== 'title') return f;
    byTitle.push({ favorite: f, title: table.titles[index] });
    const id = table.ids[index];
    if (!table.idSpace || !usableId(id) || f.ids?.[table.idSpace] === id) return f;
    changed = true;
    const learned = { ...f, ids: { ...f.ids, [table.idSpace]: id }, foundByTitleIn: table.dataKey };
    matches.get(table)?.set(learned, { index, how });
    return learned;
  });
  return { favorites: changed ? out : favorites, byTitle, missing };
}

// A favorite kept by an older version ({ id, title, rating }) as a record;
// its keys come from the engine (see startup.js).
export function upgradeFavorite(f) {
  if (f && f.uid) return f;
  return {
    uid: `legacy:${f.id}`,
    ids: { '*': String(f.id) },
    title: f.title ?? String(f.id),
    keys: null,
    scale: 'stars',
    rating: f.rating ?? 5,
  };
}
