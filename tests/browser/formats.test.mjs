// Every supported format through the real file input: the files of each
// fixture folder (tests/fixtures/formats/), a zipped folder, and a zip
// holding two data sets. The expected counts are computed here from the
// fixture files with the documented rules (README: MovieLens keeps ratings
// >= 3, other formats keep everything; Last.fm play counts of the same
// (user, artist) add up, a repeated rating replaces the earlier one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  FIXTURES,
  parseNumber,
  waitForRecommendations,
  uploadFiles,
  trainCurrentData,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  errorsOf,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

// ---- the expected numbers, from the files

function lines(file) {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

// ratings: [{ user, item, value }] in file order; rule: { threshold, sum }.
function expectedCounts(ratings, { threshold = null, sum = false } = {}) {
  const cells = new Map();
  for (const r of ratings) {
    const key = `${r.user}\u0000${r.item}`;
    cells.set(key, { ...r, value: sum && cells.has(key) ? cells.get(key).value + r.value : r.value });
  }
  const kept = [...cells.values()].filter((c) => threshold === null || c.value >= threshold);
  return {
    raw: ratings.length,
    kept: kept.length,
    users: new Set(kept.map((c) => c.user)).size,
    items: new Set(kept.map((c) => c.item)).size,
    keptItems: new Set(kept.map((c) => c.item)),
  };
}

const csvRatings = (file) =>
  lines(file)
    .slice(1)
    .map((l) => {
      const [user, item, value] = l.split(',');
      return { user, item, value: Number(value) };
    });

// Title of an id in a MovieLens movies.csv (quoted titles may hold commas).
function csvTitles(file) {
  const titles = new Map();
  for (const l of lines(file).slice(1)) {
    const m = l.match(/^([^,]+),("(?:[^"]|"")*"|[^,]*),/);
    titles.set(m[1], m[2].startsWith('"') ? m[2].slice(1, -1).replace(/""/g, '"') : m[2]);
  }
  return titles;
}

const FORMATS = {
  'ml-1m': {
    dataSet: 'MovieLens 1M/10M',
    format: 'MovieLens ratings.dat',
    search: 'cuckoo',
    ratings: () =>
      lines(path.join(FIXTURES, 'ml-1m/ratings.dat')).map((l) => {
        const [user, item, value] = l.split('::');
        return { user, item, value: Number(value) };
      }),
    rule: { threshold: 3 },
    // movies.dat is Latin-1: the title must come out right.
    title: 'Misérables, Les (1995)',
  },
  'ml-100k': {
    dataSet: 'MovieLens 100K',
    format: 'MovieLens 100K u.data',
    search: 'kolya',
    ratings: () =>
      lines(path.join(FIXTURES, 'ml-100k/u.data')).map((l) => {
        const [user, item, value] = l.split('\t');
        return { user, item, value: Number(value) };
      }),
    rule: { threshold: 3 },
    title: 'Kolya (1996)',
  },
  'ml-latest-small': {
    dataSet: 'MovieLens (latest, 20M, 25M or 32M)',
    format: 'MovieLens ratings.csv',
    search: 'heat',
    ratings: () => csvRatings(path.join(FIXTURES, 'ml-latest-small/ratings.csv')),
    rule: { threshold: 3 },
    title: csvTitles(path.join(FIXTURES, 'ml-latest-small/movies.csv')).get('4973'),
  },
  'ml-latest-crlf': {
    dataSet: 'MovieLens (latest, 20M, 25M or 32M)',
    format: 'MovieLens ratings.csv',
    search: 'seven',
    ratings: () => csvRatings(path.join(FIXTURES, 'ml-latest-crlf/ratings.csv')),
    rule: { threshold: 3 },
    title: csvTitles(path.join(FIXTURES, 'ml-latest-crlf/movies.csv')).get('318'),
  },
  'lastfm-360k': {
    dataSet: 'Last.fm 360K',
    format: 'Last.fm plays',
    search: 'radiohead',
    ratings: () =>
      lines(path.join(FIXTURES, 'lastfm-360k/usersha1-artmbid-artname-plays.tsv')).map((l) => {
        const [user, mbid, name, plays] = l.split('\t');
        return { user, item: mbid || `name:${name}`, value: Number(plays) };
      }),
    rule: { sum: true },
    title: 'die Ärzte',
  },
  generic: {
    dataSet: 'your own ratings',
    format: 'user,item,value ratings',
    search: 'godfather',
    ratings: () => [
      ...lines(path.join(FIXTURES, 'generic/my_ratings.csv'))
        .slice(1)
        .map((l) => {
          const [user, item, value] = l.split(';');
          return { user, item, value: Number(value.replace(',', '.')) };
        }),
      ...lines(path.join(FIXTURES, 'generic/plays.tsv')).map((l) => {
        const [user, item, value] = l.split('\t');
        return { user, item, value: Number(value) };
      }),
    ],
    rule: {},
    title: 'Shawshank Redemption, The',
  },
};

async function statValue(page, testid) {
  return parseNumber(await page.getByTestId(testid).locator('.stat-value').textContent());
}

// The summary on the page against the counts computed from the files.
async function checkSummary(page, expected, { dataSet, format }) {
  const heading = await page.getByTestId('data-format').textContent();
  assert.ok(heading.includes(dataSet), `"${heading}" names ${dataSet}`);
  assert.ok(heading.includes(format), `"${heading}" names ${format}`);
  assert.equal(await page.getByTestId('demo-label').count(), 0);
  assert.equal(await statValue(page, 'stat-users'), expected.users, 'users');
  assert.equal(await statValue(page, 'stat-items'), expected.items, 'items');
  assert.equal(await statValue(page, 'stat-ratings'), expected.kept, 'ratings kept');
  const detail = await page.getByTestId('stat-ratings').locator('.stat-detail').textContent();
  assert.equal(parseNumber(detail), expected.raw, `ratings read: ${detail}`);
  assert.equal(
    parseNumber(await page.getByTestId('kept-share').textContent()),
    Number(((100 * expected.kept) / expected.raw).toFixed(2)),
  );
  const n = (x) => x.toLocaleString('en-US');
  assert.match(
    await page.getByTestId('csr-shape').textContent(),
    new RegExp(`${n(expected.users)} users × ${n(expected.items)} items, ${n(expected.kept)} non-zero`),
  );
}

// Train, pick one favorite by keyboard, and get recommendations for it.
async function trainAndRecommend(page, search) {
  await trainCurrentData(page);
  if (await page.getByTestId('favorites-clear').count()) await page.getByTestId('favorites-clear').click();
  await page.waitForFunction(() => window.alsMovies.getState().favorites.length === 0);
  const favorite = await addFavoriteByKeyboard(page, search);
  await waitForRecommendationsFor(page, 1);
  const rows = await page
    .getByTestId('recommendation-row')
    .evaluateAll((els) => els.map((e) => Number(e.dataset.item)));
  const items = await page.evaluate(() => window.alsMovies.getState().model.table.count);
  assert.equal(rows.length, Math.min(10, items - 1), 'every other item, up to 10');
  assert.ok(!rows.includes(favorite.index), 'the favorite is not recommended');
  const sum = page.getByTestId('recommendation-row').first().getByTestId('explanation-sum');
  assert.ok(
    Math.abs(Number(await sum.getAttribute('data-sum')) - Number(await sum.getAttribute('data-score'))) <= 1e-3,
  );
  return favorite;
}

test('every format through the file input: named, counted, trained, recommending', { timeout: 240_000 }, async (t) => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await waitForRecommendations(page);

  for (const [folder, spec] of Object.entries(FORMATS)) {
    await t.test(folder, async () => {
      const dir = path.join(FIXTURES, folder);
      const files = fs
        .readdirSync(dir)
        .sort()
        .map((name) => path.join(dir, name));
      const outcome = await uploadFiles(page, files);
      assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
      const expected = expectedCounts(spec.ratings(), spec.rule);
      await checkSummary(page, expected, spec);
      // Every file is reported, the ones not used as "not read".
      assert.equal(await page.getByTestId('file-report-row').count(), files.length);
      const malformed = await page.getByTestId('file-malformed').allTextContents();
      assert.deepEqual(
        malformed.map(Number),
        files.map(() => 0),
      );
      assert.ok(
        (await page.getByTestId('popular-list').textContent()).includes(spec.title),
        `${spec.title} in the popular list`,
      );
      const favorite = await trainAndRecommend(page, spec.search);
      const table = await page.evaluate(() => ({ ids: window.alsMovies.getState().model.table.ids }));
      assert.deepEqual(new Set(table.ids), expected.keptItems, 'the model holds exactly the kept items');
      assert.ok(favorite.title.toLowerCase().includes(spec.search));
      if (folder === 'ml-1m') await screenshot(page.locator('#step-data'), 'formats-ml-1m-data');
      if (folder === 'lastfm-360k') await screenshot(page.locator('.pair'), 'formats-lastfm-recommendations');
    });
  }

  const small = (name) => fs.readFileSync(path.join(FIXTURES, 'ml-latest-small', name));
  const expectedSmall = expectedCounts(FORMATS['ml-latest-small'].ratings(), { threshold: 3 });

  await t.test('a zipped folder (ml-latest-small.zip as GroupLens ships it)', async () => {
    const zip = zipSync({
      'ml-latest-small/': new Uint8Array(0),
      'ml-latest-small/ratings.csv': small('ratings.csv'),
      'ml-latest-small/movies.csv': small('movies.csv'),
      'ml-latest-small/README.txt': small('README.txt'),
    });
    const outcome = await uploadFiles(page, {
      name: 'ml-latest-small.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zip),
    });
    assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
    await checkSummary(page, expectedSmall, FORMATS['ml-latest-small']);
    const reported = await page.getByTestId('file-report-row').locator('.file-name').allTextContents();
    assert.deepEqual(reported.sort(), [
      'ml-latest-small/README.txt',
      'ml-latest-small/movies.csv',
      'ml-latest-small/ratings.csv',
    ]);
    await trainAndRecommend(page, 'heat');
  });

  await t.test('a ratings.csv of several read chunks (read ahead by a helper worker) is counted exactly', async () => {
    // ~14 MB: four 4 MiB read chunks, so lines straddle chunk boundaries.
    const rows = ['userId,movieId,rating,timestamp'];
    const ratings = [];
    for (let i = 0; rows.length <= 640_000; i++) {
      const r = { user: String(1 + (i % 6007)), item: String(1 + ((i * 7919) % 3001)), value: 0.5 * (1 + (i % 10)) };
      ratings.push(r);
      rows.push(`${r.user},${r.item},${r.value},${964982703 + i}`);
    }
    const buffer = Buffer.from(rows.join('\n') + '\n');
    assert.ok(buffer.length > 3 * (4 << 20), `${buffer.length} bytes`);
    const outcome = await uploadFiles(page, { name: 'ratings.csv', mimeType: 'text/csv', buffer });
    assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
    await checkSummary(page, expectedCounts(ratings, { threshold: 3 }), FORMATS['ml-latest-small']);
    assert.deepEqual((await page.getByTestId('file-malformed').allTextContents()).map(Number), [0]);
  });

  await t.test('a zip with two data sets asks which one, and loads the one chosen', async () => {
    const oneM = (name) => fs.readFileSync(path.join(FIXTURES, 'ml-1m', name));
    const zip = zipSync({
      'ml-latest-small/ratings.csv': small('ratings.csv'),
      'ml-latest-small/movies.csv': small('movies.csv'),
      'ml-1m/ratings.dat': oneM('ratings.dat'),
      'ml-1m/movies.dat': oneM('movies.dat'),
    });
    const before = await page.evaluate(() => window.alsMovies.getState().data.version);
    const outcome = await uploadFiles(page, { name: 'two.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    assert.equal(outcome, 'choose');
    const options = page.getByTestId('choose-folder-option');
    assert.deepEqual((await options.evaluateAll((els) => els.map((e) => e.dataset.folder))).sort(), [
      'ml-1m',
      'ml-latest-small',
    ]);
    // Nothing was loaded yet: the previous data set is still shown.
    assert.equal(await page.evaluate(() => window.alsMovies.getState().data.version), before);
    await screenshot(page.locator('#step-data'), 'formats-choose-folder');
    await page.locator('[data-testid=choose-folder-option][data-folder="ml-1m"]').click();
    await page.waitForFunction((v) => {
      const s = window.alsMovies.getState();
      return s.data.status === 'ready' && s.data.version > v;
    }, before);
    assert.equal(await page.getByTestId('choose-folder').count(), 0);
    const expected = expectedCounts(FORMATS['ml-1m'].ratings(), { threshold: 3 });
    await checkSummary(page, expected, FORMATS['ml-1m']);
    const reported = await page.getByTestId('file-report-row').locator('.file-name').allTextContents();
    assert.deepEqual(reported.sort(), ['ml-1m/movies.dat', 'ml-1m/ratings.dat']);
    await trainAndRecommend(page, 'cuckoo');
  });

  assert.deepEqual(await errorsOf(page), []);
  assert.deepEqual(errors, []);
});
