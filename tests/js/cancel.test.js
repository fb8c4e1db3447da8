// Issue 11, point 4, through the worker protocol: every wait can be cancelled
// within a second without restarting anything, the previous data and model
// stay, and queries asked during a load are answered (from the previous
// model) or told to wait. Times are asserted generously (a loaded 2-core
// machine); the benchmark measures the real latencies.
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { zipSync } from 'fflate';
import { loadEngine, fileFrom } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';

const DEMO = path.resolve(import.meta.dirname, '../../public/demo');
const demoFiles = () => [
  fileFrom(`${DEMO}/ratings.csv`, 'demo/ratings.csv'),
  fileFrom(`${DEMO}/movies.csv`, 'demo/movies.csv'),
];
const GENEROUS_MS = 3000; // "within a second", on a machine shared with builds

// A ratings.csv of `lines` ratings over 5,000 users and 20,000 items.
function bigRatings(lines) {
  const parts = ['userId,movieId,rating,timestamp\n'];
  let x = 88172645;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  for (let k = 0; k < lines; k += 10_000) {
    let block = '';
    for (let j = k; j < Math.min(lines, k + 10_000); j++)
      block += `${(next() % 5000) + 1},${(next() % 20000) + 1},${(j % 10) / 2 + 0.5},964982703\n`;
    parts.push(block);
  }
  return new File(parts, 'ratings.csv');
}

const until = async (condition) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
};

// Cancels `call` as soon as `ready` holds; -> ms from the cancel to the answer.
async function cancelWhen(call, ready) {
  await until(ready);
  const start = performance.now();
  call.cancel();
  await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
  return performance.now() - start;
}

describe('cancel', () => {
  let service;
  let before;
  let big;
  beforeAll(async () => {
    service = serviceFor(await loadEngine('simd'));
    await service.call('loadFiles', { files: demoFiles() });
    await service.call('train', { config: { factors: 8, iterations: 3, seed: 5 } });
    before = {
      summary: await service.call('dataSummary'),
      similar: [...(await service.call('similarItems', { item: 3, count: 5 })).items],
    };
    big = bigRatings(3_000_000); // ~65 MB
  });

  async function expectKept() {
    expect((await service.call('dataSummary')).rawRatings).toBe(before.summary.rawRatings);
    expect([...(await service.call('similarItems', { item: 3, count: 5 })).items]).toEqual(before.similar);
  }

  it('stops a plain load within a second, and answers queries meanwhile from the previous model', async () => {
    const call = service.call('loadFiles', { files: [big] });
    await until(() => call.progress.length > 0);
    // Asked during the load: answered now, from the model there was.
    const similar = await service.call('similarItems', { item: 3, count: 5 });
    expect([...similar.items]).toEqual(before.similar);
    expect(call.progress.at(-1).bytesDone).toBeLessThan(big.size); // (the load is still going)
    // A call that changes the data set waits its turn, and is told so.
    const prepare = service.call('prepare', { useThreshold: false });
    expect(prepare.progress[0]).toEqual({ phase: 'waiting', behind: 'loadFiles' });
    const ms = await cancelWhen(call, () => true);
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect((await prepare).rawRatings).toBe(before.summary.rawRatings);
    await service.call('prepare', { useThreshold: before.summary.useThreshold, minValue: before.summary.minRating }); // as before
    await expectKept();
  });

  it('stops a zip load within a second', async () => {
    const zip = zipSync({ 'ml-big/ratings.csv': new Uint8Array(await big.arrayBuffer()) }, { level: 1 });
    const call = service.call('loadFiles', { files: [new File([zip], 'ml-big.zip')] });
    const ms = await cancelWhen(call, () => call.progress.some((p) => p.archive === 'ml-big.zip'));
    expect(ms).toBeLessThan(GENEROUS_MS);
    // The progress named the entry, the archive, and counted inflated bytes of the entry.
    const p = call.progress.find((q) => q.archive);
    expect(p).toMatchObject({
      phase: 'reading',
      file: 'ml-big/ratings.csv',
      fileIndex: 1,
      fileCount: 1,
      entryTotal: big.size,
    });
    expect(p.entryDone).toBeGreaterThan(0);
    await expectKept();
  });

  it('stops training and evaluation within a second, in training and while ranking', async () => {
    await service.call('loadFiles', { files: [big] });
    const train = service.call('train', { config: { factors: 32, iterations: 50, seed: 1 } });
    expect(await cancelWhen(train, () => train.progress.length > 2)).toBeLessThan(GENEROUS_MS);
    const evaluate = service.call('evaluate', {
      config: { factors: 16, iterations: 1, seed: 1 },
      testFraction: 0.2,
      k: 10,
    });
    expect(await cancelWhen(evaluate, () => evaluate.progress.length > 1)).toBeLessThan(GENEROUS_MS);
    const scoring = service.call('evaluate', {
      config: { factors: 64, iterations: 1, seed: 1 },
      testFraction: 0.5,
      k: 10,
    });
    expect(await cancelWhen(scoring, () => scoring.progress.some((p) => p.phase === 'scoring'))).toBeLessThan(
      GENEROUS_MS,
    );
    // The model is still the one trained in beforeAll.
    expect((await service.call('modelInfo')).factors).toBe(8);
    await service.call('loadFiles', { files: demoFiles() });
    await expectKept();
  });

  it('cancels a call still waiting in the queue without running it', async () => {
    const train = service.call('train', { config: { factors: 8, iterations: 200, seed: 2 } });
    const queued = service.call('loadFiles', { files: [big] });
    queued.cancel();
    await until(() => train.progress.length > 0);
    train.cancel();
    await expect(queued).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(train).rejects.toMatchObject({ kind: 'cancelled' });
    await expectKept();
  });
});

describe('cancel inside one long call (threads build: the page writes the cancel into shared memory)', () => {
  it('stops a prepare while the service is blocked inside it, and the data set stays', async () => {
    const module = await loadEngine('threads', 2);
    let slotsOfService = null;
    const service = serviceFor(module, {
      onService: (s) => {
        slotsOfService = s.cancelSlots;
      },
    });
    expect(slotsOfService?.buffer).toBeInstanceOf(SharedArrayBuffer);
    await service.call('loadFiles', { files: [bigRatings(2_000_000)] });
    const kept = await service.call('dataSummary');
    // Another thread (as the page's main thread) writes the cancel 20 ms after
    // `go`, while this thread is inside the synchronous prepare call.
    const go = new Int32Array(new SharedArrayBuffer(8));
    const id = service.nextId();
    const helper = new Worker(
      `
      const { workerData } = require('node:worker_threads');
      const go = new Int32Array(workerData.go);
      Atomics.wait(go, 0, 0);
      const start = Date.now();
      while (Date.now() - start < 20) {}
      Atomics.store(new Int32Array(workerData.buffer), workerData.index, workerData.id);
      Atomics.store(go, 1, 1);`,
      { eval: true, workerData: { go: go.buffer, buffer: slotsOfService.buffer, index: slotsOfService.index, id } },
    );
    try {
      Atomics.store(go, 0, 1);
      Atomics.notify(go, 0);
      const call = service.call('prepare', { useThreshold: false });
      expect(call.id).toBe(id);
      const started = performance.now();
      await expect(call).rejects.toMatchObject({ kind: 'cancelled' });
      expect(Atomics.load(go, 1)).toBe(1); // it was the other thread's write that stopped it
      expect(performance.now() - started).toBeLessThan(GENEROUS_MS);
      const after = await service.call('dataSummary');
      expect(after.keptRatings).toBe(kept.keptRatings);
      expect(after.useThreshold).toBe(true);
      // The engine still works: the same prepare without a cancel.
      expect((await service.call('prepare', { useThreshold: false })).keptRatings).toBe(
        after.rawRatings - after.duplicatesMerged,
      );
    } finally {
      await helper.terminate();
    }
  });
});
