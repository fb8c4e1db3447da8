// Issue 11, point 5, through the page's file input: a data set that cannot
// be trained — every rating below the threshold, or one user and one movie —
// is refused with a message that says what is left and what to change, and
// the model the visitor had keeps answering. For the threshold case the page
// offers to load the same files again with a lower threshold, or none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, screenshot } from './support/browser.mjs';
import {
  LONG,
  waitForRecommendations,
  uploadFiles,
  lastErrorShown,
  dismissErrors,
  similarQueryWorks,
  modelFingerprint,
  errorsOf,
} from './support/app.mjs';

const env = serveAndBrowse({ isolated: true });

const csv = (name, lines) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(['userId,movieId,rating,timestamp', ...lines, ''].join('\n')),
});
const allBelowThree = csv('ratings.csv', [
  '1,10,1.0,964982703',
  '1,20,2.5,964981247',
  '2,10,2.0,964982224',
  '3,30,0.5,964983815',
]);
const oneByOne = csv('ratings.csv', ['7,3,5.0,964982703']);

async function expectModelKept(page, before, k) {
  assert.deepEqual(await modelFingerprint(page), before, 'the model and data are the ones from before');
  assert.equal(await page.getByTestId('recommendation-row').count(), 10, 'the recommendations are still shown');
  await similarQueryWorks(page, k);
}

test('a data set that cannot be trained is refused and the model keeps answering', { timeout: 180_000 }, async (t) => {
  const { page, errors: pageErrors } = await openPage(env.browser, env.server.url);
  await waitForRecommendations(page);

  await t.test(
    'every rating below the threshold: what is left, what to change, and a way to load it anyway',
    async () => {
      const before = await modelFingerprint(page);
      assert.equal(await uploadFiles(page, [allBelowThree]), 'error');
      const shown = await lastErrorShown(page);
      assert.equal(
        shown.message,
        'Nothing left after "rating ≥ 3": 4 ratings read, all below 3 — lower the threshold or turn it off.',
      );
      assert.match(shown.text, /Your previous data, model and favorites are unchanged/);
      await expectModelKept(page, before, 1);
      const retry = page.getByTestId('threshold-retry');
      await retry.waitFor();
      assert.match(await retry.textContent(), /not loaded: the threshold leaves too little to train on/);
      await retry.scrollIntoViewIfNeeded();
      await screenshot(retry, 'untrainable-threshold-retry');
      // In Korean at phone width: translated, and nothing sticks out sideways.
      await page.getByTestId('lang-ko').click();
      await page.setViewportSize({ width: 390, height: 844 });
      assert.match(await retry.textContent(), /불러오지 않았습니다/);
      const overflow = await retry.evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(overflow <= 1, `the offer fits 390 px (overflows by ${overflow} px)`);
      await retry.scrollIntoViewIfNeeded();
      await screenshot(retry, 'untrainable-threshold-retry-ko-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('lang-en').click();

      // A threshold still too high: refused again, and the offer stays.
      await dismissErrors(page);
      await page.getByTestId('retry-threshold-input').fill('2.5');
      await page.getByTestId('retry-with-threshold').click();
      await page.getByTestId('error-item').first().waitFor();
      const again = await lastErrorShown(page);
      assert.match(
        again.message,
        /^Only 1 user and 1 item left after "rating ≥ 2\.5" \(1 of 4 ratings kept\): ALS needs at least 2 users and 2 items/,
      );
      await retry.waitFor();
      await expectModelKept(page, before, 2);

      // Without a threshold the same files load: 4 ratings of 3 users and 3 movies.
      await dismissErrors(page);
      const version = before.dataVersion;
      await page.getByTestId('retry-without-threshold').click();
      await page.waitForFunction(
        (v) => window.alsMovies.getState().data.version > v && window.alsMovies.getState().data.status === 'ready',
        version,
      );
      const summary = await page.evaluate(() => window.alsMovies.getState().data.summary);
      assert.equal(summary.rawRatings, 4);
      assert.equal(summary.keptRatings, 4);
      assert.equal(summary.useThreshold, false);
      assert.equal(await page.getByTestId('threshold-retry').count(), 0, 'the offer is gone once loaded');
      assert.equal(
        await page.getByTestId('threshold-enabled').isChecked(),
        false,
        'the threshold form shows it is off',
      );
    },
  );

  await t.test('one user and one movie: refused, no threshold offer, the previous model answers', async () => {
    // The 4 ratings loaded last train by themselves (a small set): wait for their model to answer.
    await page.waitForFunction(
      () => {
        const s = window.alsMovies.getState();
        return s.model.dataVersion === s.data.version && !s.training.running;
      },
      null,
      { timeout: LONG },
    );
    await waitForRecommendations(page);
    const before = await modelFingerprint(page);
    const rowsBefore = await page.getByTestId('recommendation-row').count();
    assert.ok(rowsBefore > 0, 'recommendations answer before the refused load');
    assert.equal(await uploadFiles(page, [oneByOne]), 'error');
    const shown = await lastErrorShown(page);
    assert.equal(
      shown.message,
      'Only 1 user and 1 item in the data (1 rating): ALS needs at least 2 users and 2 items — load a data set with more users and items.',
    );
    assert.equal(await page.getByTestId('threshold-retry').count(), 0, 'a lower threshold would not help');
    // The data loaded last (the 4 ratings, small enough to have trained by
    // themselves) stay, and their model still answers as before.
    assert.deepEqual(await modelFingerprint(page), before);
    assert.equal(await page.getByTestId('recommendation-row').count(), rowsBefore);
    await similarQueryWorks(page, 3);
    await screenshot(page, 'untrainable-one-by-one', { fullPage: false });
    await dismissErrors(page);
  });

  assert.deepEqual(pageErrors, [], `no uncaught page errors: ${JSON.stringify(await errorsOf(page))}`);
});
