// The one engine client of the page, and the helpers every action uses to
// call it and to report what went wrong.
import { EngineClient } from '../engine/client.js';
import { FaultKind } from '../engine/protocol.js';
import { setState, getState } from './store.js';
import { pageDemoSet } from './demo-set.js';

// Threads: one per core the visitor has (the engine worker is one of them;
// the page's own thread only draws, so it stays responsive). The ceiling
// only guards the 4 GB wasm32 heap (a stack and solver scratch per thread).
export const MAX_THREADS = 64;
export const client = new EngineClient({
  // A module worker (split into chunks; the Emscripten glue, a classic
  // script, is run by engine-loader.js).
  createWorker: () => new Worker(new URL('../engine/engine-worker.js', import.meta.url), { type: 'module' }),
  engineBase: new URL('engine/', document.baseURI).href,
  threads: Math.max(1, Math.min(navigator.hardwareConcurrency || 1, MAX_THREADS)),
  prefetchDemo: { baseUrl: document.baseURI, set: pageDemoSet() },
});

let nextMessageId = 1;
const NOTICE_SECONDS = 15; // notices fade; errors stay until dismissed

// An engine failure -> the alert region (cancellations become a notice).
// action: an i18n key naming what was being done ("loading the data", ...).
// interrupted: the visitor waits for this call's own answer (a load, a
// download), so a restart of the engine that cut it short is said too.
export function reportError(error, action, { interrupted = false } = {}) {
  if (error?.kind === FaultKind.cancelled) {
    notify('notice.cancelled', { action });
    return;
  }
  // A call cut short by a restart of the engine: the banner says what
  // happened (and the views ask again once it is back), so no second
  // message, unless nothing else would ever answer the visitor's click.
  if (error?.kind === FaultKind.crashed) {
    if (!interrupted) return;
    error = { kind: FaultKind.engine, message: `${error.message}: try again`, code: 'interrupted' };
  }
  let message = error?.message || String(error);
  // A C++ exception that escaped the engine's guards arrives as an opaque
  // object: say so instead of printing "[object WebAssembly.Exception]".
  const opaque = /WebAssembly\.Exception/.test(message);
  const entry = {
    id: nextMessageId++,
    kind: error?.kind || 'engine',
    message: opaque ? '' : message,
    opaque,
    file: error?.file,
    line: error?.line,
    code: error?.code, // fault.<code> in the i18n tables, shown instead of message
    params: error?.params,
    action,
  };
  setState((s) => ({ errors: [...s.errors.slice(-4), entry] }));
}

export function dismissError(id) {
  setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

// notify('notice.favoritesDropped', { titles }): an i18n key and its values.
export function notify(key, params = {}) {
  const entry = { id: nextMessageId++, key, params };
  setState((s) => ({ notices: [...s.notices.slice(-2), entry] }));
  setTimeout(() => dismissNotice(entry.id), NOTICE_SECONDS * 1000);
  return entry.id;
}

export function dismissNotice(id) {
  setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function engineReady() {
  return getState().engine.status === 'ready';
}
