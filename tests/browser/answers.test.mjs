// Issue 10: answers a student can trust, through the real file input.
//   - favorites carried from an ml-100k-format set to an ml-latest-format set
//     (by title), between two latest-format sets (by movieId), the one not
//     found kept and marked, and back again;
//   - no stale answers: a small data set trains by itself; with settings that
//     make training long, a banner offers "Train on this data" and every
//     answer section waits; a model file of other data waits for a choice;
//   - neighbours with support: counts on every list, rare items left out by
//     default and shown with "include rare items";
//   - Last.fm in its own words (English and Korean), artists without stars,
//     name variants reported and merged, the BM25 suggestion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  waitForRecommendations,
  uploadFiles,
  trainCurrentData,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  errorsOf,
  clearFavorites,
} from './support/app.mjs';
import { ml100kFiles, latestFiles, popularAndRareFiles, lastfmFile } from './support/datasets.mjs';

const env = serveAndBrowse({ isolated: true });

const favoriteRows = (page) =>
  page.getByTestId('favorite-row').evaluateAll((rows) =>
    rows.map((r) => ({
      uid: r.dataset.uid,
      id: r.dataset.id,
      here: r.dataset.here === 'true',
      text: r.textContent,
      byTitle: Boolean(r.querySelector('[data-testid=favorite-by-title]')),
    })),
  );
const recommendedIds = (page) =>
  page.getByTestId('recommendation-row').evaluateAll((rows) => rows.map((r) => r.dataset.id));

// A loaded data set, trained (by itself: these are small) and answering.
async function loadAndTrain(page, files) {
  assert.equal(await uploadFiles(page, files), 'loaded', JSON.stringify(await errorsOf(page)));
  await trainCurrentData(page);
  await page.waitForFunction(() => !window.alsMovies.getState().recommendations.loading);
}

test(
  'favorites belong to the person: carried by title, by movieId, kept when missing, back again',
  { timeout: 240_000 },
  async (t) => {
    const { page, errors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);

    await t.test('picked on an ml-100k-format set', async () => {
      await loadAndTrain(page, ml100kFiles());
      await clearFavorites(page);
      for (const query of ['star wars', 'empire', 'seven', 'kolya']) await addFavoriteByKeyboard(page, query);
      const rows = await favoriteRows(page);
      assert.deepEqual(
        rows.map((r) => r.id),
        ['50', '172', '11', '242'],
      );
      assert.ok(rows.every((r) => r.here));
    });

    await t.test('carried to an ml-latest-format set by title and year; Kolya stays, marked', async () => {
      await loadAndTrain(page, latestFiles('latest'));
      await waitForRecommendationsFor(page, 3);
      const rows = await favoriteRows(page);
      assert.equal(rows.length, 4, 'no favorite was removed');
      assert.deepEqual(
        rows.map((r) => r.id),
        ['260', '1196', '47', ''],
      );
      assert.deepEqual(
        rows.map((r) => r.here),
        [true, true, true, false],
      );
      assert.deepEqual(
        rows.map((r) => r.byTitle),
        [true, true, true, false],
      );
      assert.ok(rows[0].text.includes('Star Wars: Episode IV - A New Hope (1977)'), rows[0].text);
      assert.ok(rows[3].text.includes('Kolya (1996)') && rows[3].text.includes('not in this data set'), rows[3].text);
      // The favorites found are favorites here: never recommended back.
      const recs = await recommendedIds(page);
      for (const id of ['260', '1196', '47']) assert.ok(!recs.includes(id), `favorite ${id} is recommended`);
      const notices = await page.getByTestId('notice').evaluateAll((els) => els.map((e) => e.dataset.key));
      assert.ok(notices.includes('notice.favoritesNotHere'), notices.join());
      assert.ok(!notices.includes('notice.favoritesDropped'));
      await page.locator('#step-favorites').scrollIntoViewIfNeeded();
      await screenshot(page.locator('.pair'), 'answers-favorites-carried-by-title');
    });

    await t.test('carried to another latest-format release by movieId', async () => {
      await loadAndTrain(page, latestFiles('other-release'));
      const rows = await favoriteRows(page);
      assert.deepEqual(
        rows.map((r) => r.id),
        ['260', '1196', '47', ''],
      );
      assert.deepEqual(
        rows.map((r) => r.byTitle),
        [false, false, false, false],
        'found by the movieIds they learned',
      );
      assert.ok(rows[2].text.includes('Seven (Se7en) (1995)'), "shown under this release's title");
    });

    await t.test('back on the ml-100k set, every favorite is there again, Kolya included', async () => {
      await loadAndTrain(page, ml100kFiles());
      await waitForRecommendationsFor(page, 4);
      const rows = await favoriteRows(page);
      assert.deepEqual(
        rows.map((r) => r.id),
        ['50', '172', '11', '242'],
      );
      assert.ok(rows.every((r) => r.here && !r.byTitle));
    });

    await t.test('a tiny data set keeps every favorite (marked), and a reload keeps them too', async () => {
      const tiny = 'userId,movieId,rating,timestamp\n1,1,5.0,1\n2,2,4.0,1\n3,3,4.0,1\n';
      await loadAndTrain(page, [{ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(tiny) }]);
      assert.equal((await favoriteRows(page)).length, 4);
      await page.reload();
      await waitForRecommendations(page).catch(() => {});
      await page.waitForFunction(() => window.alsMovies.getState().favorites.length === 4, null, { timeout: LONG });
    });

    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  },
);

test(
  'no stale answers: small data train by themselves, big ones wait for "Train on this data"',
  { timeout: 240_000 },
  async (t) => {
    const { page, errors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);

    await t.test('a small data set trains by itself when loaded, with the settings of step 2', async () => {
      const before = await page.evaluate(() => window.alsMovies.getState().model.info);
      assert.equal(await uploadFiles(page, latestFiles('latest')), 'loaded');
      // It trains by itself (training.auto), at once: the demo's own training was not automatic.
      assert.equal(
        await page.evaluate(() => window.alsMovies.getState().training.auto),
        true,
        'training started by itself',
      );
      await trainCurrentData(page);
      const after = await page.evaluate(() => window.alsMovies.getState().model.info);
      assert.notEqual(after.trainingSeconds, before.trainingSeconds);
      assert.equal(after.factors, 100);
      assert.equal(await page.getByTestId('model-banner').count(), 0);
    });

    await t.test('with settings that make training long, a banner offers to train and every answer waits', async () => {
      const recsBefore = await recommendedIds(page);
      await page.getByTestId('train-factors').fill('512');
      await page.getByTestId('train-iterations').fill('200');
      await page.getByTestId('train-cgSteps').fill('20'); // long by the estimate's starting speed too (nothing trained here yet)
      assert.equal(await uploadFiles(page, ml100kFiles()), 'loaded');
      const banner = page.locator('[data-testid=model-banner][data-kind=stale]');
      await banner.waitFor();
      assert.match(await banner.textContent(), /trained on other data/);
      assert.equal(
        await page.evaluate(() => window.alsMovies.getState().training.running),
        false,
        'nothing trains by itself',
      );
      // Every answer section says it waits, and shows no answer of the old model.
      const waits = await page.getByTestId('waits-for-model').count();
      assert.ok(waits >= 5, `${waits} sections say they wait`);
      assert.equal(
        await page.getByTestId('recommendation-row').count(),
        0,
        `the old model's recommendations (${recsBefore.length}) are gone`,
      );
      assert.equal(await page.getByTestId('first-rec-row').count(), 0);
      assert.ok(await page.getByTestId('favorites-search').isDisabled(), 'no search over the old model');
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'answers-stale-banner', { fullPage: false });
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, 'answers-stale-banner-390', { fullPage: false });
      const box = await banner.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390 + 0.5, `the banner fits 390 px: ${JSON.stringify(box)}`);
      await page.setViewportSize({ width: 1280, height: 900 });
      // Back to the tutorial's settings, then the banner's button.
      await page.getByTestId('train-defaults').click();
      await page.getByTestId('banner-train').click();
      await page.waitForFunction(
        () => {
          const s = window.alsMovies.getState();
          return !s.training.running && s.model.dataVersion === s.data.version && !s.recommendations.loading;
        },
        null,
        { timeout: LONG },
      );
      assert.equal(await page.getByTestId('model-banner').count(), 0);
      assert.equal(await page.getByTestId('waits-for-model').count(), 0);
      assert.ok((await page.getByTestId('recommendation-row').count()) > 0);
    });

    await t.test(
      'a model file of other data says so, waits for a choice, and answers with its own items when chosen',
      async () => {
        const downloading = page.waitForEvent('download');
        await page.getByTestId('save-model').click();
        const bytes = fs.readFileSync(await (await downloading).path());
        await loadAndTrain(page, latestFiles('latest'));
        await page
          .getByTestId('load-model-input')
          .setInputFiles({ name: 'ml100k.als', mimeType: 'application/octet-stream', buffer: bytes });
        const banner = page.locator('[data-testid=model-banner][data-kind=foreign]');
        await banner.waitFor();
        assert.match(await banner.textContent(), /ml100k\.als/);
        assert.ok((await page.getByTestId('waits-for-model').count()) >= 5);
        assert.equal(await page.getByTestId('recommendation-row').count(), 0);
        await page.getByTestId('banner-use-model').click();
        await page.waitForFunction(
          () =>
            !window.alsMovies.getState().recommendations.loading &&
            document.querySelector('[data-testid=recommendation-row]'),
        );
        assert.equal(await page.getByTestId('model-banner').count(), 0);
        // Its own items: the ml-100k ids.
        const ids = await page.evaluate(() => window.alsMovies.getState().model.table.ids);
        assert.ok(ids.includes('242') && !ids.includes('260'));
      },
    );

    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  },
);

test(
  'neighbours with support: counts on every list, rare items out by default, in with the switch',
  { timeout: 180_000 },
  async (t) => {
    const { page, errors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);
    await loadAndTrain(page, popularAndRareFiles());
    const info = await page.evaluate(() => window.alsMovies.getState().model.info);
    assert.equal(info.defaultMinSupport, 5);
    assert.equal(info.rareItems, 40);

    // An item whose raw neighbours (no minimum) include rare ones.
    const target = await page.evaluate(async () => {
      const { client, getState } = window.alsMovies;
      const { table } = getState().model;
      for (let item = 0; item < table.count; item++) {
        if (table.popularity[item] < 5) continue;
        const raw = await client.call('similarItems', { item, count: 10, minSupport: 0 });
        const rare = [...raw.items].filter((i) => table.popularity[i] < 5).length;
        if (rare > 0) return { item, id: table.ids[item], rare };
      }
      return null;
    });
    assert.ok(target, 'some popular item has rare raw neighbours (else the test data say nothing)');

    await t.test('similar items: default without rare neighbours, each with its count', async () => {
      const title = await page.evaluate((item) => window.alsMovies.getState().model.table.titles[item], target.item);
      const search = page.getByTestId('similar-search');
      await search.fill(title);
      await page.getByTestId('similar-search-results').getByTestId('search-result').first().waitFor();
      assert.match(
        await page.getByTestId('similar-search-results').getByTestId('support').first().textContent(),
        /\d+ ratings?/,
      );
      await search.press('Enter');
      await page.locator(`[data-testid=similar-target][data-item="${target.item}"]`).waitFor();
      const rows = await page
        .getByTestId('similar-row')
        .evaluateAll((els) => els.map((e) => ({ support: Number(e.dataset.support), text: e.textContent })));
      assert.equal(rows.length, 10);
      for (const r of rows) {
        assert.ok(r.support >= 5, `a neighbour with ${r.support} ratings: ${r.text}`);
        assert.match(r.text, new RegExp(`${r.support} ratings`));
      }
      assert.match(
        await page.getByTestId('rare-rule').first().textContent(),
        /fewer than 5 kept ratings are left out \(40 of 100\)/,
      );
      // Ranked by the shrunk cosine, cosine × n / (n + 5), and the score shown is that product.
      const shrink = page.getByTestId('rare-shrink');
      assert.equal(await shrink.getAttribute('data-beta'), '5');
      assert.match(await shrink.textContent(), /cosine × n \/ \(n \+ 5\)/);
      const raw = await page.evaluate(async (item) => {
        const { client, getState } = window.alsMovies;
        const all = await client.call('similarItems', { item, count: getState().model.table.count, minSupport: 0 });
        return Object.fromEntries([...all.items].map((i, k) => [i, all.scores[k]]));
      }, target.item);
      const shown = await page.getByTestId('similar-row').evaluateAll((els) =>
        els.map((e) => ({
          item: e.dataset.item,
          support: Number(e.dataset.support),
          score: Number(e.dataset.score),
        })),
      );
      for (const r of shown)
        assert.ok(Math.abs(r.score - (raw[r.item] * r.support) / (r.support + 5)) < 1e-5, JSON.stringify(r));
      for (let k = 1; k < shown.length; k++) assert.ok(shown[k - 1].score >= shown[k].score, 'best first');
      await screenshot(page.locator('#step-similar'), 'answers-similar-with-support');
    });

    await t.test('"include rare items" shows the raw output', async () => {
      await page.getByTestId('include-rare-similar').check();
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-testid=similar-row]')].filter((e) => Number(e.dataset.support) < 5)
            .length === n,
        target.rare,
      );
      assert.equal(await page.evaluate(() => window.alsMovies.getState().answers.includeRare), true);
      assert.equal(await page.getByTestId('rare-shrink').count(), 0, 'the raw cosine: no shrinkage to state');
      await page.getByTestId('include-rare-similar').uncheck();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=similar-row]')].every((e) => Number(e.dataset.support) >= 5),
      );
    });

    await t.test('recommendations and popular items show their counts too', async () => {
      await clearFavorites(page);
      await addFavoriteByKeyboard(page, 'well known picture 1 ');
      await waitForRecommendationsFor(page, 1);
      const supports = await page
        .getByTestId('recommendation-row')
        .evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid=support]')?.dataset.support));
      assert.equal(supports.length, 10);
      for (const s of supports) assert.ok(Number(s) >= 5, `recommended with ${s} ratings`);
      assert.ok((await page.getByTestId('popular-list').getByTestId('support').count()) > 0);
    });

    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  },
);

test(
  'Last.fm in its own words: artists, listeners and plays, no stars, English and Korean',
  { timeout: 180_000 },
  async (t) => {
    const { page, errors } = await openPage(env.browser, env.server.url);
    await waitForRecommendations(page);
    await loadAndTrain(page, [lastfmFile()]);

    await t.test('the page, its title and every section speak of artists and listeners', async () => {
      assert.match(await page.title(), /^ALS Music/);
      assert.equal((await page.locator('.app-title h1').textContent()).trim(), 'ALS Music');
      assert.match(await page.locator('#step-similar h2').textContent(), /Similar artists/);
      assert.match(
        await page.locator('#step-recommendations .section-intro').textContent(),
        /artists with the highest predicted preference/,
      );
      assert.match(await page.getByTestId('popular-list').textContent(), /\d+ listeners? · [\d,]+ plays/);
      const body = await page.locator('main').textContent();
      assert.ok(!/Similar movies|The movies with/.test(body), 'no movie wording left');
      // The demo favorites carried over are said in these data's words; so is the import of a model.
      assert.ok(!/Sci-Fi movies of the demo set|demo listener/.test(body), 'no demo-movie wording beside artists');
      assert.match(body, /matched to those listeners and artists/);
      if (await page.getByTestId('demo-favorites-note').count())
        assert.match(await page.getByTestId('demo-favorites-note').textContent(), /these data are artists/);
    });

    await t.test('name variants without an MBID are reported, and merged into one artist', async () => {
      const merged = page.getByTestId('merged-names');
      assert.equal(await merged.getAttribute('data-count'), '2');
      assert.match(await merged.textContent(), /“the black dahlia murder” = “The Black Dahlia Murder”/);
      const names = await page.evaluate(() => window.alsMovies.getState().model.table.titles);
      assert.equal(names.filter((n) => /dahlia/i.test(n)).length, 1);
      assert.equal(names.filter((n) => /ärzte/i.test(n)).length, 1);
    });

    await t.test('a favorite artist is a like with a play count, not stars', async () => {
      await clearFavorites(page);
      await addFavoriteByKeyboard(page, 'blackpink');
      await waitForRecommendationsFor(page, 1);
      const row = page.getByTestId('favorite-row').first();
      assert.equal(await row.getByTestId('favorite-rating').count(), 0, 'no stars');
      const plays = row.getByTestId('favorite-plays');
      const median = await page.evaluate(() => window.alsMovies.getState().data.summary.medianKeptValue);
      assert.equal(Number(await plays.inputValue()), Math.round(median));
      await plays.fill('2000');
      await plays.dispatchEvent('change');
      await page.waitForFunction(() => window.alsMovies.getState().favorites[0].plays === 2000);
      await waitForRecommendationsFor(page, 1);
      const recs = await page.getByTestId('recommendation-row').evaluateAll((rows) => rows.map((r) => r.textContent));
      assert.ok(
        recs.slice(0, 3).every((r) => /IU|BIGBANG|EXO|TWICE|Red Velvet|SHINee|Girls/.test(r)),
        recs.slice(0, 3).join(' | '),
      );
      assert.match(recs[0], /listener/);
    });

    await t.test('the Train step suggests BM25 for play counts, in one click', async () => {
      await page.getByTestId('plays-hint').waitFor();
      await page.getByTestId('use-bm25').click();
      assert.equal(await page.getByTestId('train-scaling').inputValue(), 'bm25');
      await page.getByTestId('bm25-on').waitFor();
      await screenshot(page.locator('#step-train'), 'answers-lastfm-train');
    });

    await t.test('in Korean too', async () => {
      await page.getByTestId('lang-ko').click();
      assert.match(await page.title(), /ALS Music — /);
      assert.match(await page.locator('#step-similar h2').textContent(), /비슷한 아티스트/);
      assert.match(await page.getByTestId('popular-list').textContent(), /청취자 \d+명/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'answers-lastfm-ko', { fullPage: false });
      await screenshot(page.locator('.pair'), 'answers-lastfm-ko-favorites');
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page.locator('.pair'), 'answers-lastfm-ko-favorites-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('lang-en').click();
      await screenshot(page.locator('.pair'), 'answers-lastfm-favorites');
    });

    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  },
);
