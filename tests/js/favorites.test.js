// Favorites as records of their own (web/src/app/favorites.js), found in
// another data set by id in the same id space, else by the engine's title
// keys (cpp/io/title_key.h, called through the worker protocol here) with the
// year; never dropped. Tables are built as the app builds them (item-table.js).
import { describe, it, expect, beforeAll } from 'vitest';
import { loadEngine } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import { buildItemTable } from '../../web/src/app/item-table.js';
import {
  carryFavorites,
  favoriteFromItem,
  favoritesForEngine,
  matchFavorite,
  upgradeFavorite,
} from '../../web/src/app/favorites.js';

let service;
beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
});

// items: [[id, title], ...] -> a table with the engine's match keys.
async function table(items, idSpace, { artists = false } = {}) {
  const { keys } = await service.call('titleKeys', { titles: items.map(([, title]) => title), artists });
  return buildItemTable(
    {
      ids: items.map(([id]) => id).join('\n'),
      titles: items.map(([, title]) => title).join('\n'),
      genres: items.map(() => '').join('\n'),
      matchKeys: keys.join('\n'),
      popularity: Int32Array.from(items.map((_, k) => 100 - k)),
    },
    { idSpace, artists },
  );
}

const ML100K = [
  ['50', 'Star Wars (1977)'],
  ['172', 'Empire Strikes Back, The (1980)'],
  ['11', 'Seven (Se7en) (1995)'],
  ['1', 'Toy Story (1995)'],
  ['242', 'Kolya (1996)'],
  ['474', 'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1963)'],
];
const LATEST = [
  ['1', 'Toy Story (1995)'],
  ['260', 'Star Wars: Episode IV - A New Hope (1977)'],
  ['1196', 'Star Wars: Episode V - The Empire Strikes Back (1980)'],
  ['47', 'Seven (a.k.a. Se7en) (1995)'],
  ['750', 'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)'],
  ['6', 'Heat (1995)'],
];

describe('favorites across data sets', () => {
  it('are found by title and year from ml-100k in ml-latest, and the rest stay, marked', async () => {
    const old = await table(ML100K, 'ml-100k');
    const latest = await table(LATEST, 'movielens');
    const favorites = [0, 1, 2, 4, 5].map((i) => favoriteFromItem(old, i, { rating: 4 }));
    expect(favorites[0]).toMatchObject({
      uid: 'ml-100k:50',
      ids: { 'ml-100k': '50' },
      title: 'Star Wars (1977)',
      rating: 4,
      scale: 'stars',
    });
    const found = favorites.map((f) => matchFavorite(latest, f));
    expect(found.map((m) => (m.index >= 0 ? latest.ids[m.index] : null))).toEqual(['260', '1196', '47', null, '750']);
    expect(found[0].how).toBe('title');
    // Kolya is not in the latest set: it stays, takes no part, and is reported missing.
    const carried = carryFavorites(latest, favorites);
    expect(carried.favorites).toHaveLength(5);
    expect(carried.missing.map((f) => f.title)).toEqual(['Kolya (1996)']);
    expect(carried.byTitle).toHaveLength(4);
    const engine = favoritesForEngine(latest, carried.favorites);
    expect([...engine.items]).toEqual([1, 2, 3, 4]);
    expect(engine.missing).toHaveLength(1);
    // Found by title, they learned their MovieLens movieIds ...
    expect(carried.favorites[0].ids).toEqual({ 'ml-100k': '50', movielens: '260' });
    // ... and say "found by title" for every model of this data (a retrain builds a new table) ...
    const retrained = await table(LATEST, 'movielens');
    expect(carried.favorites.slice(0, 3).map((f) => matchFavorite(retrained, f).how)).toEqual([
      'title',
      'title',
      'title',
    ]);
    // ... while another release of the same id space finds them by those movieIds.
    const release = await table([...LATEST, ['2', 'Jumanji (1995)']], 'movielens');
    expect(carried.favorites.slice(0, 3).map((f) => matchFavorite(release, f))).toEqual([
      { index: 1, how: 'id' },
      { index: 2, how: 'id' },
      { index: 3, how: 'id' },
    ]);
    // ... and ml-100k finds every one of them again by its own id, Kolya included.
    const back = carried.favorites.map((f) => matchFavorite(old, f));
    expect(back.map((m) => [old.ids[m.index], m.how])).toEqual([
      ['50', 'id'],
      ['172', 'id'],
      ['11', 'id'],
      ['242', 'id'],
      ['474', 'id'],
    ]);
  });

  it('are found by movieId between two data sets of the MovieLens id space, titles checked', async () => {
    const oneM = await table(
      [
        ['47', 'Seven (Se7en) (1995)'],
        ['260', 'Star Wars: Episode IV - A New Hope (1977)'],
        ['2', 'Jumanji (1995)'],
      ],
      'movielens',
    );
    const latest = await table(LATEST, 'movielens');
    const seven = favoriteFromItem(oneM, 0);
    expect(matchFavorite(latest, seven)).toEqual({ index: 3, how: 'id' });
    // The same id naming another movie (the demo's invented titles use ids 1..720 too): not taken.
    const demo = await table([['1', 'Stranger of Pellworth, The (1922)']], 'demo');
    const stranger = favoriteFromItem(demo, 0);
    expect(stranger.uid).toBe('demo:1');
    expect(matchFavorite(latest, stranger).index).toBe(-1);
    const legacy = upgradeFavorite({ id: '6', title: 'Jumanji (1995)', rating: 5 });
    legacy.keys = (await service.call('titleKeys', { titles: [legacy.title] })).keys[0].split('\t');
    expect(matchFavorite(latest, legacy).index).toBe(-1); // id 6 is Heat here, not Jumanji
  });

  it('take no guess when a title is ambiguous', async () => {
    const hamlets = await table(
      [
        ['1', 'Hamlet (1990)'],
        ['2', 'Hamlet (1996)'],
      ],
      '',
    );
    const mine = await table([['x', 'Hamlet']], '');
    expect(matchFavorite(hamlets, favoriteFromItem(mine, 0)).index).toBe(-1);
    const hamlet1990 = await table([['y', 'Hamlet (1990)']], '');
    expect(matchFavorite(hamlets, favoriteFromItem(hamlet1990, 0))).toEqual({ index: 0, how: 'title' });
  });

  it('artists: by MBID, else by the name folded', async () => {
    const a = await table(
      [
        ['a74b1b7f', 'Radiohead'],
        ['name:the black dahlia murder', 'The Black Dahlia Murder'],
      ],
      'musicbrainz',
      { artists: true },
    );
    const b = await table(
      [
        ['name:radiohead', 'radiohead'],
        ['a74b1b7f', 'Radiohead (band)'],
        ['name:black dahlia murder', 'Black Dahlia Murder'],
      ],
      'musicbrainz',
      { artists: true },
    );
    const radiohead = favoriteFromItem(a, 0, { scale: 'plays', plays: 120 });
    expect(radiohead).toMatchObject({ scale: 'plays', plays: 120, uid: 'musicbrainz:a74b1b7f' });
    expect(matchFavorite(b, radiohead)).toEqual({ index: 1, how: 'id' });
    const dahlia = favoriteFromItem(a, 1, { scale: 'plays', plays: 3 });
    expect(dahlia.ids).toEqual({}); // no MBID: no id to carry
    expect(matchFavorite(b, dahlia)).toEqual({ index: 2, how: 'title' });
    expect([...favoritesForEngine(b, [radiohead, dahlia]).values]).toEqual([120, 3]);
  });
});
