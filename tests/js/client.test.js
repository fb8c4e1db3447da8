// The main-thread client (web/src/engine/client.js) against a fake worker:
// answers, progress, cancel, and the last resort — a call that ignores its
// cancel makes the client terminate the worker, start a new one and replay
// the recovery plan.
import { describe, it, expect, vi } from 'vitest';
import { EngineClient } from '../../web/src/engine/client.js';

// A worker that answers what `behaviour(message, reply)` says to.
function fakeWorkerFactory(behaviour, log) {
  return () => {
    const worker = {
      terminated: false,
      onmessage: null,
      postMessage(message) {
        log.push(message);
        const reply = (m) => queueMicrotask(() => !worker.terminated && worker.onmessage?.({ data: m }));
        if (message.method === 'init') reply({ id: message.id, result: { variant: 'fake', threads: 1 } });
        else behaviour(message, reply);
      },
      terminate() {
        worker.terminated = true;
        log.push('terminated');
      },
    };
    return worker;
  };
}

describe('EngineClient', () => {
  it('resolves answers, forwards progress, and rejects engine errors as faults', async () => {
    const log = [];
    const client = new EngineClient({
      createWorker: fakeWorkerFactory((m, reply) => {
        if (m.method === 'train') {
          reply({ id: m.id, progress: { fraction: 0.5 } });
          reply({ id: m.id, result: { factors: 8 } });
        } else if (m.method === 'loadFiles') {
          reply({ id: m.id, error: { kind: 'input', message: 'bad line', file: 'ratings.csv', line: 3 } });
        }
      }, log),
    });
    expect(await client.start()).toEqual({ variant: 'fake', threads: 1 });
    const progress = [];
    expect(await client.call('train', {}, { onProgress: (p) => progress.push(p) })).toEqual({ factors: 8 });
    expect(progress).toEqual([{ fraction: 0.5 }]);
    await expect(client.call('loadFiles', {})).rejects.toMatchObject({ kind: 'input', file: 'ratings.csv', line: 3 });
  });

  it('terminates a worker that does not stop when cancelled, restarts it and replays the recovery plan', async () => {
    vi.useFakeTimers();
    try {
      const log = [];
      const client = new EngineClient({
        // A stuck engine: never answers train or cancel; answers the replayed calls.
        createWorker: fakeWorkerFactory((m, reply) => {
          if (m.method === 'loadDemo' || m.method === 'loadModel') reply({ id: m.id, result: { ok: true } });
        }, log),
      });
      const statuses = [];
      const causes = [];
      client.onStatus((s) => {
        statuses.push(s.type);
        causes.push(s.cause);
      });
      await client.start();
      client.setRecoveryPlan([
        { method: 'loadDemo', args: {} },
        { method: 'loadModel', args: { bytes: new Uint8Array(4) } },
      ]);
      const call = client.call('train', {});
      const outcome = call.then(
        () => 'resolved',
        (e) => e.kind,
      );
      call.cancel();
      expect(log.some((m) => m.cancel === call.id)).toBe(true);
      await vi.advanceTimersByTimeAsync(9000);
      expect(await outcome).toBe('cancelled');
      expect(log).toContain('terminated');
      const replayed = log.filter((m) => m.method).map((m) => m.method);
      expect(replayed).toEqual(['init', 'train', 'init', 'loadDemo', 'loadModel']);
      expect(statuses).toEqual(['ready', 'restarting', 'ready', 'restored']);
      expect(causes).toEqual([undefined, 'cancel', undefined, 'cancel']); // the page shows no banner for these
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a fatal message from the worker as a crash: pending calls fail, the engine comes back', async () => {
    const log = [];
    let worker;
    const factory = fakeWorkerFactory(() => {}, log);
    const client = new EngineClient({ createWorker: () => (worker = factory()) });
    const statuses = [];
    client.onStatus((s) => statuses.push(s.type));
    await client.start();
    const pending = client.call('train', {});
    worker.onmessage({ data: { event: 'fatal', message: 'RuntimeError: unreachable' } });
    await expect(pending).rejects.toMatchObject({ kind: 'crashed' });
    await vi.waitFor(() => expect(statuses).toContain('restored'));
    expect(statuses.slice(0, 2)).toEqual(['ready', 'crashed']);
  });

  it("writes a cancel into the engine's shared cancel slot too, and keeps the slots out of info", async () => {
    const log = [];
    const slots = new SharedArrayBuffer(64);
    let worker;
    const base = fakeWorkerFactory(() => {}, log);
    const client = new EngineClient({
      createWorker: () => {
        worker = base();
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (m) =>
          m.method === 'init'
            ? queueMicrotask(() =>
                worker.onmessage({
                  data: {
                    id: m.id,
                    result: { variant: 'threads', threads: 4, cancelSlots: { buffer: slots, index: 6 } },
                  },
                }),
              )
            : post(m);
        return worker;
      },
    });
    expect(await client.start()).toEqual({ variant: 'threads', threads: 4 });
    const call = client.call('prepare', {});
    call.cancel();
    call.cancel(); // a second click sends nothing more
    expect(new Int32Array(slots)[6]).toBe(call.id);
    expect(log.filter((m) => m.cancel === call.id)).toHaveLength(1);
    client.terminate();
  });
});
