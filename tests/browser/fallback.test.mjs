// Hosts without the cross-origin isolation headers. With service workers
// blocked the page cannot isolate itself: it must work on the single-
// threaded SIMD build and say so. With service workers allowed, sw.js adds
// the headers and the page comes back isolated, on the threads build (the
// GitHub Pages case).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  waitForRecommendations,
  trainCurrentData,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  errorsOf,
  recordFirstRecommendation,
  expectedBuild,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: false });

test('not isolated, no service worker: the single-threaded SIMD build recommends', { timeout: 120_000 }, async (t) => {
  const { context, page, errors } = await openPage(env.browser, env.server.url, {
    serviceWorkers: 'block',
    init: recordFirstRecommendation,
  });
  try {
    await waitForRecommendations(page);
    t.diagnostic(
      `first recommendation row (single-threaded): ${Math.round(await page.evaluate(() => window.__firstRecommendationMs))} ms after navigation start`,
    );
    assert.equal(await page.evaluate(() => window.crossOriginIsolated), false);
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'undefined');
    const badge = page.getByTestId('build-badge');
    assert.equal(await badge.getAttribute('data-variant'), 'simd');
    assert.equal(await badge.getAttribute('data-threads'), '1');
    assert.equal(await badge.getAttribute('data-isolated'), 'false');
    assert.match(await badge.textContent(), /1 thread/);
    assert.match(await badge.textContent(), /not cross-origin isolated/);
    await trainCurrentData(page, { click: true }); // the first visit trained nothing: the demo model came with the site
    assert.match(await page.getByTestId('train-progress').textContent(), /1 thread/);
    await addFavoriteByKeyboard(page, 'reactor');
    await addFavoriteByKeyboard(page, 'outpost');
    await waitForRecommendationsFor(page, 2);
    assert.equal(await page.getByTestId('recommendation-row').count(), 10);
    const sum = page.getByTestId('recommendation-row').first().getByTestId('explanation-sum');
    assert.ok(
      Math.abs(Number(await sum.getAttribute('data-sum')) - Number(await sum.getAttribute('data-score'))) <= 1e-3,
    );
    await screenshot(page, 'fallback-simd', { fullPage: false });
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test(
  'not isolated, service worker allowed: sw.js isolates the page and the threads build runs',
  { timeout: 120_000 },
  async () => {
    const { context, page, errors } = await openPage(env.browser, env.server.url, { serviceWorkers: 'allow' });
    try {
      // The page registers sw.js and reloads once, now with COOP/COEP from the worker.
      await page.waitForFunction(() => window.crossOriginIsolated === true, null, { timeout: 60_000 });
      await waitForRecommendations(page);
      const badge = page.getByTestId('build-badge');
      const expected = await expectedBuild(page);
      assert.equal(await badge.getAttribute('data-variant'), expected.variant);
      assert.equal(Number(await badge.getAttribute('data-threads')), expected.threads);
      assert.equal(await badge.getAttribute('data-isolated'), 'true');
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
      assert.deepEqual(await errorsOf(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  },
);
