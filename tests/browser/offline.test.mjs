// The service worker keeps a copy of the whole site: after the first visit
// the app loads and recommends offline, and a full journey sends nothing to
// the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  FIXTURES,
  waitForRecommendations,
  uploadFiles,
  trainCurrentData,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  similarQueryWorks,
  waitForKeptInBrowser,
  errorsOf,
  expectedBuild,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

// What sw.js must hold: every file of the build but itself (and the
// engine's package.json, which is for Node), index.html as the folder "./".
function siteFiles() {
  const dist = path.join(ROOT, 'dist');
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== 'sw.js' && entry.name !== 'package.json')
        out.push(path.relative(dist, full).split(path.sep).join('/'));
    }
  };
  walk(dist);
  return out.map((f) => (f === 'index.html' ? '' : f)).sort();
}

// Waits for the service worker to control the page and its cache to hold
// the whole site. -> the paths cached (relative to the site).
async function waitForOfflineCopy(page) {
  await page.waitForFunction(
    async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    },
    null,
    { timeout: LONG, polling: 200 },
  );
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('als-movies-'));
    if (names.length !== 1) return { names };
    const cache = await caches.open(names[0]);
    const base = new URL('./', document.baseURI).href;
    return { names, paths: (await cache.keys()).map((r) => r.url.slice(base.length)).sort() };
  });
}

test('after the first visit, the app loads and recommends offline', { timeout: 120_000 }, async () => {
  const { context, page, errors } = await openPage(env.browser, env.server.url);
  try {
    await waitForRecommendations(page);
    await addFavoriteByKeyboard(page, 'reactor');
    await waitForRecommendationsFor(page, 1);
    await waitForKeptInBrowser(page, 1);
    const cached = await waitForOfflineCopy(page);
    assert.equal(cached.names.length, 1, `caches: ${cached.names}`);
    assert.deepEqual(cached.paths, siteFiles(), 'the cache holds the whole site');

    await context.setOffline(true);
    // Offline for real: the server is not reachable from this context.
    const probe = await context.newPage();
    assert.equal(
      await probe.evaluate(
        (url) =>
          fetch(url, { mode: 'no-cors' }).then(
            () => 'reached',
            () => 'offline',
          ),
        env.server.url,
      ),
      'offline',
    );
    await probe.close();
    const served = env.server.served.length;
    const failed = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
    await page.reload();
    // The app's code must come from the copy: fail fast, saying what could not load.
    await page
      .waitForFunction(() => window.alsMovies, null, { timeout: 15_000 })
      .catch(() => {
        assert.fail(
          `the app did not start offline; failed: ${JSON.stringify(failed)}; logged: ${JSON.stringify(errors)}`,
        );
      });
    await page.locator('[data-testid=engine-banner][data-kind=restored-visit]').waitFor({ timeout: LONG });
    await waitForRecommendations(page);
    await waitForRecommendationsFor(page, 1);
    assert.equal(await page.evaluate(() => window.crossOriginIsolated), true, 'isolated from the cached copy too');
    assert.equal(
      await page.getByTestId('build-badge').getAttribute('data-variant'),
      (await expectedBuild(page)).variant,
    );
    assert.equal(await page.getByTestId('recommendation-row').count(), 10);
    // A new favorite: the engine answers offline.
    await addFavoriteByKeyboard(page, 'vault');
    await waitForRecommendationsFor(page, 2);
    await similarQueryWorks(page, 3);
    assert.equal(
      env.server.served.length,
      served,
      `requests reached the server while offline: ${env.server.served.slice(served)}`,
    );
    await screenshot(page, 'offline-reloaded', { fullPage: false });
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// What "went out to the network" means here. Once sw.js controls the page,
// every request of the page and of its workers goes to the service worker;
// Playwright still reports each one, but those it answered from its cache
// have response.fromServiceWorker() === true and cause no further request.
// A request that does reach the network is either (a) answered by the
// network directly (fromServiceWorker() false: it bypassed the worker, e.g.
// another origin), (b) a request the service worker itself makes
// (request.serviceWorker() set: its fetch() fallback), or (c) a failed one.
// And as ground truth, the server must see no request at all.
test('no request reaches the network during a whole journey', { timeout: 180_000 }, async () => {
  const { context, page, errors } = await openPage(env.browser, env.server.url);
  try {
    await waitForRecommendations(page);
    await waitForOfflineCopy(page);
    await waitForKeptInBrowser(page, 5); // the demo viewer's five favorites

    const seen = [];
    const failed = [];
    context.on('request', (r) => {
      if (!/^(blob|data):/.test(r.url())) seen.push(r);
    });
    context.on('requestfailed', (r) => {
      if (!/^(blob|data):/.test(r.url())) failed.push(`${r.url()} ${r.failure()?.errorText}`);
    });
    const served = env.server.served.length;

    // A second visit (everything from the copy), then the journey.
    await page.reload();
    await page.locator('[data-testid=engine-banner][data-kind=restored-visit]').waitFor({ timeout: LONG });
    await waitForRecommendations(page);
    const dir = path.join(FIXTURES, 'ml-latest-small');
    assert.equal(
      await uploadFiles(
        page,
        fs.readdirSync(dir).map((f) => path.join(dir, f)),
      ),
      'loaded',
    );
    await trainCurrentData(page);
    await addFavoriteByKeyboard(page, 'heat');
    await addFavoriteByKeyboard(page, 'toy story');
    await waitForRecommendationsFor(page, 2);
    await similarQueryWorks(page, 0);
    await page.getByTestId('evaluate-button').click();
    await page.getByTestId('evaluation-results').waitFor({ timeout: LONG });
    const downloading = page.waitForEvent('download');
    await page.getByTestId('save-model').click();
    const download = await downloading;
    assert.equal(
      fs
        .readFileSync(await download.path())
        .subarray(0, 8)
        .toString('latin1'),
      'ALSMODEL',
    );

    assert.ok(seen.length > 0, 'the reload made requests (to the service worker)');
    const wentOut = [];
    for (const request of seen) {
      const response = await request.response();
      if (request.serviceWorker()) wentOut.push(`by the service worker: ${request.url()}`);
      else if (!response) wentOut.push(`no response: ${request.url()}`);
      else if (!response.fromServiceWorker()) wentOut.push(`from the network: ${request.url()}`);
    }
    assert.deepEqual(wentOut, []);
    assert.deepEqual(failed, []);
    assert.deepEqual(env.server.served.slice(served), [], 'the server saw requests');
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
