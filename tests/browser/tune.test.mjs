// Step 3, "Find good settings", through the real UI on the demo set: the
// budget and metric typed in, the chart filling in while the search runs,
// the best settings, the test-split comparison, "Use these" filling the
// Train form, training and evaluating with them (the evaluation reproduces
// the tuned row), cancel keeping the model, a phone's width and Korean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import { LONG, errorsOf, trainCurrentData, waitForRecommendations } from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

const tuningState = (page) =>
  page.evaluate(() => {
    const { tuning } = window.alsMovies.getState();
    return {
      running: tuning.running,
      trials: tuning.trials.length,
      done: Boolean(tuning.comparison),
      best: tuning.best && { ...tuning.best },
    };
  });

test('find good settings, use them, train and evaluate with them', { timeout: 300_000 }, async (t) => {
  const { page, errors } = await openPage(env.browser, env.server.url);
  await waitForRecommendations(page);
  const section = page.locator('#step-tune');

  await t.test(
    'the search runs with the budget and metric typed in, and the chart fills in as trials finish',
    async () => {
      await section.scrollIntoViewIfNeeded();
      assert.match(await section.locator('h2').textContent(), /Find good settings/);
      await page.getByTestId('tune-budget').fill('6');
      await page.getByTestId('tune-metric').selectOption('ndcg');
      await page.getByTestId('tune-button').click();
      await page.getByTestId('tune-progress').waitFor();
      // Live: points appear before the search is over.
      await page.waitForFunction(
        () => {
          const chart = document.querySelector('[data-testid=tune-chart]');
          return chart && Number(chart.dataset.points) >= 2 && window.alsMovies.getState().tuning.running;
        },
        null,
        { timeout: LONG },
      );
      assert.ok((await tuningState(page)).running);
      await screenshot(section, 'tune-1-running');
      await page.getByTestId('tune-comparison').waitFor({ timeout: LONG });
      const s = await tuningState(page);
      assert.equal(s.running, false);
      assert.ok(s.trials >= 3, `${s.trials} trials`);
    },
  );

  let best;
  await t.test('the best settings score highest on validation, and the test split has all three rows', async () => {
    const box = page.getByTestId('tune-best');
    best = {
      factors: Number(await box.getAttribute('data-factors')),
      regularization: Number(await box.getAttribute('data-regularization')),
      alpha: Number(await box.getAttribute('data-alpha')),
      iterations: Number(await box.getAttribute('data-iterations')),
      score: Number(await box.getAttribute('data-score')),
    };
    assert.match(await box.textContent(), /NDCG@10/);
    assert.ok(
      (await box.textContent()).includes(
        `${best.factors} factors · λ ${best.regularization} · α ${best.alpha} · ${best.iterations} iterations`,
      ),
    );
    const scores = await page.getByTestId('tune-point').evaluateAll((els) => els.map((e) => Number(e.dataset.score)));
    assert.ok(scores.length >= 2);
    for (const score of scores)
      assert.ok(score <= best.score + 1e-12, `a point scores ${score} > the best ${best.score}`);
    assert.ok(Math.min(...scores) < best.score, 'the best beats the worst setting');
    assert.equal(
      await page.locator('[data-testid=tune-point][data-tutorial=true]').count(),
      1,
      "the tutorial's settings are on the chart",
    );
    assert.match(await page.getByTestId('tune-tutorial-score').textContent(), /tutorial/);
    for (const row of ['tuned', 'tutorial', 'popularity']) {
      const r = page.getByTestId(`tune-row-${row}`);
      for (const m of ['precision', 'map', 'ndcg']) {
        const v = Number(await r.getAttribute(`data-${m}`));
        assert.ok(v >= 0 && v <= 1, `${row} ${m} ${v}`);
      }
    }
    const tuned = Number(await page.getByTestId('tune-row-tuned').getAttribute('data-ndcg'));
    const popularity = Number(await page.getByTestId('tune-row-popularity').getAttribute('data-ndcg'));
    assert.ok(tuned > popularity, `tuned ${tuned} vs popularity ${popularity}`);
    assert.match(await page.getByTestId('tune-compare-line').textContent(), /[+−]\d+\.\d %/);
    await screenshot(section, 'tune-2-done');
  });

  await t.test('across iterations, a line follows each setting that went on', async () => {
    await page.getByTestId('tune-axis').selectOption('iterations');
    const chart = page.getByTestId('tune-chart');
    assert.equal(await chart.getAttribute('data-axis'), 'iterations');
    assert.ok((await chart.locator('polyline.trail').count()) >= 1);
    assert.match(await page.getByTestId('tune-reading').textContent(), /over-fitting/);
    await screenshot(section, 'tune-3-iterations');
    await page.getByTestId('tune-axis').selectOption('regularization');
  });

  await t.test(
    '"Use these" fills the Train form; training and evaluating with it reproduce the tuned row',
    async () => {
      await page.getByTestId('tune-use').click();
      await page.locator('[data-testid=notice][data-key="notice.settingsUsed"]').waitFor();
      assert.equal(Number(await page.getByTestId('train-factors').inputValue()), best.factors);
      assert.equal(Number(await page.getByTestId('train-regularization').inputValue()), best.regularization);
      assert.equal(Number(await page.getByTestId('train-alpha').inputValue()), best.alpha);
      assert.equal(Number(await page.getByTestId('train-iterations').inputValue()), best.iterations);
      await trainCurrentData(page, { click: true }); // the form changed, the data did not
      assert.match(
        await page.getByTestId('model-info').textContent(),
        new RegExp(`${best.factors} factors, ${best.iterations} iterations`),
      );
      await page.getByTestId('evaluate-button').click();
      await page.getByTestId('evaluation-results').waitFor({ timeout: LONG });
      const evaluated = Number(await page.getByTestId('eval-ndcg').getAttribute('data-model'));
      const tuned = Number(await page.getByTestId('tune-row-tuned').getAttribute('data-ndcg'));
      assert.equal(evaluated, tuned, "Evaluate (same split, same settings) gives the tuned row's NDCG");
    },
  );

  await t.test('cancel stops the search and keeps the model', async () => {
    const before = await page.evaluate(() => window.alsMovies.getState().model.info);
    await page.getByTestId('tune-budget').fill('120');
    await page.getByTestId('tune-button').click();
    await page.waitForFunction(() => window.alsMovies.getState().tuning.trials.length >= 2, null, { timeout: LONG });
    await page.getByTestId('tune-cancel').click();
    await page.locator('[data-testid=notice][data-key="notice.cancelled"]').waitFor({ timeout: 10_000 });
    const after = await page.evaluate(() => ({
      info: window.alsMovies.getState().model.info,
      running: window.alsMovies.getState().tuning.running,
    }));
    assert.equal(after.running, false);
    assert.deepEqual(after.info, before, 'the model is the one trained before');
    assert.equal(await page.getByTestId('recommendation-row').count(), 10, 'recommendations still answer');
  });

  await t.test("fits a phone's width, and speaks Korean", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    const wide = await section.evaluate((s) => {
      const right = s.getBoundingClientRect().right;
      return [...s.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > right + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className}`)
        .slice(0, 5);
    });
    assert.deepEqual(wide, [], 'nothing in the step sticks out of it at 390 px');
    assert.ok((await section.boundingBox()).width <= 390);
    await screenshot(section, 'tune-4-phone');
    await page.getByTestId('lang-ko').click();
    assert.match(await section.locator('h2').textContent(), /[\uac00-\ud7a3]/);
    assert.match(await page.getByTestId('tune-button').textContent(), /[\uac00-\ud7a3]/);
    assert.match(await page.getByTestId('tune-reading').textContent(), /과적합/);
    await screenshot(section, 'tune-5-phone-korean');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(section, 'tune-6-korean');
  });

  assert.deepEqual(
    (await errorsOf(page)).filter((e) => e.kind !== 'cancelled'),
    [],
    'no error was reported on the way',
  );
  assert.deepEqual(errors, [], 'no page error or console error');
});
