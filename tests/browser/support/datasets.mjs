// Small data sets written by the tests, in the formats the page reads, for
// what the fixtures cannot show: the same movies under the titles and ids of
// MovieLens 100K and of MovieLens latest, rare items among popular ones,
// Last.fm artists with name variants. Deterministic (no randomness).

const file = (name, text, mimeType = 'text/plain') => ({ name, mimeType, buffer: Buffer.from(text) });

// ratings[u] = [[itemId, value], ...]: every user rates a slice of the
// catalog, so every item is kept (>= 3) by several users.
function spreadRatings(itemIds, users, perUser) {
  const ratings = [];
  for (let u = 1; u <= users; u++) {
    const row = [];
    for (let k = 0; k < perUser; k++) {
      const id = itemIds[(u * 7 + k * 3) % itemIds.length];
      if (!row.some(([i]) => i === id)) row.push([id, 3 + ((u + k) % 3)]);
    }
    ratings.push(row);
  }
  return ratings;
}

const fillers = (from, n, year) =>
  Array.from({ length: n }, (_, k) => [String(from + k), `Filler Picture ${from + k} (${year + (k % 9)})`]);

// The movies both releases have (100K id and title, latest id and title).
export const SHARED_MOVIES = [
  { old: ['50', 'Star Wars (1977)'], latest: ['260', 'Star Wars: Episode IV - A New Hope (1977)'] },
  {
    old: ['172', 'Empire Strikes Back, The (1980)'],
    latest: ['1196', 'Star Wars: Episode V - The Empire Strikes Back (1980)'],
  },
  { old: ['11', 'Seven (Se7en) (1995)'], latest: ['47', 'Seven (a.k.a. Se7en) (1995)'] },
  { old: ['1', 'Toy Story (1995)'], latest: ['1', 'Toy Story (1995)'] },
];
export const ONLY_IN_100K = ['242', 'Kolya (1996)'];

// MovieLens 100K files: u.data (tab) and u.item (24 '|' fields).
export function ml100kFiles() {
  const movies = [...SHARED_MOVIES.map((m) => m.old), ONLY_IN_100K, ...fillers(300, 30, 1990)];
  const flags = Array(19).fill('0').join('|');
  const items =
    movies.map(([id, title]) => `${id}|${title}|01-Jan-1995||http://us.imdb.com/|${flags}`).join('\n') + '\n';
  const ratings = spreadRatings(
    movies.map(([id]) => id),
    40,
    9,
  );
  const data =
    ratings
      .flatMap((row, u) => row.map(([id, v], k) => `${u + 1}\t${id}\t${v}\t${880000000 + u * 100 + k}`))
      .join('\n') + '\n';
  return [file('u.data', data), file('u.item', items)];
}

// MovieLens latest files (ratings.csv, movies.csv). variant 'latest' uses the
// latest titles; 'other-release' the same movieIds with 1M-style titles and
// other fillers (another release of the MovieLens id space).
export function latestFiles(variant = 'latest', { users = 40, extra = [] } = {}) {
  const shared = SHARED_MOVIES.map((m) => m.latest);
  const titled =
    variant === 'latest' ? shared : shared.map(([id, title]) => [id, id === '47' ? 'Seven (Se7en) (1995)' : title]);
  const movies = [...titled, ...fillers(variant === 'latest' ? 2000 : 5000, 30, 1992), ...extra];
  const csvTitle = (t) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const moviesCsv =
    'movieId,title,genres\n' + movies.map(([id, title]) => `${id},${csvTitle(title)},Drama`).join('\n') + '\n';
  const ratings = spreadRatings(
    movies.map(([id]) => id),
    users,
    9,
  );
  const ratingsCsv =
    'userId,movieId,rating,timestamp\n' +
    ratings
      .flatMap((row, u) => row.map(([id, v], k) => `${u + 1},${id},${v}.0,${1400000000 + u * 100 + k}`))
      .join('\n') +
    '\n';
  return [file('ratings.csv', ratingsCsv, 'text/csv'), file('movies.csv', moviesCsv, 'text/csv')];
}

// 120 users; movies 1..60 kept by many (>= 5 users each), 101..140 by one
// or two: the minimum support (5) applies and leaves the 40 rare ones out.
export function popularAndRareFiles() {
  const rows = ['userId,movieId,rating,timestamp'];
  const titles = ['movieId,title,genres'];
  for (let i = 1; i <= 60; i++) titles.push(`${i},Well Known Picture ${i} (${1970 + (i % 40)}),Drama`);
  for (let i = 101; i <= 140; i++) titles.push(`${i},Rarely Seen Picture ${i} (${1960 + (i % 40)}),Drama`);
  for (let u = 1; u <= 120; u++) {
    for (let i = 1; i <= 60; i++)
      if ((u * 7 + i * 3) % 10 < 2 || (u % 60) + 1 === i) rows.push(`${u},${i},5.0,1400000000`);
  }
  for (let i = 101; i <= 140; i++) {
    for (let k = 0; k < 1 + (i % 2); k++) rows.push(`${1 + ((i * 13 + k * 17) % 120)},${i},4.0,1400000000`);
  }
  return [
    file('ratings.csv', rows.join('\n') + '\n', 'text/csv'),
    file('movies.csv', titles.join('\n') + '\n', 'text/csv'),
  ];
}

// Last.fm 360K plays: 60 listeners, artists with MBIDs in two taste groups,
// and two artists without an MBID, each written in two spellings.
export function lastfmFile() {
  const kpop = ['IU', 'BLACKPINK', 'BIGBANG', 'EXO', 'TWICE', 'Red Velvet', 'SHINee', "Girls' Generation"];
  const rock = ['Radiohead', 'Muse', 'Coldplay', 'The Beatles', 'Pink Floyd', 'Oasis', 'Blur', 'Pixies'];
  const mbid = (k) => `${String(k).padStart(8, '0')}-0000-4000-8000-000000000000`;
  const lines = [];
  for (let u = 0; u < 60; u++) {
    const user = `${String(u).padStart(4, '0')}${'ab'.repeat(18)}`;
    const group = u % 2 === 0 ? kpop : rock;
    const offset = u % 2 === 0 ? 0 : 100;
    for (let k = 0; k < 5; k++) {
      const a = (u + k * 3) % group.length;
      lines.push(`${user}\t${mbid(offset + a)}\t${group[a]}\t${50 + ((u * 37 + k * 11) % 900)}`);
    }
    if (u % 3 === 0)
      lines.push(`${user}\t\t${u % 2 ? 'the black dahlia murder' : 'The Black Dahlia Murder'}\t${20 + u}`);
    if (u % 4 === 1) lines.push(`${user}\t\t${u % 8 === 1 ? 'Die Ärzte' : 'die ärzte'}\t${30 + u}`);
  }
  return file('usersha1-artmbid-artname-plays.tsv', lines.join('\n') + '\n', 'text/tab-separated-values');
}
