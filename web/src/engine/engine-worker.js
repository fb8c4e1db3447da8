// The web worker that owns the engine and the model. Dispatch only: the
// work is in engine-service.js, the module choice in engine-loader.js.
import { createEngineService } from './engine-service.js';
import { loadEngineModule } from './engine-loader.js';
import { demoFiles } from './demo-files.js';

let service = null;
let failedStart = null; // the error of a start that failed: every later call gets it (none would ever run)
const early = [];

function fatal(message) {
  self.postMessage({ event: 'fatal', message: String(message) });
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.method === 'init') {
    // The demo's files download while the module compiles (most visits use them).
    const prefetch = message.args.prefetchDemo;
    if (prefetch) demoFiles(prefetch.baseUrl, prefetch.set).catch(() => {});
    try {
      const { module, info } = await loadEngineModule({ ...message.args, onAbort: fatal });
      service = createEngineService({ module, info, post: (m, transfer) => self.postMessage(m, transfer ?? []) });
      info.startup.readyMs = performance.now(); // (on the worker's clock, for the benchmark)
      // (cancelSlots: the shared memory the page writes a cancel into while a long call runs)
      self.postMessage({ id: message.id, result: { ...info, cancelSlots: service.cancelSlots } });
      for (const m of early.splice(0)) service.handle(m);
    } catch (e) {
      const error = { kind: 'engine', message: e?.message || String(e) };
      failedStart = error;
      self.postMessage({ id: message.id, error });
      // Calls sent while it started get the same answer (none would ever run).
      for (const m of early.splice(0)) if (m.id !== undefined) self.postMessage({ id: m.id, error });
    }
    return;
  }
  if (service) service.handle(message);
  else if (failedStart) {
    if (message.id !== undefined) self.postMessage({ id: message.id, error: failedStart });
  } else early.push(message);
};

self.onunhandledrejection = (event) => fatal(event.reason?.message || event.reason);
