// Issue 10, the first screen's time: the first card's answers known before the
// engine has started (web/src/app/first-answers.js) — on a first visit the
// demo viewer's, computed with the shipped demo model when the site was
// built (scripts/demo-model.mjs) and bundled with the page; on a restored
// visit the ones shown last time for the kept model. Each is on screen while
// the engine is held back, said to be such, and is exactly what the engine
// then answers in the tab. Removing a demo favorite meanwhile takes them away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import { LONG, errorsOf, waitForKeptInBrowser } from './support/app.mjs';

// Isolated by the server's headers; no service worker, so that the engine's
// requests go through the routes below on a reload too.
const env = serveAndBrowse({ isolated: true });

const CARD = '[data-testid=first-recommendations]';
const WHY_ROW = '[data-testid=first-why] [data-testid=contribution-row]';

// Holds the wasm engine's download until release(): the page runs without an engine meanwhile.
async function holdEngine(context) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  await context.route(/\/engine\/als_engine_\w+\.wasm(\?.*)?$/, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

// What the card says: the recommendations (title, support, score), the
// explanation (each favorite's stars, title, value; the sum) and the favorites.
function cardText(page) {
  return page.locator(CARD).evaluate((card) => {
    const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
    return {
      rows: [...card.querySelectorAll('[data-testid=first-rec-row]')].map(text),
      why: [...card.querySelectorAll('[data-testid=contribution-row]')].map((e) => [text(e), Number(e.dataset.value)]),
      sum: text(card.querySelector('[data-testid=explanation-sum]')),
      favorites: [...card.querySelectorAll('[data-testid=first-favorite]')].map(text),
    };
  });
}

// A first visit with the engine held back, once the shipped answers are on screen.
async function openFirstVisitHeld() {
  const held = {};
  const opened = await openPage(env.browser, env.server.url, {
    serviceWorkers: 'block',
    beforeGoto: async (c) => Object.assign(held, await holdEngine(c)),
  });
  await opened.page.locator(`${CARD}[data-answers=snapshot] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
  return { ...opened, held };
}

const engineStatus = (page) => page.evaluate(() => window.alsMovies.getState().engine.status);

test(
  "a first visit: the demo viewer's shipped answers at once, then the engine's, the same",
  { timeout: 180_000 },
  async (t) => {
    const { context, page, errors, held } = await openFirstVisitHeld();
    try {
      assert.equal(await engineStatus(page), 'starting', 'on screen before the engine has started');
      await page.waitForTimeout(1500); // longer than a start takes: the engine is held indeed
      assert.equal(await engineStatus(page), 'starting');
      assert.equal(await page.locator(CARD).getAttribute('data-demo'), 'true');
      assert.match(
        await page.getByTestId('first-snapshot').textContent(),
        /Computed by this same engine when the site was built/,
      );
      assert.equal(await page.getByTestId('first-preparing').count(), 0);
      const early = await cardText(page);
      assert.equal(early.rows.length, 3);
      assert.equal(early.why.length, 5, 'one contribution per demo favorite');
      assert.equal(early.favorites.length, 5);
      await screenshot(page, 'first-answers-shipped', { fullPage: false });

      held.release();
      await page.locator(`${CARD}[data-answers=live] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
      const live = await cardText(page);
      t.diagnostic(`shipped ${JSON.stringify(early.rows)}; live ${JSON.stringify(live.rows)}`);
      assert.deepEqual(live.rows, early.rows, 'the same recommendations, supports and scores');
      assert.deepEqual(live.sum, early.sum);
      assert.deepEqual(live.favorites, early.favorites);
      assert.deepEqual(
        live.why.map(([text]) => text),
        early.why.map(([text]) => text),
      );
      for (let k = 0; k < live.why.length; k++)
        assert.ok(
          Math.abs(live.why[k][1] - early.why[k][1]) <= 1e-6,
          `contribution ${k}: ${live.why[k][1]} vs ${early.why[k][1]}`,
        );
      assert.equal(await page.getByTestId('first-snapshot').count(), 0, 'the note goes with the shipped answers');
      assert.match(
        await page.getByTestId('first-snapshot-confirmed').textContent(),
        /Computed again here by the engine just now: the same answers/,
      );
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
      assert.ok(marks.includes('als:demo-model'), 'the shipped model answered, nothing was trained');
      assert.deepEqual(await errorsOf(page), []);
      assert.deepEqual(errors, []);
    } finally {
      held.release?.();
      await context.close();
    }
  },
);

test(
  'a demo favorite removed before the engine is up: the shipped answers go, the demo viewer does not come back',
  { timeout: 180_000 },
  async () => {
    const { context, page, errors, held } = await openFirstVisitHeld();
    try {
      await page.getByTestId('first-favorite').first().getByRole('button').click();
      await page.locator(`${CARD}[data-answers=none]`).waitFor();
      assert.equal(await page.getByTestId('first-rec-row').count(), 0, 'no answer for the five on screen for the four');
      await page.getByTestId('first-preparing').waitFor();
      held.release();
      await page.locator(`${CARD}[data-answers=live] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
      assert.equal(
        await page.locator(`${CARD} ${WHY_ROW}`).count(),
        4,
        'the four left explain the first recommendation',
      );
      assert.equal(await page.getByTestId('first-favorite').count(), 4);
      assert.deepEqual(await errorsOf(page), []);
      assert.deepEqual(errors, []);
    } finally {
      held.release?.();
      await context.close();
    }
  },
);

test("a restored visit: last time's answers at once, then the engine's, the same", { timeout: 180_000 }, async (t) => {
  const { context, page, errors } = await openPage(env.browser, env.server.url, { serviceWorkers: 'block' });
  try {
    await page.locator(`${CARD}[data-answers=live] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
    await waitForKeptInBrowser(page, 5);
    await page.waitForFunction(() => localStorage.getItem('als-movies.firstAnswers') !== null);
    const before = await cardText(page);

    const held = await holdEngine(context);
    await page.reload();
    try {
      await page.locator(`${CARD}[data-answers=snapshot] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
      assert.equal(await engineStatus(page), 'starting');
      assert.match(await page.getByTestId('first-snapshot').textContent(), /As shown on your last visit/);
      const early = await cardText(page);
      assert.deepEqual(early, before, 'what the card showed last time');
      await page.getByTestId('lang-ko').click();
      await screenshot(page, 'first-answers-kept-ko', { fullPage: false });
      assert.match(await page.getByTestId('first-snapshot').textContent(), /지난 방문/);
      await page.getByTestId('lang-en').click();
    } finally {
      held.release();
    }
    await page.locator('[data-testid=engine-banner][data-kind=restored-visit]').waitFor({ timeout: LONG });
    await page.locator(`${CARD}[data-answers=live] ${WHY_ROW}`).first().waitFor({ timeout: LONG });
    const live = await cardText(page);
    t.diagnostic(`kept ${JSON.stringify(before.rows)}; live ${JSON.stringify(live.rows)}`);
    assert.deepEqual(live, before);
    await page.getByTestId('first-snapshot-confirmed').waitFor();

    // A new favorite: the kept answers are forgotten at once and written again with the new answer.
    await page.getByTestId('first-favorite').first().getByRole('button').click();
    await page.waitForFunction(() => {
      const kept = JSON.parse(localStorage.getItem('als-movies.firstAnswers') || 'null');
      return kept && kept.favoriteRecords.length === 4;
    });
    assert.equal(await page.getByTestId('first-snapshot-confirmed').count(), 0, 'an answer to another question');
    assert.deepEqual(await errorsOf(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
