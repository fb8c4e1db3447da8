// Issue 11 in the page, through the real file input: hostile zips are refused
// quickly with a message of their own (in English and Korean) and the model
// keeps answering; zip entries are inflated in a worker of their own with
// progress "n of N MB, from the zip"; a zip and the same files unzipped give
// the same data set and model; Cancel stops a plain load, a zip load, a
// training and an evaluation within a second (generous bounds here: the
// benchmark measures) with ONE message and no restart; the badge counts the
// threads the visitor's cores allow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  readFixture,
  waitForRecommendations,
  uploadFiles,
  lastErrorShown,
  dismissErrors,
  similarQueryWorks,
  modelFingerprint,
  errorsOf,
  LONG,
  expectedBuild,
} from './support/app.mjs';
import { declaredBomb, disguisedBomb, nestedZip, traversalZip, zipOfDeflated } from '../js/support/hostile-zips.js';

const env = serveAndBrowse({ isolated: true });
const GENEROUS_MS = 3000; // "within a second" on a loaded 2-core machine; the benchmark times it

const zipFile = (name, bytes) => ({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });

// A ratings.csv of `lines` ratings (about 20 bytes each) in a temp folder, and
// a zip of it whose entry holds those ratings `zipRepeats` times: a zip load
// long enough (seconds, even on a fast machine) to ask a question while it runs.
function bigFiles(lines, { zipRepeats = 1 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'als-big-'));
  const parts = ['userId,movieId,rating,timestamp\n'];
  let x = 88172645;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  for (let k = 0; k < lines; k += 10_000) {
    let block = '';
    for (let j = k; j < Math.min(lines, k + 10_000); j++)
      block += `${(next() % 20000) + 1},${(next() % 8000) + 1},${(j % 10) / 2 + 0.5},964982703\n`;
    parts.push(block);
  }
  const data = Buffer.from(parts.join(''));
  const ratings = path.join(dir, 'ratings.csv');
  fs.writeFileSync(ratings, data);
  // Deflate blocks ended by a full flush stand alone (no back-references across
  // them), so the body's blocks repeated, then an empty final block (03 00),
  // inflate to the header and the body `zipRepeats` times.
  const header = data.subarray(0, parts[0].length);
  const body = data.subarray(parts[0].length);
  const flushed = (bytes) => zlib.deflateRawSync(bytes, { level: 1, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const deflated = Buffer.concat([
    flushed(header),
    ...Array(zipRepeats).fill(flushed(body)),
    Buffer.from([0x03, 0x00]),
  ]);
  let crc = zlib.crc32(header);
  for (let r = 0; r < zipRepeats; r++) crc = zlib.crc32(body, crc);
  const zip = path.join(dir, 'ml-big.zip');
  fs.writeFileSync(zip, zipOfDeflated('ml-big/ratings.csv', deflated, header.length + body.length * zipRepeats, crc));
  return { dir, ratings, zip, bytes: data.length };
}

async function expectModelKept(page, before, k) {
  assert.deepEqual(await modelFingerprint(page), before, 'the model and data are the ones from before');
  assert.equal(await page.getByTestId('recommendation-row').count(), 10, 'the recommendations are still shown');
  await similarQueryWorks(page, k);
}

test(
  'hostile zips are refused with a message of their own, and the model keeps answering',
  { timeout: 300_000 },
  async (t) => {
    const { page, errors: pageErrors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);
    let k = 0;
    async function expectRefused(file, patterns, where) {
      const before = await modelFingerprint(page);
      const started = Date.now();
      assert.equal(await uploadFiles(page, file), 'error', 'the load must fail');
      const ms = Date.now() - started;
      const shown = await lastErrorShown(page);
      for (const pattern of patterns) assert.match(shown.message, pattern);
      if (where) assert.match(shown.where, where);
      assert.match(shown.text, /Your previous data, model and favorites are unchanged/);
      await expectModelKept(page, before, ++k);
      return { shown, ms };
    }

    await t.test("a zip bomb whose directory admits its ratio (the issue's, 75 MB instead of 2 GiB)", async () => {
      const { ms } = await expectRefused(
        zipFile('ml-bomb.zip', declaredBomb()),
        [
          /ml-bomb\.zip: ml-bomb\/ratings\.dat says it inflates from 0\.\d+ MB to 75 MB \([\d,]+ : 1\)/,
          /zip bomb/,
          /refused without inflating/,
        ],
        /Where: ml-bomb\/ratings\.dat/,
      );
      assert.ok(ms < 20_000, `refused in ${ms} ms (upload included)`);
      await screenshot(page, 'big-files-bomb', { fullPage: false });
      // The same message in Korean.
      await page.getByTestId('lang-ko').click();
      const korean = await lastErrorShown(page);
      assert.match(korean.message, /압축 폭탄/);
      assert.match(korean.message, /ml-bomb\/ratings\.dat/);
      await screenshot(page, 'big-files-bomb-ko', { fullPage: false });
      await page.getByTestId('lang-en').click();
      await dismissErrors(page);
    });

    await t.test('a zip bomb that hides its ratio until it inflates', async () => {
      await expectRefused(zipFile('sneaky.zip', disguisedBomb()), [
        /sneaky\.zip: ml-bomb\/ratings\.dat inflated from [\d.]+ MB to more than \d+ MB \([\d,]+ : 1\)/,
        /stopped before being read/,
      ]);
      await dismissErrors(page);
    });

    await t.test('a zip inside the zip', async () => {
      const inner = zipSync({ 'ml-tiny/ratings.csv': strToU8('userId,movieId,rating,timestamp\n1,1,5,0\n') });
      await expectRefused(zipFile('download.zip', nestedZip(inner)), [
        /download\.zip holds another zip, download\/ml-tiny\.zip/,
        /unzip download\.zip first/,
      ]);
      await dismissErrors(page);
    });

    await t.test('entries whose names climb out of the archive', async () => {
      await expectRefused(
        zipFile('traversal.zip', traversalZip(readFixture('ml-latest-small', 'ratings.csv').toString('utf8'))),
        [/traversal\.zip: the entry “\.\.\/\.\.\/evil\/ratings\.csv” has a name that climbs out of the archive/],
      );
      await dismissErrors(page);
    });
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'a zip is inflated in its own worker, says "n of N MB, from the zip", and gives the same data and model as the files',
  { timeout: 300_000 },
  async () => {
    const { page, errors: pageErrors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);
    const big = bigFiles(1_200_000); // ~25 MB: several chunks
    try {
      // Every progress text shown during the zip load, and the workers alive meanwhile.
      await page.evaluate(() => {
        window.__progressTexts = [];
        const observer = new MutationObserver(() => {
          const text = document.querySelector('[data-testid=data-progress-text]')?.textContent;
          if (text && window.__progressTexts.at(-1) !== text) window.__progressTexts.push(text);
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      let sawSourceWorker = false;
      const onWorker = (w) => {
        if (/source-worker/.test(w.url())) sawSourceWorker = true;
      };
      page.on('worker', onWorker);
      const outcome = uploadFiles(page, big.zip);
      // A picture of the progress while it shows; the load may be over before
      // (the parser is fast): the texts recorded above are the check.
      const shown = page.getByTestId('data-progress-text').filter({ hasText: /from the zip/ });
      await Promise.race([shown.waitFor({ timeout: LONG }).catch(() => {}), outcome]);
      await screenshot(page.locator('.load-progress'), 'big-files-zip-progress').catch(() => {});
      assert.equal(await outcome, 'loaded', JSON.stringify(await errorsOf(page)));
      page.off('worker', onWorker);
      assert.ok(sawSourceWorker, 'the entry was read in a worker of its own');
      const texts = await page.evaluate(() => window.__progressTexts);
      const zipTexts = texts.filter((s) => /from the zip ml-big\.zip/.test(s));
      assert.ok(zipTexts.length > 0, `progress: ${JSON.stringify(texts)}`);
      assert.match(zipTexts[0], /^Reading ml-big\/ratings\.csv: [\d.,]+ of \d+ MB, from the zip ml-big\.zip$/);
      const summaryOf = () => page.getByTestId('data-summary').textContent();
      const zipSummary = (await summaryOf()).replace(/ml-big\/ratings\.csv|ml-big\.zip/g, 'ratings.csv');
      const train = () =>
        page.evaluate(async () => {
          const client = window.alsMovies.client;
          await client.call('train', { config: { factors: 8, iterations: 2, seed: 3 } });
          const { values } = await client.call('factorMatrix', { which: 'items' });
          let hash = 0;
          for (const v of new Uint32Array(values.buffer)) hash = (Math.imul(hash, 31) + v) >>> 0;
          return hash;
        });
      const zipModel = await train();
      assert.equal(await uploadFiles(page, big.ratings), 'loaded');
      assert.equal((await summaryOf()).replace(/ml-big\/ratings\.csv|ml-big\.zip/g, 'ratings.csv'), zipSummary);
      assert.equal(await train(), zipModel, 'the same model, bit for bit');
    } finally {
      fs.rmSync(big.dir, { recursive: true, force: true });
    }
    assert.deepEqual(pageErrors, []);
  },
);

test(
  'Cancel stops a plain load, a zip load, a training and an evaluation at once, with one message and no restart',
  { timeout: 400_000 },
  async (t) => {
    const { page, errors: pageErrors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);
    const info = await page.evaluate(() => ({ ...window.alsMovies.client.info, cores: navigator.hardwareConcurrency }));
    const big = bigFiles(3_000_000, { zipRepeats: 10 }); // ~65 MB; the zip inflates to ~650 MB
    let k = 0;
    // Restarts of the engine worker would show as a new 'ready' after this.
    await page.evaluate(() => {
      window.__engineStatuses = [];
      window.alsMovies.client.onStatus((s) => window.__engineStatuses.push(s.type));
    });

    // Starts something long, cancels it once `started` holds; -> ms from the click to the page being idle.
    async function cancelOnce(start, { started, cancel, idle }) {
      const before = await modelFingerprint(page);
      const last = await page.evaluate(() => {
        const s = window.alsMovies.getState();
        return Math.max(0, ...s.notices.map((n) => n.id), ...s.errors.map((e) => e.id));
      });
      await start();
      await page.waitForFunction(started, null, { timeout: LONG, polling: 20 });
      const ms = await page.evaluate(
        async ({ cancel, idle }) => {
          const t0 = performance.now();
          document.querySelector(`[data-testid=${cancel}]`).click();
          const isIdle = new Function(`return (${idle})()`);
          while (!isIdle()) await new Promise((r) => setTimeout(r, 5));
          return performance.now() - t0;
        },
        { cancel, idle: idle.toString() },
      );
      await page.waitForTimeout(300); // anything a late answer would add
      const after = await page.evaluate((last) => {
        const s = window.alsMovies.getState();
        return {
          notices: s.notices.filter((n) => n.id > last).map((n) => n.key),
          errors: s.errors.filter((e) => e.id > last).map((e) => e.message),
          banner: s.banner,
        };
      }, last);
      assert.deepEqual(after.errors, [], 'a cancel is no error');
      assert.deepEqual(after.notices, ['notice.cancelled'], 'one message');
      assert.equal(after.banner, null, 'no banner');
      assert.ok(ms < GENEROUS_MS, `answered ${ms.toFixed(0)} ms after Cancel`);
      await expectModelKept(page, before, ++k);
      return ms;
    }
    const loading = () =>
      window.alsMovies.getState().data.status === 'loading' &&
      (window.alsMovies.getState().data.progress?.bytesDone ?? 0) > 0;
    const loaded = () => window.alsMovies.getState().data.status !== 'loading';
    try {
      await t.test('a plain load', async () => {
        const ms = await cancelOnce(() => page.getByTestId('data-file-input').setInputFiles(big.ratings), {
          started: loading,
          cancel: 'data-cancel',
          idle: loaded,
        });
        console.log(`cancel during a plain load: ${ms.toFixed(0)} ms`);
      });
      await t.test('a zip load (answers queries meanwhile)', async () => {
        const ms = await cancelOnce(
          async () => {
            await page.getByTestId('data-file-input').setInputFiles(big.zip);
            // A question asked during the load is answered, from the model there is.
            await page.waitForFunction(() => window.alsMovies.getState().data.progress?.archive, null, {
              timeout: LONG,
              polling: 20,
            });
            await similarQueryWorks(page, 3);
            const status = await page.evaluate(() => window.alsMovies.getState().data.status);
            assert.equal(status, 'loading', 'the question was answered while the zip was still loading');
          },
          { started: loading, cancel: 'data-cancel', idle: loaded },
        );
        console.log(`cancel during a zip load: ${ms.toFixed(0)} ms`);
      });
      await t.test('a training', async () => {
        await page.getByTestId('train-factors').fill('200');
        await page.getByTestId('train-iterations').fill('200');
        const ms = await cancelOnce(() => page.getByTestId('train-button').click(), {
          started: () => (window.alsMovies.getState().training.progress?.fraction ?? 0) > 0,
          cancel: 'train-cancel',
          idle: () => !window.alsMovies.getState().training.running,
        });
        console.log(`cancel during training: ${ms.toFixed(0)} ms`);
      });
      await t.test('an evaluation', async () => {
        const ms = await cancelOnce(() => page.getByTestId('evaluate-button').click(), {
          started: () => (window.alsMovies.getState().evaluation.progress?.fraction ?? 0) > 0,
          cancel: 'evaluate-cancel',
          idle: () => !window.alsMovies.getState().evaluation.running,
        });
        console.log(`cancel during evaluation: ${ms.toFixed(0)} ms`);
      });
      assert.deepEqual(await page.evaluate(() => window.__engineStatuses), [], 'the engine worker was never restarted');
    } finally {
      fs.rmSync(big.dir, { recursive: true, force: true });
    }
    // The badge: as many threads as the visitor's cores.
    const expected = await expectedBuild(page);
    assert.equal(info.variant, expected.variant);
    assert.equal(info.threads, expected.threads);
    assert.equal(await page.getByTestId('build-badge').getAttribute('data-threads'), String(expected.threads));
    assert.deepEqual(pageErrors, []);
  },
);
