// The main thread's one door to the engine worker: a Promise API, progress
// callbacks, cancel, and recovery. Calls run concurrently (a query is answered
// while training runs); long calls can be cancelled. If a cancelled call does
// not stop in time, or the worker dies, the worker is terminated and started
// again, and the calls of the recovery plan (reload the data, load the model)
// are replayed so the visitor keeps what they had.
import { EngineFault, FaultKind } from './protocol.js';

// A cancelled call answers within a slice (~50 ms) or at the engine's next
// checkpoint; one still busy after this long is stuck, and the worker is restarted.
const CANCEL_GRACE_MS = 8000;

export class EngineClient {
  // createWorker: () => Worker. engineBase: URL of the folder holding the builds.
  // prefetchDemo: { baseUrl, set }, the demo files to fetch while the engine starts.
  constructor({ createWorker, engineBase, threads, prefetchDemo }) {
    this.createWorker = createWorker;
    this.initArgs = { engineBase, threads, prefetchDemo };
    this.nextId = 1;
    this.pending = new Map(); // id -> { resolve, reject, onProgress, method }
    this.listeners = new Set();
    this.recoveryPlan = []; // [{ method, args }] replayed after a restart
    this.info = null;
  }

  // status events: { type: 'ready' | 'restarting' | 'restored' | 'crashed' | 'restore-failed', ... }
  onStatus(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(status) {
    for (const l of this.listeners) l(status);
  }

  async start() {
    this.worker = this.createWorker();
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => this.crashed(e.message || 'the engine worker failed');
    const { cancelSlots, ...info } = await this.send('init', this.initArgs);
    this.cancelSlots = cancelSlots ? new Int32Array(cancelSlots.buffer) : null;
    this.cancelSlotIndex = cancelSlots?.index;
    this.info = info;
    this.emit({ type: 'ready', info: this.info });
    return this.info;
  }

  receive(message) {
    if (message.event === 'fatal') {
      this.crashed(message.message);
      return;
    }
    const call = this.pending.get(message.id);
    if (!call) return;
    if (message.progress !== undefined) {
      call.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(call.killTimer);
    if (message.error) call.reject(new EngineFault(message.error));
    else call.resolve(message.result);
  }

  send(method, args, { onProgress, transfer } = {}) {
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress, method });
    });
    this.worker.postMessage({ id, method, args }, transfer ?? []);
    promise.id = id;
    promise.cancel = () => this.cancel(id);
    return promise;
  }

  // call(method, args, { onProgress, transfer }) -> Promise with .cancel()
  call(method, args, options) {
    if (!this.worker) throw new Error('start() the client first');
    return this.send(method, args, options);
  }

  cancel(id) {
    const call = this.pending.get(id);
    if (!call || call.cancelAsked) return;
    call.cancelAsked = true;
    // Threads build: also straight into the engine's memory, which its
    // checkpoints read even while the worker is inside one long call.
    if (this.cancelSlots) Atomics.store(this.cancelSlots, this.cancelSlotIndex, id);
    this.worker.postMessage({ cancel: id });
    // Last resort: a synchronous wasm call cannot be interrupted.
    call.killTimer = setTimeout(() => {
      if (this.pending.has(id)) this.restart(`"${call.method}" did not stop when cancelled`, id, 'cancel');
    }, CANCEL_GRACE_MS);
  }

  // What to replay after a restart to get the same data and model back.
  setRecoveryPlan(plan) {
    this.recoveryPlan = plan;
  }

  crashed(message) {
    this.emit({ type: 'crashed', message });
    this.restart(message);
  }

  // cause: 'cancel' when a cancelled call would not stop (the visitor already
  // hears "cancelled": the page shows no banner for it), else a crash.
  // The calls waiting meanwhile fail as `crashed` (the banner says why, and
  // the page asks its queries again once the engine is back).
  async restart(reason, cancelledId, cause = 'crash') {
    if (this.restarting) return;
    this.restarting = true;
    this.worker?.terminate();
    for (const [id, call] of this.pending) {
      clearTimeout(call.killTimer);
      call.reject(
        new EngineFault(
          id === cancelledId
            ? { kind: FaultKind.cancelled, message: 'cancelled (the engine was restarted)' }
            : { kind: FaultKind.crashed, message: `the engine stopped (${reason}); it was restarted` },
        ),
      );
    }
    this.pending.clear();
    this.emit({ type: 'restarting', reason, cause });
    try {
      await this.start();
      for (const step of this.recoveryPlan) await this.send(step.method, step.args);
      this.emit({ type: 'restored', steps: this.recoveryPlan.map((s) => s.method), cause });
    } catch (e) {
      this.emit({ type: 'restore-failed', message: e.message, cause });
    } finally {
      this.restarting = false;
    }
  }

  terminate() {
    this.worker?.terminate();
    this.worker = null;
  }
}
