// Issue 22, real movies from the first second: a first visit (no ?demo=)
// loads MovieLens latest-small, shipped with the page (public/movielens/, with
// its README.txt and licence), with the model trained on it when the site was
// built, and shows the tutorial's five favorites — Back to the Future, Toy
// Story, Alien, Aliens, The Wizard of Oz — with their recommendations and why.
// The neighbours of a popular movie are not led by films few people rated.
// The generated set can still be chosen. Desktop, phone width, Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import { axeViolations, horizontalOverflow } from './support/page-checks.mjs';
import { LONG, addFavoriteByKeyboard, errorsOf, parseNumber } from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

const CARD = '[data-testid=first-recommendations]';
const TUTORIAL = [
  'Back to the Future (1985)',
  'Toy Story (1995)',
  'Alien (1979)',
  'Aliens (1986)',
  'Wizard of Oz, The (1939)',
];

test('a first visit: MovieLens latest-small and the tutorial’s five favorites', { timeout: 240_000 }, async (t) => {
  const { page, errors } = await openPage(env.browser, env.server.url, { demo: null });
  await page.locator(`${CARD}[data-answers=live] [data-testid=contribution-row]`).first().waitFor({ timeout: LONG });

  await t.test('the data: real MovieLens ratings, where they come from and on what terms', async () => {
    assert.match(await page.getByTestId('data-format').textContent(), /MovieLens latest-small/);
    assert.equal(await page.getByTestId('demo-label').count(), 0, 'not called generated');
    const label = page.getByTestId('shipped-label');
    assert.match(await label.textContent(), /GroupLens Research/);
    assert.match(await label.textContent(), /no endorsement/);
    const readme = await label.locator('a').getAttribute('href');
    const terms = await page.evaluate(async (href) => (await fetch(href)).text(), readme);
    assert.match(terms, /MovieLens/);
    assert.match(terms, /not.*commercial|commercial/i, 'the licence file is served next to the data');
    assert.equal(await page.evaluate(() => window.alsMovies.getState().data.summary.rawUsers), 610);
    const read = await page.getByTestId('stat-ratings').locator('.stat-detail').textContent();
    assert.equal(parseNumber(read), 100836, `ratings read: ${read}`);
  });

  await t.test(
    'the shipped model answers (nothing trained in the tab), and the shipped answers were the same',
    async () => {
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
      assert.ok(marks.includes('als:demo-model'), `the shipped model was adopted: ${marks}`);
      assert.ok(!marks.includes('als:trained'), 'nothing was trained');
      await page.getByTestId('first-snapshot-confirmed').waitFor({ timeout: LONG });
    },
  );

  await t.test('the tutorial’s five favorites, labelled, and real recommendations that say why', async () => {
    const card = page.locator(CARD);
    assert.equal(await card.getAttribute('data-demo'), 'true');
    assert.match(await card.textContent(), /The tutorial’s viewer/);
    assert.equal(await page.getByTestId('favorite-row').count(), 5);
    const listed = await page.getByTestId('favorites-list').textContent();
    for (const title of TUTORIAL) assert.ok(listed.includes(title), `${title} among the favorites`);
    assert.match(await page.getByTestId('demo-favorites-note').textContent(), /tutorial’s five favorites/);
    const rows = await page
      .getByTestId('recommendation-row')
      .evaluateAll((els) => els.map((e) => ({ item: Number(e.dataset.item), text: e.textContent })));
    assert.equal(rows.length, 10);
    const liked = await page.evaluate(() => {
      const { model, favorites } = window.alsMovies.getState();
      return favorites.map((f) => model.table.indexOfId.get(f.ids.movielens));
    });
    assert.equal(liked.filter((i) => i !== undefined).length, 5, 'all five are in the data');
    for (const r of rows) assert.ok(!liked.includes(r.item), `a favorite is recommended: ${r.text}`);
    const sum = page.getByTestId('recommendation-row').first().getByTestId('explanation-sum');
    assert.ok(
      Math.abs(Number(await sum.getAttribute('data-sum')) - Number(await sum.getAttribute('data-score'))) <= 1e-3,
    );
    t.diagnostic(
      `recommended: ${rows
        .slice(0, 5)
        .map((r) => r.text.slice(0, 60))
        .join(' | ')}`,
    );
    await screenshot(page, 'movielens-first-visit', { fullPage: false });
  });

  await t.test('similar to Star Wars (1977): no neighbour fewer than 10 people rated', async () => {
    const search = page.getByTestId('similar-search');
    await search.fill('star wars episode iv');
    await page.getByTestId('similar-search-results').getByTestId('search-result').first().waitFor();
    await search.press('Enter');
    await page.getByTestId('similar-target').waitFor();
    assert.match(await page.getByTestId('similar-target').textContent(), /Star Wars: Episode IV/);
    await page.getByTestId('rare-shrink').waitFor();
    const rows = await page
      .getByTestId('similar-row')
      .evaluateAll((els) => els.map((e) => ({ support: Number(e.dataset.support), text: e.textContent })));
    assert.equal(rows.length, 10);
    t.diagnostic(rows.map((r) => `${r.text.slice(0, 50)} (${r.support})`).join(' | '));
    for (const r of rows) assert.ok(r.support >= 10, `a neighbour with ${r.support} ratings: ${r.text}`);
    await screenshot(page.locator('#step-similar'), 'movielens-similar-star-wars');
  });

  await t.test('the visitor’s first pick replaces the tutorial’s favorites', async () => {
    await addFavoriteByKeyboard(page, 'matrix, the');
    await page.waitForFunction(() => window.alsMovies.getState().favorites.every((f) => !f.demo));
    assert.equal(await page.getByTestId('favorite-row').count(), 1);
    assert.equal(await page.getByTestId('demo-favorites-note').count(), 0);
  });

  await t.test('phone width and Korean', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const fits = async () => {
      const o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= o.width && o.offenders.length === 0, JSON.stringify(o));
    };
    await fits();
    await page.getByTestId('lang-ko').click();
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    assert.match(await page.getByTestId('shipped-label').textContent(), /라이선스/);
    await fits();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page.locator('#step-data'), 'movielens-data-ko-phone');
    await page.getByTestId('lang-en').click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await t.test('the generated set can still be chosen, and says it is generated', async () => {
    await page.getByTestId('load-other-demo').click();
    await page.getByTestId('demo-label').waitFor({ timeout: LONG });
    assert.match(await page.getByTestId('demo-label').textContent(), /invented titles/);
    assert.equal(await page.getByTestId('shipped-label').count(), 0);
  });

  assert.deepEqual(await errorsOf(page), []);
  assert.deepEqual(errors, []);
});
