// The Compare step through the real UI: MovieLens latest files (ratings.csv,
// movies.csv) dropped into the file input, every model kind ticked, the
// table filling in model by model (RMSE for the rating model only), the
// lesson on explicit against implicit feedback with this run's numbers,
// "for me": each model's top 10 for the favorites, liked items left out,
// items several models agree on marked, each row explained (or the reason
// why not); stop keeping the finished rows and the model; a phone's width,
// Korean and axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  addFavoriteByKeyboard,
  clearFavorites,
  errorsOf,
  trainCurrentData,
  uploadFiles,
  waitForRecommendations,
  waitForRecommendationsFor,
} from './support/app.mjs';
import { latestFiles } from './support/datasets.mjs';
import { axeViolations, untranslatedText } from './support/page-checks.mjs';

const env = serveAndBrowse({ isolated: true });

const ALL_KINDS = ['als', 'explicit-als', 'bpr', 'lmf', 'knn-bm25', 'knn-cosine', 'knn-tfidf'];

const comparisonState = (page) =>
  page.evaluate(() => {
    const { comparison } = window.alsMovies.getState();
    const p = comparison.run?.progress;
    return {
      running: comparison.running,
      models: (p?.models ?? []).map((m) => ({
        kind: m.kind,
        state: m.state,
        metrics: m.metrics && { ...m.metrics },
        rmse: m.ratingErrors?.rmse ?? null,
      })),
      forMe: Object.keys(comparison.forMe).length,
    };
  });

// Waits until the comparison is over and every finished model has its list.
async function waitForComparison(page) {
  await page.waitForFunction(
    () => {
      const { comparison } = window.alsMovies.getState();
      const models = comparison.run?.progress?.models;
      if (comparison.running || !models) return false;
      const done = models.map((m, i) => [m, i]).filter(([m]) => m.state === 'done');
      return done.every(([, i]) => comparison.forMe[i]);
    },
    null,
    { timeout: LONG * 2 },
  );
}

test('compare every model on one split, and what each recommends for me', { timeout: 400_000 }, async (t) => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await waitForRecommendations(page);
  assert.equal(await uploadFiles(page, latestFiles('latest', { users: 80 })), 'loaded');
  await trainCurrentData(page);
  await clearFavorites(page);
  const liked = [await addFavoriteByKeyboard(page, 'Star Wars'), await addFavoriteByKeyboard(page, 'Toy Story')];
  await waitForRecommendationsFor(page, 2);
  const section = page.locator('#step-compare');

  await t.test('the picker offers every kind, the tutorial ALS and three others ticked at first', async () => {
    await section.scrollIntoViewIfNeeded();
    assert.match(await section.locator('h2').textContent(), /Compare/);
    await page.getByTestId('compare-picker').waitFor();
    for (const kind of ALL_KINDS) assert.equal(await page.getByTestId(`compare-pick-${kind}`).count(), 1, kind);
    assert.ok(await page.getByTestId('compare-pick-als').isChecked());
    assert.ok(await page.getByTestId('compare-pick-explicit-als').isChecked());
    assert.ok(!(await page.getByTestId('compare-pick-lmf').isChecked()));
    // implicit's defaults in the fields of a ticked kind.
    assert.equal(Number(await page.getByTestId('compare-setting-knn-bm25-neighbours').inputValue()), 20);
    assert.equal(Number(await page.getByTestId('compare-setting-knn-bm25-bm25_k1').inputValue()), 1.2);
    assert.equal(Number(await page.getByTestId('compare-setting-knn-bm25-bm25_b').inputValue()), 0.75);
    for (const kind of ['lmf', 'knn-cosine', 'knn-tfidf']) await page.getByTestId(`compare-pick-${kind}`).check();
  });

  await t.test('the table fills in model by model, with RMSE for the rating model only', async () => {
    // Live: the engine reports a row done while others still wait, and the
    // page shows it. (Recorded from the progress the page is handed, so a busy
    // machine whose polling misses the moment cannot lose it.)
    await page.evaluate(() => {
      const client = window.alsMovies.client;
      const original = client.call;
      window.__compareLive = null;
      client.call = function call(method, args, options = {}) {
        if (method !== 'compare') return original.call(this, method, args, options);
        client.call = original;
        const onProgress = (p) => {
          options.onProgress?.(p);
          const models = p.models ?? [];
          if (
            window.__compareLive === null &&
            models.some((m) => m.state === 'done') &&
            models.some((m) => m.state !== 'done')
          )
            window.__compareLive = { running: window.alsMovies.getState().comparison.running, progress: p };
        };
        return original.call(this, method, args, { ...options, onProgress });
      };
    });
    await page.getByTestId('compare-button').click();
    await page.waitForFunction(
      () => window.__compareLive !== null || !window.alsMovies.getState().comparison.running,
      null,
      { timeout: LONG },
    );
    await screenshot(section, 'compare-1-running');
    await waitForComparison(page);
    const live = await page.evaluate(() => window.__compareLive);
    assert.ok(live, 'a progress report with one row done and others still to come');
    assert.equal(live.running, true, 'the page was still comparing when that row came in');
    const s = await comparisonState(page);
    assert.deepEqual(
      s.models.map((m) => m.kind),
      ['popular', ...ALL_KINDS],
    );
    for (const m of s.models) {
      assert.equal(m.state, 'done', `${m.kind} is ${m.state}`);
      for (const key of ['precision', 'map', 'ndcg', 'auc'])
        assert.ok(m.metrics[key] >= 0 && m.metrics[key] <= 1, `${m.kind} ${key} ${m.metrics[key]}`);
      if (m.kind === 'explicit-als') assert.ok(m.rmse > 0 && m.rmse < 2, `RMSE ${m.rmse}`);
      else assert.equal(m.rmse, null, `${m.kind} has no RMSE`);
    }
    const rows = page.getByTestId('compare-row');
    assert.equal(await rows.count(), ALL_KINDS.length + 1);
    const shown = await page
      .locator('[data-testid=compare-row][data-kind=als] [data-testid=compare-ndcg]')
      .getAttribute('data-value');
    assert.equal(
      Number(shown),
      s.models.find((m) => m.kind === 'als').metrics.ndcg,
      'the table shows the engine’s number',
    );
    assert.match(
      await page.locator('[data-testid=compare-row][data-kind=explicit-als] [data-testid=compare-rmse]').textContent(),
      /^\d\.\d{3}$/,
    );
    assert.equal(
      await page.locator('[data-testid=compare-row][data-kind=bpr] [data-testid=compare-rmse]').textContent(),
      '—',
    );
    const als = s.models.find((m) => m.kind === 'als');
    const popular = s.models.find((m) => m.kind === 'popular');
    assert.ok(als.metrics.auc > popular.metrics.auc, `ALS AUC ${als.metrics.auc} vs popularity ${popular.metrics.auc}`);
    // The lesson quotes this run's numbers.
    const lesson = await page.getByTestId('compare-lesson-numbers').textContent();
    const rating = s.models.find((m) => m.kind === 'explicit-als');
    assert.ok(lesson.includes(rating.rmse.toFixed(3)), lesson);
    assert.ok(lesson.includes(als.metrics.precision.toFixed(3)), lesson);
    await screenshot(section, 'compare-2-table');
  });

  await t.test('for me: each model’s top 10, liked items left out, shared items marked', async () => {
    const likedIndex = liked.map((f) => String(f.index));
    const lists = page.getByTestId('compare-for-me-list');
    assert.equal(await lists.count(), ALL_KINDS.length + 1, 'one list per model');
    const items = [];
    for (let l = 0; l < (await lists.count()); l++) {
      const list = lists.nth(l);
      const kind = await list.getAttribute('data-kind');
      const rows = await list
        .getByTestId('compare-for-me-row')
        .evaluateAll((els) => els.map((e) => ({ item: e.dataset.item, shared: Number(e.dataset.shared) })));
      assert.equal(rows.length, 10, `${kind} lists 10`);
      assert.equal(new Set(rows.map((r) => r.item)).size, 10, `${kind} lists each item once`);
      for (const r of rows) assert.ok(!likedIndex.includes(r.item), `${kind} recommends a favorite (${r.item})`);
      items.push(rows);
    }
    // The mark counts the lists an item is in.
    const counts = new Map();
    for (const rows of items) for (const r of rows) counts.set(r.item, (counts.get(r.item) ?? 0) + 1);
    for (const rows of items) for (const r of rows) assert.equal(r.shared, counts.get(r.item), `item ${r.item}`);
    const marked = await page.getByTestId('compare-for-me').getByTestId('compare-shared').count();
    assert.equal(marked, items.flat().filter((r) => r.shared > 1).length);
    assert.ok(marked > 0, 'models agree on some items');
    assert.ok((await page.getByTestId('compare-for-me').getByTestId('support').count()) >= 10, 'support shown');
  });

  await t.test('each model’s first row explains itself, or says why it cannot', async () => {
    const lists = page.getByTestId('compare-for-me-list');
    const explained = [];
    for (let l = 0; l < (await lists.count()); l++) {
      const list = lists.nth(l);
      const kind = await list.getAttribute('data-kind');
      const row = list.getByTestId('compare-for-me-row').first();
      await row.getByTestId('compare-why').click();
      const bars = row.getByTestId('contribution-bars');
      const whyNot = row.getByTestId('compare-why-not');
      await bars.or(whyNot).waitFor();
      if (await bars.count()) {
        const sum = row.getByTestId('explanation-sum');
        const total = Number(await sum.getAttribute('data-sum'));
        const score = Number(await sum.getAttribute('data-score'));
        assert.ok(Math.abs(total - score) <= 1e-4 * Math.max(1, Math.abs(score)), `${kind}: ${total} vs ${score}`);
        assert.ok((await row.getByTestId('contribution-row').count()) >= 1);
        explained.push(kind);
      } else {
        assert.ok((await whyNot.textContent()).trim().length > 20, `${kind} says why not`);
      }
    }
    for (const kind of ['als', 'explicit-als', 'knn-bm25', 'knn-cosine', 'knn-tfidf'])
      assert.ok(explained.includes(kind), `${kind} explains its rows (explained: ${explained})`);
    await screenshot(section, 'compare-3-for-me');
  });

  await t.test('similar to one favorite: each model’s neighbours side by side, for the favorite chosen', async () => {
    const block = page.getByTestId('compare-similar');
    const select = block.getByTestId('compare-similar-item');
    // The neighbours of `item` in every model but popularity, as the page shows them.
    const listsFor = async (item) => {
      await page.waitForFunction(
        (item) => {
          const lists = [...document.querySelectorAll('[data-testid=compare-similar-list]')];
          return (
            lists.length > 0 &&
            lists.every(
              (l) =>
                l.dataset.kind === 'popular' ||
                (l.querySelectorAll('[data-testid=compare-similar-row]').length === 10 &&
                  document.querySelector('[data-testid=compare-similar-item]').value === String(item)),
            )
          );
        },
        item,
        { timeout: LONG },
      );
      return block.getByTestId('compare-similar-list').evaluateAll((lists) =>
        lists.map((l) => ({
          kind: l.dataset.kind,
          none: l.querySelector('[data-testid=compare-similar-none]') !== null,
          items: [...l.querySelectorAll('[data-testid=compare-similar-row]')].map((r) => r.dataset.item),
        })),
      );
    };
    // At first: the first favorite.
    assert.equal(await select.inputValue(), String(liked[0].index));
    const first = await listsFor(liked[0].index);
    assert.equal(first.length, ALL_KINDS.length + 1, 'one list per model');
    for (const l of first) {
      if (l.kind === 'popular') assert.ok(l.none, 'popularity says it has no similar items');
      else {
        assert.equal(new Set(l.items).size, 10, `${l.kind} lists 10 different items`);
        assert.ok(!l.items.includes(String(liked[0].index)), `${l.kind} lists the favorite itself`);
      }
    }
    assert.ok(new Set(first.map((l) => l.items.join(','))).size > 2, 'the kinds find different neighbours');
    // Another favorite: every list is asked again.
    await select.selectOption(String(liked[1].index));
    const second = await listsFor(liked[1].index);
    for (const [k, l] of second.entries()) {
      if (l.kind === 'popular') continue;
      assert.ok(!l.items.includes(String(liked[1].index)), `${l.kind} lists the favorite itself`);
      assert.notDeepEqual(l.items, first[k].items, `${l.kind} shows the new favorite's neighbours`);
    }
    assert.ok((await block.getByTestId('support').count()) >= 10, 'support shown');
    await screenshot(block, 'compare-3b-similar');
  });

  await t.test('stop keeps the finished rows and the page’s model', async () => {
    const before = await page.evaluate(() => window.alsMovies.getState().model.info);
    // BPR made to train for minutes, so the stop lands while it runs whatever the machine's speed.
    await page.getByTestId('compare-setting-bpr-iterations').fill('10000');
    await page.getByTestId('compare-setting-bpr-factors').fill('400');
    await page.getByTestId('compare-button').click();
    await page.waitForFunction(
      () => {
        const { comparison } = window.alsMovies.getState();
        const models = comparison.run?.progress?.models ?? [];
        return comparison.running && models.some((m) => m.kind === 'bpr' && m.state === 'training');
      },
      null,
      { timeout: LONG },
    );
    await page.getByTestId('compare-stop').click();
    await waitForComparison(page);
    const s = await comparisonState(page);
    const states = s.models.map((m) => m.state);
    assert.ok(states.includes('done'), states.join());
    for (const st of states) assert.ok(['done', 'skipped'].includes(st), states.join());
    assert.equal(s.models.find((m) => m.kind === 'bpr').state, 'skipped', 'the stop landed on the running BPR');
    const after = await page.evaluate(() => window.alsMovies.getState().model.info);
    assert.deepEqual(after, before, 'the model is the one trained before');
    assert.equal(await page.getByTestId('recommendation-row').count(), 10, 'recommendations still answer');
    assert.equal(await page.getByTestId('compare-for-me-list').count(), states.filter((x) => x === 'done').length);
  });

  await t.test('axe finds nothing serious', async () => {
    assert.deepEqual(await axeViolations(page), []);
  });

  await t.test("fits a phone's width, and speaks Korean", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    const wide = await section.evaluate((s) => {
      const right = s.getBoundingClientRect().right;
      return [...s.querySelectorAll('*')]
        .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > right + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className}`)
        .slice(0, 5);
    });
    assert.deepEqual(wide, [], 'nothing in the step sticks out of it at 390 px (the table scrolls)');
    assert.ok((await section.boundingBox()).width <= 390);
    await screenshot(section, 'compare-4-phone');
    await page.getByTestId('lang-ko').click();
    assert.match(await section.locator('h2').textContent(), /[\uac00-\ud7a3]/);
    assert.match(await page.getByTestId('compare-button').textContent(), /[\uac00-\ud7a3]/);
    assert.match(await page.getByTestId('compare-lesson').textContent(), /[\uac00-\ud7a3]/);
    const english = (await untranslatedText(page)).filter((line) => line.startsWith('step-compare'));
    assert.deepEqual(english, [], 'the step is all Korean');
    await screenshot(section, 'compare-5-phone-korean');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(section, 'compare-6-korean');
    await page.getByTestId('lang-en').click();
  });

  assert.deepEqual(
    (await errorsOf(page)).filter((e) => e.kind !== 'cancelled'),
    [],
    'no error was reported on the way',
  );
  assert.deepEqual(errors, [], 'no page error or console error');
});
