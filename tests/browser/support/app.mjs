// Steps of the ALS Movies journey as the visitor does them (the real file
// inputs, the type-ahead, the buttons), and waits that read the app's state
// through window.alsMovies.getState() so a test never sleeps blindly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

export const FIXTURES = path.join(ROOT, 'tests/fixtures/formats');

// Long steps (training, evaluation) on a shared 2-core machine.
export const LONG = 90_000;

// "1,234" / "−0.1234" / "+0.5" (the UI's number formats) -> a Number.
export function parseNumber(text) {
  const m = String(text)
    .replace(/,/g, '')
    .replace(/\u2212/g, '-')
    .match(/[-+]?\d+(\.\d+)?/);
  assert.ok(m, `no number in ${JSON.stringify(text)}`);
  return Number(m[0]);
}

export function state(page, pick) {
  return page.evaluate(pick);
}

// Waits until the first-visit work is done: a model answers and rows are shown.
export async function waitForRecommendations(page, { timeout = LONG } = {}) {
  await page.getByTestId('recommendation-row').first().waitFor({ timeout });
  await page.waitForFunction(
    () => {
      const s = window.alsMovies?.getState();
      return s && s.model.table && !s.training.running && !s.recommendations.loading;
    },
    null,
    { timeout },
  );
}

// Whatever the engine or the UI reported so far: { id, message, file, line, action }.
export function errorsOf(page) {
  return page.evaluate(() => window.alsMovies.getState().errors.map((e) => ({ ...e })));
}

async function lastErrorId(page) {
  return page.evaluate(() => Math.max(0, ...window.alsMovies.getState().errors.map((e) => e.id)));
}

// Dismisses every error shown, with their ✕ buttons.
export async function dismissErrors(page) {
  const items = page.getByTestId('error-item');
  while (await items.count()) {
    await items.first().getByRole('button').click();
  }
}

// Chooses files through the real <input type=file> and waits for the
// outcome: 'loaded' (a new data set), 'error' (a new error shown) or
// 'choose' (the choose-folder prompt). files: paths or { name, mimeType, buffer }.
export async function uploadFiles(page, files, { input = 'data-file-input', timeout = LONG } = {}) {
  const before = await page.evaluate(() => {
    const s = window.alsMovies.getState();
    return { version: s.data.version, errorId: Math.max(0, ...s.errors.map((e) => e.id)) };
  });
  await page.getByTestId(input).setInputFiles(files);
  const handle = await page.waitForFunction(
    (b) => {
      const s = window.alsMovies.getState();
      if (s.data.status === 'loading') return false;
      if (s.errors.some((e) => e.id > b.errorId)) return 'error';
      if (s.data.chooseFolder) return 'choose';
      if (s.data.version > b.version) return 'loaded';
      return false;
    },
    before,
    { timeout },
  );
  return handle.jsonValue();
}

// The newest error as shown: its message and "Where: …" line (DOM text).
export async function lastErrorShown(page) {
  const item = page.getByTestId('error-item').last();
  await item.waitFor();
  const message = (await item.getByTestId('error-message').textContent()).trim();
  const whereLocator = item.getByTestId('error-where');
  const where = (await whereLocator.count()) ? (await whereLocator.textContent()).trim() : '';
  return { message, where, text: (await item.textContent()).trim() };
}

// A model of the data loaded now: a small data set trains by itself when it
// is loaded (wait for that); otherwise, or with { click: true }, the Train button.
export async function trainCurrentData(page, { timeout = LONG, click = false } = {}) {
  const errorId = await lastErrorId(page);
  const trainedByItself = await (
    await page.waitForFunction(
      () => {
        const s = window.alsMovies.getState();
        if (s.training.running) return false;
        return s.model.table && s.model.dataVersion === s.data.version && !s.recommendations.loading
          ? 'current'
          : 'not';
      },
      null,
      { timeout },
    )
  ).jsonValue();
  if (trainedByItself === 'current' && !click) return;
  await page.evaluate(() => {
    window.__modelBeforeTraining = window.alsMovies.getState().model.info;
  });
  await page.getByTestId('train-button').click();
  const outcome = await (
    await page.waitForFunction(
      (id) => {
        const s = window.alsMovies.getState();
        if (s.errors.some((e) => e.id > id)) return 'error';
        const fresh = s.model.info !== window.__modelBeforeTraining;
        return fresh &&
          !s.training.running &&
          s.model.table &&
          s.model.dataVersion === s.data.version &&
          !s.recommendations.loading
          ? 'trained'
          : false;
      },
      errorId,
      { timeout },
    )
  ).jsonValue();
  if (outcome === 'error') assert.fail(`training failed: ${JSON.stringify(await errorsOf(page))}`);
}

// Adds a favorite the keyboard way: type into the type-ahead, ArrowDown,
// Enter. Returns the movie picked (the option highlighted when Enter was
// pressed): { index, title }.
// The visitor's first pick replaces the demo listener's favorites.
export async function addFavoriteByKeyboard(page, query, { search: testid = 'favorites-search' } = {}) {
  const search = page.getByTestId(testid);
  const before = await state(page, () => window.alsMovies.getState().favorites.map((f) => f.uid));
  // As a visitor would: type once the model answers (the search is disabled
  // while it is stale) and no training runs, into an empty box.
  await page.waitForFunction(
    (id) =>
      document.querySelector(`[data-testid="${id}"]`)?.disabled === false &&
      !window.alsMovies.getState().training.running,
    testid,
    { timeout: LONG },
  );
  await search.fill('');
  await search.click();
  await search.pressSequentially(query, { delay: 10 });
  const results = page.getByTestId(`${testid}-results`).getByTestId('search-result');
  await results.first().waitFor();
  const n = await results.count();
  await search.press('ArrowDown');
  // ArrowDown moves from the first option to the second (if there is one).
  const active = results.nth(Math.min(1, n - 1)).and(page.locator('[aria-selected=true]'));
  await active.waitFor();
  const index = Number(await active.getAttribute('data-item'));
  const title = (await active.locator('.result-title').textContent()).trim();
  await search.press('Enter');
  await page.waitForFunction(
    (uids) => window.alsMovies.getState().favorites.some((f) => !uids.includes(f.uid)),
    before,
  );
  return { index, title };
}

// Removes every favorite (the demo listener's too) with "Remove all".
export async function clearFavorites(page) {
  if (await page.getByTestId('favorites-clear').count()) await page.getByTestId('favorites-clear').click();
  await page.waitForFunction(() => window.alsMovies.getState().favorites.length === 0);
}

// Waits until the recommendations answer for exactly these favorites.
export async function waitForRecommendationsFor(page, favoriteCount) {
  await page.waitForFunction(
    (n) => {
      const r = window.alsMovies.getState().recommendations;
      return (
        !r.loading && r.result && !r.popularFallback && r.result.favorites && r.result.favorites.items.length === n
      );
    },
    favoriteCount,
    { timeout: LONG },
  );
}

// A similar-movies query through the UI: clicks the title of recommendation
// row k (any movie title on the page opens its neighbours) and checks the
// answer arrives for that movie. -> the similar rows' { item, score }.
export async function similarQueryWorks(page, k = 0) {
  const rows = page.getByTestId('recommendation-row');
  const n = await rows.count();
  assert.ok(n > 0, 'no recommendation rows to pick a movie from');
  const row = rows.nth(k % n);
  const item = await row.getAttribute('data-item');
  await scrollSettled(page); // a title clicked before scrolls smoothly to "Similar movies"
  await row.locator('.movie-title button').click();
  await page.locator(`[data-testid=similar-target][data-item="${item}"]`).waitFor({ timeout: 20_000 });
  const similar = await page
    .getByTestId('similar-row')
    .evaluateAll((els) => els.map((e) => ({ item: e.dataset.item, score: Number(e.dataset.score) })));
  assert.ok(similar.length > 0, 'the similar query gave no rows');
  return similar;
}

// Resolves once the page has not scrolled for a few frames (a smooth scroll
// still running moves every element, and a click would chase it).
function scrollSettled(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let last = window.scrollY;
        let still = 0;
        const t0 = performance.now();
        const frame = () => {
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          if (still >= 5 || performance.now() - t0 > 3000) resolve();
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

// The model of the current page, for "is it still the same model?".
export function modelFingerprint(page) {
  return page.evaluate(() => {
    const { model, data } = window.alsMovies.getState();
    return {
      items: model.info?.items,
      users: model.info?.users,
      trainingSeconds: model.info?.trainingSeconds,
      bytes: model.bytes?.length,
      dataVersion: data.version,
      format: data.summary?.format,
    };
  });
}

export function readFixture(...parts) {
  return fs.readFileSync(path.join(FIXTURES, ...parts));
}

// Waits until IndexedDB holds the model the page has now (byte for byte)
// and this many favorites: what a reload restores.
export async function waitForKeptInBrowser(page, favoriteCount, { timeout = 30_000 } = {}) {
  await page.waitForFunction(
    async (n) => {
      const s = window.alsMovies.getState();
      if (!s.model.bytes) return false;
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('als-movies');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        const get = (key) =>
          new Promise((resolve, reject) => {
            const r = db.transaction('kv').objectStore('kv').get(key);
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
        const [model, favorites] = [await get('model'), await get('favorites')];
        if (!model?.bytes || model.bytes.length !== s.model.bytes.length) return false;
        for (let i = 0; i < model.bytes.length; i++) if (model.bytes[i] !== s.model.bytes[i]) return false;
        return Array.isArray(favorites) && favorites.length === n;
      } finally {
        db.close();
      }
    },
    favoriteCount,
    { polling: 200, timeout },
  );
}

// Runs in the page before its scripts (page.addInitScript): notes whether a
// training progress bar ever shows in this document.
export function watchForTraining() {
  window.__sawTrainProgress = false;
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid=train-progress]')) {
      window.__sawTrainProgress = true;
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

// The bytes of the page's current model (as kept in the browser), fast:
// base64 across the DevTools protocol rather than an array of numbers.
export async function currentModelBytes(page) {
  const base64 = await page.evaluate(() => {
    const bytes = window.alsMovies.getState().model.bytes;
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  });
  return Buffer.from(base64, 'base64');
}

// Runs in the page before its scripts (page.addInitScript): the time (ms
// since the navigation started) at which the first recommendation row is in
// the DOM, as window.__firstRecommendationMs.
export function recordFirstRecommendation() {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid=recommendation-row]')) {
      window.__firstRecommendationMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

// Runs in the page before its scripts (page.addInitScript): the times (ms
// since the navigation started) at which the first personal recommendation
// with its explanation is in the DOM (the first screen's "why" bars):
// window.__firstExplainedMs, the first one on screen (the answers known
// beforehand, web/src/app/first-answers.js, or the engine's own);
// window.__liveExplainedMs, the first one the engine answered in this page.
export function recordFirstExplainedRecommendation() {
  const observer = new MutationObserver(() => {
    const why = '[data-testid=first-why] [data-testid=contribution-row]';
    if (window.__firstExplainedMs === undefined && document.querySelector(why))
      window.__firstExplainedMs = performance.now();
    if (document.querySelector(`[data-answers=live] ${why}`)) {
      window.__liveExplainedMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-answers'] });
}

// The build the page should run on this machine: the threads build when the
// browser reports more than one core (and the page is isolated), else the
// single-thread SIMD build (engine-loader.js). A run under `taskset -c 0`
// reports one core, so a test asserts what the core count calls for.
export async function expectedBuild(page) {
  const { cores, isolated } = await page.evaluate(() => ({
    cores: navigator.hardwareConcurrency || 1,
    isolated: window.crossOriginIsolated === true,
  }));
  return { variant: cores > 1 && isolated ? 'threads' : 'simd', threads: cores > 1 && isolated ? cores : 1, cores };
}
