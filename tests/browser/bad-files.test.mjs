// Issue "robustness": bad files through the real file inputs. Each must fail
// with a message that says what was wrong and where (file, line when there
// is one), and the model the visitor had must keep answering (its
// recommendations stay, a similar-movies query still works). A title that
// holds HTML is shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  readFixture,
  waitForRecommendations,
  uploadFiles,
  lastErrorShown,
  dismissErrors,
  similarQueryWorks,
  modelFingerprint,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  trainCurrentData,
  errorsOf,
  currentModelBytes,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

const file = (name, content, mimeType = 'text/plain') => ({ name, mimeType, buffer: Buffer.from(content) });
const ratingsCsv = readFixture('ml-latest-small', 'ratings.csv').toString('utf8');
const moviesCsv = readFixture('ml-latest-small', 'movies.csv').toString('utf8');

// A GroupLens-style zip of the ml-latest-small fixture.
function goodZip() {
  return Buffer.from(
    zipSync({
      'ml-latest-small/ratings.csv': Buffer.from(ratingsCsv),
      'ml-latest-small/movies.csv': Buffer.from(moviesCsv),
    }),
  );
}

// Offsets of every record with this signature (local 0x04034b50, central 0x02014b50).
function records(zip, signature) {
  const at = [];
  for (let p = 0; p + 4 <= zip.length; p++) if (zip.readUInt32LE(p) === signature) at.push(p);
  return at;
}

// The model and data the visitor has must be untouched and still answer.
async function expectModelKept(page, before, k) {
  assert.deepEqual(await modelFingerprint(page), before, 'the model and data are the ones from before');
  assert.equal(await page.getByTestId('recommendation-row').count(), 10, 'the recommendations are still shown');
  await similarQueryWorks(page, k);
}

test('bad files fail with what and where, and the model keeps answering', { timeout: 240_000 }, async (t) => {
  const { page, errors: pageErrors } = await openPage(env.browser, env.server.url);
  await waitForRecommendations(page);
  await addFavoriteByKeyboard(page, 'reactor');
  await addFavoriteByKeyboard(page, 'outpost');
  await waitForRecommendationsFor(page, 2);
  let k = 0; // a different recommended movie for each similar query

  // files -> an error whose message matches every pattern, and names `where`.
  async function expectFailure(files, { message, where, input = 'data-file-input', strict = false }) {
    const before = await modelFingerprint(page);
    if (strict) await page.getByTestId('data-strict').check();
    try {
      const outcome = await uploadFiles(page, files, { input });
      assert.equal(outcome, 'error', 'the load must fail');
    } finally {
      if (strict) await page.getByTestId('data-strict').uncheck();
    }
    const shown = await lastErrorShown(page);
    for (const pattern of message) assert.match(shown.message, pattern);
    if (where instanceof RegExp) assert.match(shown.where, where);
    else
      assert.ok(
        `${shown.message} ${shown.where}`.includes(where),
        `the error names ${where}: ${JSON.stringify(shown)}`,
      );
    assert.match(shown.text, /Your previous data, model and favorites are unchanged/);
    await expectModelKept(page, before, ++k);
    return shown;
  }

  await t.test('an image (PNG bytes)', async () => {
    await expectFailure(file('poster.png', readFixture('unknown', 'poster.png'), 'image/png'), {
      message: [/^No ratings file found; poster\.png: looks like binary data \(PNG image\)\.$/],
      where: 'poster.png',
    });
    await screenshot(page, 'bad-files-png', { fullPage: false });
    await dismissErrors(page);
  });

  await t.test('a binary file, even named ratings.dat', async () => {
    const bytes = Buffer.alloc(8192);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    await expectFailure(file('ratings.dat', bytes, 'application/octet-stream'), {
      message: [/binary data/],
      where: 'ratings.dat',
    });
    await dismissErrors(page);
  });

  await t.test('an empty file', async () => {
    await expectFailure(file('empty.csv', readFixture('unknown', 'empty.csv')), {
      message: [/empty file/],
      where: 'empty.csv',
    });
    await dismissErrors(page);
  });

  await t.test('a movies file without a ratings file', async () => {
    await expectFailure(file('movies.csv', moviesCsv), { message: [/no ratings file/i], where: 'movies.csv' });
    await dismissErrors(page);
  });

  const badLine = 5; // line 5 of the file (the header is line 1)
  const malformed = ratingsCsv
    .split('\n')
    .map((l, i) => (i === badLine - 1 ? '1,47,five,964983815' : l))
    .join('\n');

  await t.test('a malformed line in strict mode: file and line', async () => {
    const shown = await expectFailure([file('ratings.csv', malformed), file('movies.csv', moviesCsv)], {
      message: [/five/, /not a number/],
      where: new RegExp(`ratings\\.csv, line ${badLine}\\b`),
      strict: true,
    });
    assert.match(shown.where, /^Where: ratings\.csv, line 5$/);
    await screenshot(page, 'bad-files-strict', { fullPage: false });
    await dismissErrors(page);
  });

  await t.test('a corrupt zip (invalid compressed data)', async () => {
    const zip = goodZip();
    const local = records(zip, 0x04034b50)[0];
    zip[local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)] = 0x07; // deflate block type 3: invalid
    await expectFailure(file('ml-latest-small.zip', zip, 'application/zip'), {
      message: [/corrupt/, /ml-latest-small\.zip/],
      where: /ml-latest-small\/ratings\.csv/,
    });
    await dismissErrors(page);
  });

  await t.test('a truncated zip (an interrupted download)', async () => {
    const zip = goodZip();
    await expectFailure(file('ml-latest-small.zip', zip.subarray(0, Math.floor(zip.length * 0.6)), 'application/zip'), {
      message: [/truncated|not a complete zip/],
      where: 'ml-latest-small.zip',
    });
    await dismissErrors(page);
  });

  await t.test('an encrypted zip', async () => {
    const zip = goodZip();
    for (const p of records(zip, 0x02014b50)) zip[p + 8] |= 1; // central directory: general purpose bit 0
    for (const p of records(zip, 0x04034b50)) zip[p + 6] |= 1; // and the local headers
    await expectFailure(file('ml-latest-small.zip', zip, 'application/zip'), {
      message: [/encrypted/, /password/],
      where: /ml-latest-small\/ratings\.csv/,
    });
    await dismissErrors(page);
  });

  await t.test('a truncated model file', async () => {
    const bytes = await currentModelBytes(page);
    assert.equal(bytes.subarray(0, 8).toString('latin1'), 'ALSMODEL');
    const shown = await expectFailure(
      file('model.als', bytes.subarray(0, Math.floor(bytes.length / 2)), 'application/octet-stream'),
      {
        input: 'load-model-input',
        message: [/corrupt|truncated/],
        where: /model\.als/,
      },
    );
    assert.match(shown.text, /loading the model file/);
    await dismissErrors(page);
  });

  await t.test('a file that is not a model', async () => {
    await expectFailure(file('model.als', 'userId,movieId,rating\n1,2,3\n', 'application/octet-stream'), {
      input: 'load-model-input',
      message: [/not a model file/i],
      where: /model\.als/,
    });
    await screenshot(page, 'bad-files-not-a-model', { fullPage: false });
    await dismissErrors(page);
  });

  await t.test("an .npz picked as this app's model file is read as implicit's, and says what it lacks", async () => {
    const shown = await expectFailure(
      file('model.npz', 'user_factors,item_factors\n1,2\n', 'application/octet-stream'),
      {
        input: 'load-model-input',
        message: [/npz|zip/],
        where: /model\.npz/,
      },
    );
    assert.doesNotMatch(shown.message, /ALSMODEL/, 'not judged as a file of this app');
    await dismissErrors(page);
  });

  // The last cases load data (the model stays until Train is pressed).

  await t.test('a data set too big for the tab is refused before it is read, with the numbers', async () => {
    // A 5 GB ratings.csv on disk (sparse: only its header is real). The page
    // looks at its size and first bytes, and must refuse it without reading it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'too-big-'));
    const big = path.join(dir, 'ratings.csv');
    fs.writeFileSync(big, 'userId,movieId,rating,timestamp\n1,1,5.0,0\n');
    fs.truncateSync(big, 5 * 2 ** 30);
    try {
      const shown = await expectFailure(big, {
        message: [/needs about [\d.]+ GB of memory/, /more than the [\d.]+ GB/],
        where: 'ratings.csv',
      });
      assert.doesNotMatch(shown.message, /NaN|undefined/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await dismissErrors(page);
  });

  await t.test('malformed lines in normal mode: counted, with examples, the rest loaded', async () => {
    const before = await modelFingerprint(page);
    const outcome = await uploadFiles(page, [file('ratings.csv', malformed), file('movies.csv', moviesCsv)]);
    assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
    const rows = page.getByTestId('file-report-row');
    const ratingsRow = rows.filter({ hasText: 'ratings.csv' });
    assert.equal(await ratingsRow.getByTestId('file-malformed').textContent(), '1');
    assert.equal(await rows.filter({ hasText: 'movies.csv' }).getByTestId('file-malformed').textContent(), '0');
    const examples = await page.getByTestId('malformed-examples').textContent();
    assert.match(examples, /ratings\.csv: 1 malformed line/);
    assert.ok(examples.includes(`ratings.csv:${badLine}`), examples);
    assert.match(examples, /five/);
    // Nine good ratings of ten, six of them >= 3.
    assert.match(await page.getByTestId('kept-line').textContent(), /of 9 kept/);
    await screenshot(page.locator('#step-data'), 'bad-files-malformed-report');
    // The data changed, and are small: a model of them trains by itself, so
    // no answer comes from the old model (and none says it is stale).
    await trainCurrentData(page);
    const after = await modelFingerprint(page);
    assert.notEqual(after.trainingSeconds, before.trainingSeconds);
    assert.equal(after.dataVersion, before.dataVersion + 1);
    assert.equal(await page.getByTestId('model-stale').count(), 0);
    await similarQueryWorks(page, ++k);
  });

  await t.test('ratings whose items have no titles are shown by id ("Item 123")', async () => {
    const ratings =
      'userId,movieId,rating,timestamp\n1,123,5,1\n1,456,4,1\n2,123,4,1\n2,789,5,1\n3,456,5,1\n3,789,3,1\n';
    const outcome = await uploadFiles(page, file('ratings.csv', ratings));
    assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
    const popular = await page.getByTestId('popular-list').textContent();
    for (const id of [123, 456, 789]) assert.ok(popular.includes(`Item ${id}`), popular);
    assert.match(await page.getByTestId('data-summary').textContent(), /3 items have no title \(shown by their id\)/);
    // So small it trains by itself: no answer comes from the old model meanwhile.
    await trainCurrentData(page);
    assert.ok((await page.getByTestId('recommendation-row').count()) <= 3, "the new model's three items at most");
    // The demo favorites are not in these data; pick "Item 123" by keyboard.
    const favorite = await addFavoriteByKeyboard(page, 'item 1');
    assert.equal(favorite.title, 'Item 123');
    await waitForRecommendationsFor(page, 1);
    const recs = await page.getByTestId('recommendation-row').locator('.movie-title button').allTextContents();
    assert.deepEqual(recs.map((s) => s.trim()).sort(), ['Item 456', 'Item 789']);
  });

  await t.test('a title holding HTML and script is shown as text, never run', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const movies = `movieId,title,genres\n1,"${evil.replace(/"/g, '""')}",Drama\n3,Grumpier Old Men (1995),Comedy|Romance\n6,Heat (1995),Action\n`;
    const ratings = 'userId,movieId,rating,timestamp\n1,1,5,1\n1,3,4,1\n2,1,4,1\n2,6,5,1\n3,3,5,1\n3,6,4,1\n';
    const outcome = await uploadFiles(page, [file('ratings.csv', ratings), file('movies.csv', movies)]);
    assert.equal(outcome, 'loaded', JSON.stringify(await errorsOf(page)));
    assert.ok((await page.getByTestId('popular-list').textContent()).includes(evil), 'the title is shown as it is');
    await trainCurrentData(page);
    if (await page.getByTestId('favorites-clear').count()) await page.getByTestId('favorites-clear').click();
    const favorite = await addFavoriteByKeyboard(page, 'onerror');
    assert.equal(favorite.title, evil);
    await waitForRecommendationsFor(page, 1);
    await page.getByTestId('favorite-row').first().locator('.movie-title button').click(); // similar movies of it
    await page.getByTestId('similar-target').filter({ hasText: 'onerror' }).waitFor();
    assert.ok((await page.getByTestId('favorites-list').textContent()).includes(evil));
    // Give an injected <img src=x> time to fail and run its handler.
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#app img, #app script').count(), 0, 'no element was made from the title');
    await screenshot(page.locator('.pair'), 'bad-files-html-title');
  });

  assert.deepEqual(pageErrors, [], 'no page error or console error');
});
