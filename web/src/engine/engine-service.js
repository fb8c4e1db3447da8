// The engine side of the protocol (see protocol.js), independent of how
// messages travel: the web worker plugs it onto postMessage, the tests call
// handle() directly under Node. It owns the wasm Engine, streams files into
// it chunk by chunk, and runs long work in slices so that cancel messages
// get through between them.
import { EngineFault, FaultKind, LONG_METHODS } from './protocol.js';
import { listEntries, topFolder } from './data-sources.js';
import { ZipError } from './zip-archive.js';

const SLICE_SECONDS = 0.05;

// Lets queued messages (cancel, quick queries) run between slices of work.
// A MessageChannel round trip is immediate where setTimeout(0) is clamped to
// 4 ms; every few yields a real timer also lets timers run (Node drains a
// port's messages before it looks at timers).
function makeYield() {
  const timer = () => new Promise((resolve) => setTimeout(resolve, 0));
  if (typeof MessageChannel === 'undefined') return timer;
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  channel.port1.unref?.();
  channel.port2.unref?.();
  let count = 0;
  return () => {
    if (++count % 8 === 0) return timer();
    return new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
  };
}

// Engine results carry {error} instead of throwing (see cpp/wasm/bindings.cpp).
function unwrap(result) {
  if (result && result.error !== undefined) {
    throw new EngineFault({
      kind: result.outOfMemory ? FaultKind.memory : result.file !== undefined ? FaultKind.input : FaultKind.engine,
      message: result.error,
      file: result.file || undefined,
      line: result.line || undefined,
    });
  }
  return result;
}

function cancelled() {
  return new EngineFault({ kind: FaultKind.cancelled, message: 'cancelled' });
}

export function createEngineService({ module, post, info }) {
  const engine = new module.Engine();
  const nextTick = makeYield();
  const jobs = new Map();   // id -> { cancelled }
  let exclusive = Promise.resolve();  // long and state-changing calls run one at a time

  function checkCancelled(job) {
    if (job.cancelled) throw cancelled();
  }

  async function feedEntry(entry, job, progress) {
    unwrap(engine.beginFile(entry.name));
    for await (const chunk of entry.read()) {
      checkCancelled(job);
      for (let at = 0; at < chunk.length; at += 1 << 22) {
        const part = chunk.subarray(at, Math.min(chunk.length, at + (1 << 22)));
        unwrap(engine.chunkBuffer(part.length)).set(part);
        unwrap(engine.feedChunk(part.length));
      }
      progress.bytesDone += chunk.length;
      post({ id: job.id, progress: { phase: 'reading', file: entry.name, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal } });
      await nextTick();
    }
    return unwrap(engine.endFile());
  }

  // Files dropped by the visitor (File objects, zips, folders) -> a new data set.
  async function loadFiles({ files, strict = false, folder }, job) {
    let entries;
    try {
      entries = await listEntries(files);
    } catch (e) {
      if (e instanceof ZipError) throw new EngineFault({ kind: FaultKind.input, message: e.message });
      throw e;
    }
    if (entries.length === 0) throw new EngineFault({ kind: FaultKind.input, message: 'no files given' });
    for (const e of entries) e.kind = unwrap(engine.detectFile(e.name, ''));
    // Several data sets in one drop (e.g. ml-100k and ml-1m folders): ask which.
    const ratingFolders = [...new Set(entries.filter((e) => e.kind.role === 'ratings').map((e) => topFolder(e.name)))];
    if (ratingFolders.length > 1 && folder === undefined) return { chooseFolder: ratingFolders };
    const chosen = folder === undefined ? entries : entries.filter((e) => topFolder(e.name) === folder);
    const wanted = chosen.filter((e) => e.kind.role !== 'ignored');
    const bytesTotal = wanted.reduce((sum, e) => sum + e.size, 0);

    // Refuse up front what would not fit next to the data and model held now.
    const ratings = wanted.filter((e) => e.kind.role !== 'titles');
    const titlesBytes = wanted.filter((e) => e.kind.role === 'titles').reduce((sum, e) => sum + e.size, 0);
    const format = ratings.find((e) => e.kind.role === 'ratings')?.kind.format ?? 'user,item,value ratings';
    const memory = unwrap(engine.checkLoad(ratings.reduce((sum, e) => sum + e.size, 0), format, titlesBytes));
    if (!memory.fits) throw new EngineFault({ kind: FaultKind.memory, message: `${ratings.map((e) => e.name).join(', ')}: ${memory.message}` });

    unwrap(engine.beginLoad(strict));
    const progress = { bytesDone: 0, bytesTotal };
    try {
      for (const entry of chosen) {
        if (entry.kind.role === 'ignored') {
          // Reported (with the reason) but never read or inflated.
          unwrap(engine.beginFile(entry.name));
          unwrap(engine.endFile());
          continue;
        }
        try {
          await feedEntry(entry, job, progress);
        } catch (e) {
          if (e instanceof ZipError) throw new EngineFault({ kind: FaultKind.input, message: e.message, file: entry.name });
          throw e;
        }
      }
      checkCancelled(job);
      post({ id: job.id, progress: { phase: 'preparing', bytesDone: progress.bytesDone, bytesTotal } });
      await nextTick();
      return unwrap(engine.finishLoad());
    } catch (e) {
      engine.cancelLoad();  // the previous data set stays
      throw e;
    }
  }

  async function loadDemo({ baseUrl }, job) {
    const files = [];
    for (const name of ['ratings.csv', 'movies.csv']) {
      const response = await fetch(new URL(`demo/${name}`, baseUrl));
      if (!response.ok) throw new EngineFault({ kind: FaultKind.engine, message: `the demo data set is missing (${name}: HTTP ${response.status})` });
      const blob = await response.blob();
      files.push(Object.assign(blob, { name: `demo/${name}` }));
    }
    return { ...(await loadFiles({ files }, job)), demo: true };
  }

  // A stepped run (training or evaluation): advance slices, report, yield.
  async function runSlices(job, advance, cancel) {
    for (;;) {
      if (job.cancelled) {
        cancel();
        throw cancelled();
      }
      const step = unwrap(advance(SLICE_SECONDS));
      post({ id: job.id, progress: { phase: 'training', ...step } });
      if (step.done) return step;
      await nextTick();
    }
  }

  async function train({ config, favorites }, job) {
    const started = unwrap(engine.startTraining(config, favorites?.items ?? null, favorites?.values ?? null));
    post({ id: job.id, progress: { phase: 'training', iterationsDone: 0, iterations: config.iterations, fraction: 0, seconds: 0, loss: new Float64Array(0), threads: started.threads } });
    const last = await runSlices(job, (s) => engine.advanceTraining(s), () => engine.cancelTraining());
    return { ...unwrap(engine.modelInfo()), progress: last };
  }

  async function evaluate({ config, testFraction = 0.2, k = 10, seed = 1 }, job) {
    unwrap(engine.startEvaluation(config, testFraction, k, seed));
    return runSlices(job, (s) => engine.advanceEvaluation(s), () => engine.cancelEvaluation());
  }

  // Searches settings on a validation split (the engine's time or iteration
  // budget), then compares tuned, tutorial and popularity on the test split.
  // Each progress message carries the trials finished since the last one;
  // the answer carries them all. Cancel drops the run; the model stays.
  async function tune({ config, budgetSeconds = 30, budgetIterations = 0, metric = 'precision', k = 10, testFraction = 0.2, splitSeed }, job) {
    const started = unwrap(engine.startTuning({ config, budgetSeconds, budgetIterations, metric, k, testFraction, splitSeed: splitSeed ?? config.seed ?? 42 }));
    const sizes = { ...started };
    delete sizes.ok;
    post({ id: job.id, progress: { phase: 'searching', fraction: 0, seconds: 0, trials: [], ...sizes } });
    const trials = [];
    for (;;) {
      if (job.cancelled) {
        engine.cancelTuning();
        throw cancelled();
      }
      const step = unwrap(engine.advanceTuning(SLICE_SECONDS));
      trials.push(...step.trials);
      post({ id: job.id, progress: step });
      if (step.done) return { ...step, ...sizes, trials };
      await nextTick();
    }
  }

  const methods = {
    info: () => info,
    memory: () => ({ heapBytes: module.memoryBytes() }),  // the wasm heap never shrinks: its size is its peak
    loadFiles,
    loadDemo,
    train,
    evaluate,
    tune,
    prepare: (options) => unwrap(engine.prepare(options)),
    dataSummary: () => unwrap(engine.dataSummary()),
    modelInfo: () => unwrap(engine.modelInfo()),
    itemTable: () => unwrap(engine.itemTable()),
    recommend: ({ items, values, count = 10, candidates = null }) => unwrap(engine.recommend(items, values, count, candidates)),
    similarItems: ({ item, count = 10 }) => unwrap(engine.similarItems(item, count)),
    similarUsers: ({ user, count = 10 }) => unwrap(engine.similarUsers(user, count)),
    predictedPreference: ({ items, values, item }) => unwrap(engine.predictedPreference(items, values, item)),
    explain: ({ items, values, item }) => unwrap(engine.explain(items, values, item)),
    popular: ({ count = 50, exclude = null }) => unwrap(engine.popular(count, exclude)),
    embeddingMap: () => unwrap(engine.embeddingMap()),
    factorMatrix: ({ which = 'items' } = {}) => unwrap(engine.factorMatrix(which)),
    saveModel: ({ includeInteractions = true } = {}) => unwrap(engine.saveModel(includeInteractions)),
    loadModel: ({ bytes }) => unwrap(engine.loadModel(bytes)),
  };
  // These change what the engine holds: one at a time, in order of arrival.
  const exclusiveMethods = new Set([...LONG_METHODS, 'prepare', 'loadModel']);

  async function run(id, method, args) {
    const job = { id, cancelled: false };
    jobs.set(id, job);
    try {
      const fn = methods[method];
      if (!fn) throw new EngineFault({ kind: FaultKind.engine, message: `unknown method ${method}` });
      return await fn(args ?? {}, job);
    } finally {
      jobs.delete(id);
    }
  }

  function transferablesOf(result) {
    const out = [];
    for (const v of Object.values(result ?? {})) if (ArrayBuffer.isView(v)) out.push(v.buffer);
    return out;
  }

  async function handle(message) {
    if (message.cancel !== undefined) {
      const job = jobs.get(message.cancel);
      if (job) job.cancelled = true;
      else pendingCancels.add(message.cancel);
      return;
    }
    const { id, method, args } = message;
    let work;
    if (exclusiveMethods.has(method)) {
      work = exclusive.then(() => {
        if (pendingCancels.delete(id)) throw cancelled();
        return run(id, method, args);
      });
      exclusive = work.catch(() => {});
    } else {
      work = run(id, method, args);
    }
    try {
      const result = await work;
      post({ id, result }, transferablesOf(result));
    } catch (e) {
      const fault = e instanceof EngineFault ? e
        : new EngineFault({ kind: FaultKind.engine, message: e?.message || String(e) });
      post({ id, error: fault.toJSON() });
    }
  }
  const pendingCancels = new Set();  // cancels for calls still waiting in the queue

  return { handle };
}
