// Picks and loads the best engine build this page can run (in the worker):
// threads + SIMD when the page is cross-origin isolated (SharedArrayBuffer),
// else SIMD on one thread. Both need WebAssembly SIMD.

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), as wasm-feature-detect.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function supportsSimd() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function canUseThreads() {
  return Boolean(self.crossOriginIsolated) && typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined';
}

// A module worker (the engine worker is one: web/src/app/engine.js) has an
// importScripts that throws. The Emscripten glue is a classic script that
// takes `typeof importScripts === 'function'` to mean "I am in a worker", so
// there it is replaced by one that fetches the script synchronously and runs
// it in the global scope, as importScripts would. The glue's own thread
// workers are classic workers and keep the real one.
function importScriptsInModuleWorker(...urls) {
  for (const url of urls) {
    const request = new XMLHttpRequest();
    request.open('GET', url, false);
    request.send();
    if (request.status !== 200) throw new Error(`could not load ${url} (HTTP ${request.status})`);
    (0, eval)(`${request.responseText}\n//# sourceURL=${url}`);
  }
}

function loadClassicScript(url) {
  try {
    self.importScripts(url);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e; // "Module scripts don't support importScripts()"
    self.importScripts = importScriptsInModuleWorker;
    self.importScripts(url);
  }
}

// timings: filled with how long the glue script and the module took (ms).
async function instantiate(engineBase, variant, threads, onAbort, timings = {}) {
  const script = `${engineBase}als_engine_${variant}.js`;
  const start = performance.now();
  loadClassicScript(script);
  timings.glueMs = performance.now() - start;
  const module = await self.createAlsEngine({
    locateFile: (path) => engineBase + path,
    mainScriptUrlOrBlob: script,
    pthreadPoolSize: Math.max(1, threads - 1),
    onAbort,
  });
  timings.moduleMs = performance.now() - start - timings.glueMs; // fetch, compile, instantiate, the thread pool's workers
  module.useThreads(variant === 'threads' ? threads : 1);
  return module;
}

// threads: how many the page wants (from navigator.hardwareConcurrency).
export async function loadEngineModule({ engineBase, threads, onAbort }) {
  if (!supportsSimd()) {
    throw new Error(
      'this browser does not support WebAssembly SIMD, which the engine needs (Chrome 91+, Firefox 89+, Safari 16.4+)',
    );
  }
  const isolated = Boolean(self.crossOriginIsolated);
  let variant = canUseThreads() && threads > 1 ? 'threads' : 'simd';
  let module;
  // When the worker got going and how long the engine took to start (for the benchmark's phases).
  const startup = { timeOrigin: performance.timeOrigin, workerStartedMs: performance.now() };
  try {
    module = await instantiate(engineBase, variant, threads, onAbort, startup);
  } catch (e) {
    if (variant !== 'threads') throw e;
    variant = 'simd'; // threads were promised but could not start: one thread it is
    module = await instantiate(engineBase, variant, 1, onAbort, startup);
  }
  const build = module.buildInfo();
  return { module, info: { variant, simd: build.simd, threads: build.threads, isolated, startup } };
}
