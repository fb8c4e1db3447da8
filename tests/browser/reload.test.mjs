// A reload keeps the work: the model, the data set and the favorites come
// back from IndexedDB and nothing is retrained (no training progress shows
// in the reloaded page, the model says it was restored). One context for
// the whole file: the reloads are the point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  waitForRecommendations,
  trainCurrentData,
  addFavoriteByKeyboard,
  waitForRecommendationsFor,
  waitForKeptInBrowser,
  watchForTraining,
  errorsOf,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

const recommendedIds = (page) =>
  page.getByTestId('recommendation-row').evaluateAll((rows) => rows.map((r) => r.dataset.id));

async function reloadAndWaitRestored(page) {
  await page.reload();
  await page.locator('[data-testid=engine-banner][data-kind=restored-visit]').waitFor({ timeout: LONG });
  await waitForRecommendations(page);
}

test('a reload restores the model and the favorites without retraining', { timeout: 180_000 }, async (t) => {
  const { page, errors } = await openPage(env.browser, env.server.url, { init: watchForTraining });
  await waitForRecommendations(page);
  // The first visit answers with the demo model shipped with the site; a training
  // here shows that the watch sees one (and gives the model the reload must bring back).
  await trainCurrentData(page, { click: true });
  assert.equal(await page.evaluate(() => window.__sawTrainProgress), true, 'the watch sees a training');
  const favorites = [await addFavoriteByKeyboard(page, 'reactor'), await addFavoriteByKeyboard(page, 'vault')];
  await waitForRecommendationsFor(page, 2);
  await waitForKeptInBrowser(page, 2);
  const before = await page.evaluate(() => {
    const { model } = window.alsMovies.getState();
    return { info: model.info, bytes: model.bytes.length };
  });
  const recsBefore = await recommendedIds(page);

  await t.test('the reloaded page has the same model, favorites and recommendations', async () => {
    await reloadAndWaitRestored(page);
    await waitForRecommendationsFor(page, 2);
    assert.equal(await page.evaluate(() => window.__sawTrainProgress), false, 'nothing was trained after the reload');
    assert.equal(await page.getByTestId('train-progress').count(), 0);
    const after = await page.evaluate(() => {
      const { model, data } = window.alsMovies.getState();
      return {
        info: model.info,
        bytes: model.bytes.length,
        restored: model.restored,
        dataStatus: data.status,
        current: model.dataVersion === data.version,
      };
    });
    assert.equal(after.restored, true);
    assert.equal(after.info.fromFile, true);
    for (const key of ['factors', 'iterations', 'users', 'items', 'interactions', 'trainingSeconds']) {
      assert.equal(after.info[key], before.info[key], key);
    }
    assert.deepEqual(after.info.loss, before.info.loss);
    assert.equal(after.dataStatus, 'ready', 'the data set is back too');
    assert.equal(after.current, true, 'the restored model is the model of the restored data');
    assert.match(await page.getByTestId('model-info').textContent(), /restored from your last visit/);
    assert.equal(await page.getByTestId('model-stale').count(), 0);
    const rows = await page.getByTestId('favorite-row').allTextContents();
    assert.equal(rows.length, 2);
    favorites.forEach((f, k) => assert.ok(rows[k].includes(f.title)));
    assert.deepEqual(await recommendedIds(page), recsBefore, 'same model, same favorites: same recommendations');
    await screenshot(page, 'reload-restored', { fullPage: false });
  });

  await t.test('after "Retrain with me added", a reload restores that model as the current one', async () => {
    await page.getByTestId('retrain-with-me').click();
    await page.getByTestId('model-includes-me').waitFor({ timeout: LONG });
    await page.waitForFunction(() => !window.alsMovies.getState().training.running);
    assert.equal(await page.getByTestId('model-stale').count(), 0, 'freshly trained: not stale');
    await waitForKeptInBrowser(page, 2);
    await reloadAndWaitRestored(page);
    assert.equal(await page.evaluate(() => window.__sawTrainProgress), false, 'nothing was trained after the reload');
    assert.match(await page.getByTestId('model-info').textContent(), /restored from your last visit/);
    assert.equal(
      await page.evaluate(() => window.alsMovies.getState().model.info.users),
      before.info.users + 1,
      'the model with me is back',
    );
    await screenshot(page.locator('#step-train'), 'reload-restored-with-me');
    // It is the model of the data set restored with it (plus me): the page
    // must still say it includes me, and must not say "the data changed
    // since this model was trained".
    const problems = [];
    if ((await page.getByTestId('model-includes-me').count()) !== 1)
      problems.push('no "trained with you added" tag after the reload');
    if ((await page.getByTestId('model-stale').count()) !== 0)
      problems.push(`stale warning: ${await page.getByTestId('model-stale').textContent()}`);
    assert.deepEqual(problems, []);
  });

  assert.deepEqual(await errorsOf(page), []);
  assert.deepEqual(errors, []);
});
