// The engine worker dies: the client starts a new one and replays the
// recovery plan (the data set, the threshold, the model), the banner says
// so, and everything keeps working — recommendations, similar movies,
// training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  waitForRecommendations,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  similarQueryWorks,
  trainCurrentData,
  errorsOf,
  expectedBuild,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

// Notes every kind of engine banner shown, in order (the "restarting" one is brief).
function watchBanners() {
  window.__banners = [];
  const observer = new MutationObserver(() => {
    const kind = document.querySelector('[data-testid=engine-banner]')?.dataset.kind;
    if (kind && window.__banners.at(-1) !== kind) window.__banners.push(kind);
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-kind'] });
}

test('after a worker crash the engine restarts with the data and the model', { timeout: 120_000 }, async () => {
  const { context, page, errors } = await openPage(env.browser, env.server.url, { init: watchBanners });
  try {
    await waitForRecommendations(page);
    await addFavoriteByKeyboard(page, 'reactor');
    await waitForRecommendationsFor(page, 1);
    const before = await page.evaluate(async () => {
      const { client, getState } = window.alsMovies;
      window.__oldWorker = client.worker;
      const s = getState();
      return {
        summary: await client.call('dataSummary'),
        info: await client.call('modelInfo'),
        recs: s.recommendations.result.items,
        version: s.data.version,
      };
    });

    await page.evaluate(() => window.alsMovies.client.crashed('test'));
    await page.locator('[data-testid=engine-banner][data-kind=restored]').waitFor({ timeout: LONG });
    const banner = page.getByTestId('engine-banner');
    assert.match(await banner.textContent(), /restarted/);
    assert.match(await banner.textContent(), /data and model were restored/);
    const seen = await page.evaluate(() => window.__banners);
    assert.deepEqual(seen.slice(-2), ['restarting', 'restored'], `banners: ${seen}`);
    await screenshot(page, 'crash-restored', { fullPage: false });

    // A new worker, holding the same data set and model.
    const after = await page.evaluate(async () => {
      const { client } = window.alsMovies;
      return {
        newWorker: client.worker !== window.__oldWorker,
        summary: await client.call('dataSummary'),
        info: await client.call('modelInfo'),
      };
    });
    assert.equal(after.newWorker, true);
    for (const key of ['format', 'rawRatings', 'keptRatings', 'users', 'items'])
      assert.equal(after.summary[key], before.summary[key], key);
    for (const key of ['factors', 'users', 'items', 'interactions'])
      assert.equal(after.info[key], before.info[key], key);
    assert.deepEqual(after.info.loss, before.info.loss, 'the same model (same loss curve)');
    assert.equal(
      await page.getByTestId('build-badge').getAttribute('data-variant'),
      (await expectedBuild(page)).variant,
    );

    // The restored engine answers: the same recommendations, then new ones.
    assert.deepEqual(
      await page.evaluate(async () => {
        const { client, getState } = window.alsMovies;
        const { favorites } = getState().recommendations.result;
        const answer = await client.call('recommend', {
          items: Int32Array.from(favorites.items),
          values: Float32Array.from(favorites.values),
          count: 10,
        });
        return [...answer.items];
      }),
      before.recs,
    );
    await addFavoriteByKeyboard(page, 'vault');
    await waitForRecommendationsFor(page, 2);
    assert.equal(await page.getByTestId('recommendation-row').count(), 10);
    const sum = page.getByTestId('recommendation-row').first().getByTestId('explanation-sum');
    assert.ok(
      Math.abs(Number(await sum.getAttribute('data-sum')) - Number(await sum.getAttribute('data-score'))) <= 1e-3,
    );
    await similarQueryWorks(page, 2);
    // The data set is in the new engine too: it trains.
    assert.equal(await page.evaluate(() => window.alsMovies.getState().data.version), before.version);
    await trainCurrentData(page);

    // Nothing the visitor did failed; the crash itself is no error of theirs.
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('cancelling a training run leaves the previous model answering', { timeout: 120_000 }, async () => {
  const { context, page, errors } = await openPage(env.browser, env.server.url);
  try {
    await waitForRecommendations(page);
    const before = await page.evaluate(() => window.alsMovies.client.call('modelInfo'));
    const recommendations = await page
      .getByTestId('recommendation-row')
      .evaluateAll((rows) => rows.map((r) => r.dataset.item));
    // A long run: 200 iterations of 200 factors.
    await page.getByTestId('train-factors').fill('200');
    await page.getByTestId('train-iterations').fill('200');
    await page.getByTestId('train-button').click();
    await page.getByTestId('train-cancel').waitFor();
    await page.waitForFunction(() => (window.alsMovies.getState().training.progress?.iterationsDone ?? 0) >= 1, null, {
      timeout: LONG,
    });
    await page.getByTestId('train-cancel').click();
    await page.waitForFunction(() => !window.alsMovies.getState().training.running, null, { timeout: LONG });
    const after = await page.evaluate(() => window.alsMovies.client.call('modelInfo'));
    assert.equal(after.factors, before.factors, 'the model is the one from before');
    assert.deepEqual(after.loss, before.loss);
    assert.deepEqual(
      await page.getByTestId('recommendation-row').evaluateAll((rows) => rows.map((r) => r.dataset.item)),
      recommendations,
    );
    await similarQueryWorks(page, 1);
    assert.deepEqual(await errorsOf(page), [], 'a cancel is no error');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
