// Issue 23, point 1: a data set dropped while a small set's own training runs,
// or the settings changed to heavy values meanwhile, on a slow machine. The
// app's actions (data-actions.js, train-actions.js, model-actions.js) run
// against a fake engine that keeps the worker's one rule that matters here
// (long and state-changing calls run one at a time, in order of arrival:
// engine-service.js) and holds every training until the test lets it go or
// it is cancelled, which is what a training does on a busy CPU. Rules:
//   - a load always finishes (or fails with a message), whatever trains;
//   - a training the visitor did not ask for never runs with settings whose
//     estimate is long;
//   - a download always answers (a file, or a message).
import { describe, it, expect, beforeAll, beforeEach, afterEach } from 'vitest';

// What engine.js reads of the page when it is imported.
globalThis.document ??= { baseURI: 'http://localhost/', getElementById: () => null };
globalThis.navigator ??= { hardwareConcurrency: 2 };

let app; // the modules under test
let fake;
let AUTO_TRAIN_SECONDS;

const EXCLUSIVE = new Set(['loadFiles', 'loadDemo', 'train', 'evaluate', 'importModel', 'tune', 'prepare']);
const EXCLUSIVE_TOO = new Set(['loadModel', 'exportModel']);

const small = { users: 10, items: 12, keptRatings: 60, rawRatings: 60, format: 'csv' }; // trains in well under 3 s
const ml100k = { users: 943, items: 1682, keptRatings: 100000, rawRatings: 100000, format: 'ml-100k' };
const heavy = { factors: 512, iterations: 200, cgSteps: 20 };

// calls: every call, in order, { method, args, cancelled, started, settled, release(result), fail(error) }.
function fakeEngine({ EngineFault }) {
  const calls = [];
  let queue = Promise.resolve();
  const answers = {
    loadFiles: () => ({ ...ml100k, useThreshold: false, minRating: 0, binary: false }),
    saveModel: () => ({ bytes: new Uint8Array([1, 2, 3]) }),
  };
  function call(method, args) {
    const record = { method, args, cancelled: false, started: false, settled: false };
    calls.push(record);
    const promise = new Promise((resolve, reject) => {
      record.release = (result) => {
        record.settled = true;
        resolve(result);
      };
      record.fail = (error) => {
        record.settled = true;
        reject(new EngineFault(error));
      };
    });
    const start = () => {
      record.started = true;
      if (record.cancelled) record.fail({ kind: 'cancelled', message: 'cancelled' });
      else if (method !== 'train' && answers[method]) record.release(answers[method](args));
      // a training is held: released by the test, or cancelled
    };
    if (EXCLUSIVE.has(method) || EXCLUSIVE_TOO.has(method)) {
      queue = queue.then(() => {
        start();
        return promise.catch(() => {});
      });
    } else start();
    promise.cancel = () => {
      record.cancelled = true;
      if (record.started && !record.settled) record.fail({ kind: 'cancelled', message: 'cancelled' });
    };
    return promise;
  }
  return { calls, call, of: (method) => calls.filter((c) => c.method === method) };
}

beforeAll(async () => {
  const engine = await import('../../web/src/app/engine.js');
  const protocol = await import('../../web/src/engine/protocol.js');
  app = {
    engine,
    store: await import('../../web/src/app/store.js'),
    data: await import('../../web/src/app/data-actions.js'),
    train: await import('../../web/src/app/train-actions.js'),
    model: await import('../../web/src/app/model-actions.js'),
    protocol,
  };
  ({ AUTO_TRAIN_SECONDS } = await import('../../web/src/app/training-estimate.js'));
  engine.client.call = (method, args) => fake.call(method, args);
});

beforeEach(() => {
  fake = fakeEngine(app.protocol);
  app.store.resetState();
  // A small data set is loaded (version 1) and the engine is up.
  app.store.setState({ engine: { status: 'ready', info: { variant: 'simd', threads: 1 }, message: '' } });
  app.store.update('data', { status: 'ready', summary: small, version: 1, source: { kind: 'demo' } });
});

// Nothing left in flight for the next test (the actions keep their call in flight in module state).
afterEach(async () => {
  for (const c of fake.calls) if (!c.settled) c.fail({ kind: 'cancelled', message: 'cancelled' });
  for (let k = 0; k < 5; k++) await new Promise((resolve) => setTimeout(resolve, 0));
});

const state = () => app.store.getState();
const file = { name: 'u.data', size: 1_979_173, webkitRelativePath: '' };

describe('a small set trains by itself, slowly (the engine holds the training)', () => {
  it('starts on its own with the settings of step 2, and it is estimated short', async () => {
    const auto = app.train.afterDataChanged();
    expect(state().training).toMatchObject({ running: true, auto: true });
    expect(fake.of('train')).toHaveLength(1);
    fake.of('train')[0].fail({ kind: 'cancelled', message: 'cancelled' });
    expect(await auto).toBe(false);
  });

  it('a data set dropped meanwhile stops it: the load is not held behind it, and finishes', async () => {
    app.train.afterDataChanged();
    const [autoTraining] = fake.of('train');
    const load = app.data.loadFiles([file]);
    // The training of the data being replaced was cancelled at once…
    expect(autoTraining.cancelled).toBe(true);
    // …so the load runs and finishes without the training ever being let go.
    expect(await load).toBe(true);
    expect(state().data).toMatchObject({ status: 'ready', version: 2, summary: { users: 943 } });
    // The new data are small enough too (by the defaults): they train by themselves in turn.
    expect(fake.of('train')).toHaveLength(2);
    expect(state().training).toMatchObject({ running: true, auto: true });
    // No "cancelled" notice for a training the visitor never asked for.
    expect(state().notices.map((n) => n.key)).not.toContain('notice.cancelled');
    expect(state().errors).toEqual([]);
  });

  it('the settings changed to heavy values meanwhile stop it, and nothing trains by itself afterwards', async () => {
    const auto = app.train.afterDataChanged();
    const [autoTraining] = fake.of('train');
    app.train.setConfig(heavy);
    expect(autoTraining.cancelled).toBe(true);
    expect(await auto).toBe(false);
    expect(state().training.running).toBe(false);
    expect(app.train.trainingEstimate(state())).toBeGreaterThan(AUTO_TRAIN_SECONDS);
    // The heavy settings and then a bigger data set: no training starts by itself.
    expect(await app.data.loadFiles([file])).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0)); // (a data change queues afterDataChanged)
    expect(fake.of('train')).toHaveLength(1);
    expect(state().training.running).toBe(false);
  });

  it('settings changed to values still estimated short let it run', () => {
    app.train.afterDataChanged();
    app.train.setConfig({ regularization: 0.05 });
    expect(fake.of('train')[0].cancelled).toBe(false);
  });

  it('heavy settings, then a small set: not trained by itself (the estimate is long)', async () => {
    app.train.setConfig(heavy);
    app.store.update('data', { summary: ml100k, version: 3 });
    expect(await app.train.afterDataChanged()).toBe(false);
    expect(fake.of('train')).toHaveLength(0);
  });

  it('a training the visitor asked for is not stopped by new settings', () => {
    app.train.train();
    app.train.setConfig(heavy);
    expect(fake.of('train')[0].cancelled).toBe(false);
  });
});

describe('an engine restart in the middle', () => {
  it('a load cut short by a restart fails with a message, the old data kept', async () => {
    const load = app.data.loadFiles([file]);
    expect(state().data.status).toBe('loading');
    fake.of('loadFiles')[0].fail({ kind: 'crashed', message: 'the engine stopped (out of memory); it was restarted' });
    expect(await load).toBe(false);
    expect(state().data).toMatchObject({ status: 'ready', version: 1 });
    expect(state().errors.map((e) => e.action)).toEqual(['action.loadFiles']);
    expect(state().errors[0].code).toBe('interrupted');
  });

  it('a download cut short by a restart answers with a message', async () => {
    app.store.update('model', { info: { factors: 8 } });
    const calls = fake.calls.length;
    // saveModel: answered by the fake at once unless the engine restarts first.
    const original = fake.call;
    fake.call = (method, args) => {
      const promise = original(method, args);
      if (method === 'saveModel') fake.calls.at(-1).settled = true;
      return method === 'saveModel'
        ? Promise.reject(
            new app.protocol.EngineFault({ kind: 'crashed', message: 'the engine stopped; it was restarted' }),
          )
        : promise;
    };
    expect(await app.model.downloadModel(true)).toBe(0);
    expect(fake.calls.length).toBe(calls + 1);
    expect(state().errors.map((e) => [e.action, e.code])).toEqual([['action.saveModel', 'interrupted']]);
  });
});
