// `npm run dev`: the Vite dev server on the sources (hot reload), where the
// engine worker is an ES module worker. It must load the threads build
// (COOP/COEP headers from the dev server) and answer like the built site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  waitForRecommendations,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  errorsOf,
  expectedBuild,
} from './support/app.mjs';

const env = serveAndBrowse({}, { dev: true });

test('the dev server runs the engine worker: the demo trains and recommends', { timeout: 180_000 }, async () => {
  const { context, page, errors } = await openPage(env.browser, env.server.url);
  try {
    // It is the dev server (Vite's client is loaded), not a built page.
    assert.ok(await page.evaluate(() => [...document.scripts].some((s) => s.src.includes('/@vite/client'))));
    await waitForRecommendations(page, { timeout: 150_000 });
    const badge = page.getByTestId('build-badge');
    assert.equal(await badge.getAttribute('data-variant'), (await expectedBuild(page)).variant);
    assert.equal(await badge.getAttribute('data-isolated'), 'true');
    await addFavoriteByKeyboard(page, 'reactor');
    await waitForRecommendationsFor(page, 1);
    assert.equal(await page.getByTestId('recommendation-row').count(), 10);
    const sum = page.getByTestId('recommendation-row').first().getByTestId('explanation-sum');
    assert.ok(
      Math.abs(Number(await sum.getAttribute('data-sum')) - Number(await sum.getAttribute('data-score'))) <= 1e-3,
    );
    await screenshot(page, 'dev-server', { fullPage: false });
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
