// The engine side of the protocol (see protocol.js), independent of how
// messages travel: the web worker plugs it onto postMessage, the tests call
// handle() directly under Node. It owns the wasm Engine, streams files into
// it chunk by chunk, and runs long work in slices so that cancel messages
// get through between them.
import { EngineFault, FaultKind, LONG_METHODS } from './protocol.js';
import { entryChunks, listEntries, openSource, topFolder } from './data-sources.js';
import { ZipError, checkEntry } from './zip-archive.js';
import { demoFiles } from './demo-files.js';
import {
  ModelFormatError,
  SPARK_DEFAULTS,
  modelKind,
  npyMembers,
  readSparkModel,
  sparkModelFiles,
} from './foreign-models.js';
import { zipSync } from 'fflate';

const SLICE_SECONDS = 0.05;
// Bytes copied into the heap and parsed per feedChunk call.
const FEED_BYTES = 4 << 20;

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
  if (result && result.cancelled === true) throw cancelled(); // stopped at a checkpoint (see cancelSlots)
  if (result && result.error !== undefined) {
    throw new EngineFault({
      kind: result.outOfMemory
        ? FaultKind.memory
        : result.file !== undefined || result.untrainable
          ? FaultKind.input
          : FaultKind.engine,
      message: result.error,
      file: result.file || undefined,
      line: result.line || undefined,
      hint: result.thresholdHelps ? 'threshold' : undefined,
      code: result.code, // fault.<code> in the i18n tables (memory, untrainable, model file)
      params: result.params,
    });
  }
  return result;
}

function cancelled() {
  return new EngineFault({ kind: FaultKind.cancelled, message: 'cancelled' });
}

// A zip the reader refused (zip-archive.js, maybe thrown in the source
// worker) -> an input fault that keeps its code and values for the UI.
function zipFault(e, file) {
  if (e?.name !== 'ZipError') return e;
  return new EngineFault({
    kind: e.code === 'zipTooBig' ? FaultKind.memory : FaultKind.input,
    message: e.message,
    file: e.entry ?? file,
    code: e.code,
    params: e.params,
  });
}

// One call being worked on. Any method can be cancelled the same way: long
// work checks job.check() between its slices, and awaits what may take long
// through job.race(), which gives up as soon as the cancel arrives.
class Job {
  constructor(id) {
    this.id = id;
    this.cancelled = false;
    this.whenCancelled = new Promise((resolve) => {
      this.resolveCancel = resolve;
    });
  }
  cancel() {
    this.cancelled = true;
    this.resolveCancel();
  }
  check() {
    if (this.cancelled) throw cancelled();
  }
  async race(promise) {
    const gaveUp = {};
    const outcome = await Promise.race([promise, this.whenCancelled.then(() => gaveUp)]);
    if (outcome === gaveUp) {
      Promise.resolve(promise).catch(() => {}); // what it would have said no longer matters
      throw cancelled();
    }
    return outcome;
  }
}

// The engine's two cancel slots (cpp/core/cancellation.h) as the page's main
// thread can write them while this worker is busy inside one long wasm call:
// { buffer: SharedArrayBuffer, index } in the threads build, else null (the
// single-threaded build's memory cannot be shared: it stops between slices only).
function cancelSlotsOf(module) {
  if (typeof module.cancelSlotsAddress !== 'function') return null;
  const memory = module.wasmMemory ?? Object.values(module.asm ?? {}).find((v) => v instanceof WebAssembly.Memory);
  const buffer = memory?.buffer;
  if (typeof SharedArrayBuffer === 'undefined' || !(buffer instanceof SharedArrayBuffer)) return null;
  return { buffer, index: module.cancelSlotsAddress() / 4 };
}

export function createEngineService({ module, post, info }) {
  const engine = new module.Engine();
  const cancelSlots = cancelSlotsOf(module);
  const nextTick = makeYield();
  const jobs = new Map(); // id -> Job
  let exclusive = Promise.resolve(); // long and state-changing calls run one at a time

  // Copies a chunk into the heap and parses it, in parts the heap buffer
  // holds; times the two (loadFiles' answer reports them: JS overhead vs parser).
  function feedBytes(chunk, timing) {
    for (let at = 0; at < chunk.length; at += FEED_BYTES) {
      const part =
        at === 0 && chunk.length <= FEED_BYTES ? chunk : chunk.subarray(at, Math.min(chunk.length, at + FEED_BYTES));
      const t0 = performance.now();
      unwrap(engine.chunkBuffer(part.length)).set(part);
      const t1 = performance.now();
      unwrap(engine.feedChunk(part.length));
      timing.copyMs += t1 - t0;
      timing.parseMs += performance.now() - t1;
    }
  }

  async function feedEntry(entry, job, progress, timing) {
    unwrap(engine.beginFile(entry.name));
    unwrap(engine.expectFileBytes(entry.size)); // room for its ratings at once (no copies as they grow)
    const source = openSource(entry.source);
    try {
      let entryDone = 0;
      for (;;) {
        const t0 = performance.now();
        const chunk = await job.race(source.next());
        timing.waitMs += performance.now() - t0;
        if (chunk === null) {
          timing.sourceMs += source.busyMs?.() ?? 0;
          break;
        }
        job.check();
        feedBytes(chunk, timing);
        timing.chunks += 1;
        entryDone += chunk.length;
        progress.bytesDone += chunk.length;
        post({
          id: job.id,
          progress: {
            ...progress.where,
            phase: 'reading',
            entryDone,
            bytesDone: progress.bytesDone,
            bytesTotal: progress.bytesTotal,
          },
        });
        const t1 = performance.now();
        await nextTick();
        timing.yieldMs += performance.now() - t1;
      }
    } catch (e) {
      throw zipFault(e, entry.name);
    } finally {
      source.stop();
    }
    return unwrap(engine.endFile());
  }

  // Files dropped by the visitor (File objects, zips, folders) -> a new data set.
  // inflater ('stream' | 'fflate'): which inflates zip entries (default: the browser's, where it has one).
  // prepare: {useThreshold, minValue, binary} over the format's defaults (loading
  // files again that were refused for the threshold).
  async function loadFiles({ files, strict = false, folder, inflater, prepare = null }, job) {
    const started = performance.now();
    let entries;
    try {
      entries = await job.race(listEntries(files));
    } catch (e) {
      throw zipFault(e);
    }
    if (entries.length === 0) throw new EngineFault({ kind: FaultKind.input, message: 'no files given' });
    // A zip inside the zip is never opened: refused when nothing else could be read, else left out.
    const nested = entries.filter((e) => e.nested);
    entries = entries.filter((e) => !e.nested);
    if (inflater) for (const e of entries) if (e.source?.kind === 'zip') e.source.inflater = inflater;
    for (const e of entries) e.kind = unwrap(engine.detectFile(e.name, ''));
    if (nested.length && !entries.some((e) => e.kind.role !== 'ignored' && e.kind.role !== 'titles')) {
      const [first] = nested;
      throw new EngineFault({
        kind: FaultKind.input,
        file: first.name,
        code: 'zipNested',
        params: { archive: first.archive, entry: first.name },
        message:
          `${first.archive} holds another zip, ${first.name}, and no data file of its own: zips inside zips are not opened — ` +
          `unzip ${first.archive} first and drop ${first.name.split('/').pop()}`,
      });
    }
    // Several data sets in one drop (e.g. ml-100k and ml-1m folders): ask which.
    const ratingFolders = [...new Set(entries.filter((e) => e.kind.role === 'ratings').map((e) => topFolder(e.name)))];
    if (ratingFolders.length > 1 && folder === undefined) return { chooseFolder: ratingFolders };
    const chosen = folder === undefined ? entries : entries.filter((e) => topFolder(e.name) === folder);
    const wanted = chosen.filter((e) => e.kind.role !== 'ignored');
    const bytesTotal = wanted.reduce((sum, e) => sum + e.size, 0);

    // What a zip's directory says of the entries to read (encrypted, a bomb
    // by its own numbers, too big) is judged before anything is inflated.
    for (const e of wanted) {
      if (e.source?.kind !== 'zip') continue;
      try {
        checkEntry(e.source.entry, { archiveName: e.archive, maxBytes: e.source.maxBytes });
      } catch (error) {
        throw zipFault(error, e.name);
      }
    }
    // Refuse up front what would not fit next to the data and model held now
    // (a zip by the sizes its directory declares: the reader stops any entry
    // that inflates beyond its own).
    const ratings = wanted.filter((e) => e.kind.role !== 'titles');
    const titlesBytes = wanted.filter((e) => e.kind.role === 'titles').reduce((sum, e) => sum + e.size, 0);
    const format = ratings.find((e) => e.kind.role === 'ratings')?.kind.format ?? 'user,item,value ratings';
    const memory = unwrap(
      engine.checkLoad(
        ratings.reduce((sum, e) => sum + e.size, 0),
        format,
        titlesBytes,
      ),
    );
    if (!memory.fits) {
      const files = ratings.map((e) => e.name).join(', ');
      throw new EngineFault({
        kind: FaultKind.memory,
        message: `${files}: ${memory.message}`,
        code: memory.code,
        params: { ...memory.params, files },
      });
    }

    unwrap(engine.beginLoad(strict));
    const progress = { bytesDone: 0, bytesTotal, where: {} };
    // Where the time goes (the benchmark reports it): waiting for the source
    // (reader/inflater), copying into the heap, parsing, yielding, finishLoad;
    // sourceMs: the source worker's own busy time (reading + inflating).
    const timing = { waitMs: 0, copyMs: 0, parseMs: 0, yieldMs: 0, finishMs: 0, sourceMs: 0, chunks: 0, totalMs: 0 };
    try {
      let index = 0;
      for (const entry of chosen) {
        if (entry.kind.role === 'ignored') {
          // Reported (with the reason) but never read or inflated.
          unwrap(engine.beginFile(entry.name));
          unwrap(engine.endFile());
          continue;
        }
        index += 1;
        progress.where = {
          file: entry.name,
          archive: entry.archive,
          fileIndex: index,
          fileCount: wanted.length,
          entryTotal: entry.size,
        };
        await feedEntry(entry, job, progress, timing);
      }
      job.check();
      post({ id: job.id, progress: { phase: 'preparing', bytesDone: progress.bytesDone, bytesTotal } });
      await nextTick();
      job.check();
      const t0 = performance.now();
      // (finishLoad's own steps go with the timing, not with what the data are)
      const { preparePhases, ...summary } = unwrap(engine.finishLoadWith(prepare));
      timing.finishMs = performance.now() - t0;
      timing.preparePhases = preparePhases;
      timing.totalMs = performance.now() - started;
      return { ...summary, skippedArchives: nested.map((e) => e.name), loadTiming: timing };
    } catch (e) {
      engine.cancelLoad(); // the previous data set stays
      throw e;
    }
  }

  // set: engine/demo-sets.js (the page says which; the default otherwise).
  async function loadDemo({ baseUrl, set }, job) {
    let files;
    try {
      files = await demoFiles(baseUrl, set);
    } catch (e) {
      throw new EngineFault({ kind: FaultKind.engine, message: e.message });
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
      // (advance returns after about `seconds` of work: no slice outlasts a cancel by much)
      const step = unwrap(advance(SLICE_SECONDS));
      post({ id: job.id, progress: { phase: 'training', ...step } });
      if (step.done) return step;
      await nextTick();
    }
  }

  async function train({ config, favorites }, job) {
    const started = unwrap(engine.startTraining(config, favorites?.items ?? null, favorites?.values ?? null));
    post({
      id: job.id,
      progress: {
        phase: 'training',
        iterationsDone: 0,
        iterations: config.iterations,
        fraction: 0,
        seconds: 0,
        loss: new Float64Array(0),
        threads: started.threads,
      },
    });
    const last = await runSlices(
      job,
      (s) => engine.advanceTraining(s),
      () => engine.cancelTraining(),
    );
    return { ...unwrap(engine.modelInfo()), progress: last };
  }

  async function evaluate({ config, testFraction = 0.2, k = 10, seed = 1, withCurrentModel = false }, job) {
    unwrap(engine.startEvaluation(config, testFraction, k, seed, withCurrentModel));
    return runSlices(
      job,
      (s) => engine.advanceEvaluation(s),
      () => engine.cancelEvaluation(),
    );
  }

  // Several model kinds on one split, one after another: each model's state,
  // progress and results in every progress event, as soon as they are in.
  async function compare({ models, testFraction = 0.2, k = 10, seed = 1 }, job) {
    post({
      id: job.id,
      progress: { phase: 'comparing', ...unwrap(engine.startComparison(models, testFraction, k, seed)) },
    });
    for (;;) {
      if (job.cancelled) {
        engine.cancelComparison();
        throw cancelled();
      }
      const step = unwrap(engine.advanceComparison(SLICE_SECONDS));
      post({ id: job.id, progress: { phase: 'comparing', ...step } });
      if (step.done) return step;
      await nextTick();
    }
  }

  // ---- models trained elsewhere ----
  function inputFault(e, file) {
    if (e instanceof ModelFormatError)
      return new EngineFault({
        kind: FaultKind.input,
        message: e.message,
        file,
        code: 'import.spark',
        params: { detail: e.message },
      });
    if (e instanceof ZipError) return new EngineFault({ kind: FaultKind.input, message: e.message, file });
    if (e instanceof EngineFault && e.kind === FaultKind.input && !e.file) e.file = file; // the engine's refusal of the model
    return e;
  }

  // What an import answers: the model's info once it answers, or the row
  // conventions to choose from (the members stay staged in the engine).
  function importAnswer(outcome, extra = {}) {
    if (!outcome.adopted) return { chooseRows: outcome.choices, ...extra };
    return {
      ...extra,
      adopted: true,
      fit: outcome.fit,
      usersNotInData: outcome.usersNotInData,
      itemsNotInData: outcome.itemsNotInData,
      info: unwrap(engine.modelInfo()),
    };
  }

  // The members of an implicit .npz straight into the engine's heap, chunk by chunk.
  async function stageNpz(entries, job, progress) {
    const members = npyMembers(entries);
    unwrap(engine.beginImport(members.reduce((sum, e) => sum + e.size, 0)));
    for (const entry of members) {
      unwrap(engine.importBuffer(entry.name, entry.size));
      let at = 0;
      for await (const chunk of entryChunks(entry)) {
        job.check();
        if (at + chunk.length > entry.size)
          throw new EngineFault({ kind: FaultKind.input, message: `${entry.name} is longer than its zip entry says` });
        unwrap(engine.importView(entry.name, at, chunk.length)).set(chunk);
        at += chunk.length;
        progress.bytesDone += chunk.length;
        post({
          id: job.id,
          progress: {
            phase: 'reading',
            file: entry.name,
            bytesDone: progress.bytesDone,
            bytesTotal: progress.bytesTotal,
          },
        });
        await nextTick();
      }
    }
  }

  function stageColumns(columns) {
    unwrap(engine.beginImport(columns.reduce((sum, [, v]) => sum + v.byteLength, 0)));
    for (const [name, values] of columns)
      unwrap(engine.importBuffer(name, values.byteLength)).set(
        new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      );
  }

  // files: an implicit .npz, or a Spark ALSModel folder or zip (with the data
  // it was trained on loaded). rows: 'raw' | 'sorted' | 'first-seen' when the
  // sizes leave a choice; without files, the answer to that question.
  // spark: { alpha, regParam }, which Spark does not save with the model.
  async function importModel({ files, rows = '', spark = {} }, job) {
    if (!files) return importAnswer(unwrap(engine.importImplicit(rows)), { kind: 'implicit' });
    const names = files.map((f) => f.webkitRelativePath || f.relativePath || f.name);
    const name = names.length === 1 ? names[0] : `${names[0].split('/')[0]} (${names.length} files)`;
    let entries;
    try {
      entries = await listEntries(files);
    } catch (e) {
      throw inputFault(e, name);
    }
    const kind = modelKind(entries);
    const progress = { bytesDone: 0, bytesTotal: entries.reduce((sum, e) => sum + e.size, 0) };
    try {
      if (kind === 'implicit') {
        await stageNpz(entries, job, progress);
        return importAnswer(unwrap(engine.importImplicit(rows)), { kind });
      }
      if (kind === 'spark') {
        post({ id: job.id, progress: { phase: 'reading', file: name, bytesDone: 0, bytesTotal: progress.bytesTotal } });
        const model = await readSparkModel(entries);
        job.check();
        const alpha = Number(spark.alpha ?? model.params.alpha ?? SPARK_DEFAULTS.alpha);
        const regParam = Number(spark.regParam ?? model.params.regParam ?? SPARK_DEFAULTS.regParam);
        stageColumns([
          ['userFactors.id', model.users.ids],
          ['userFactors.features', model.users.features],
          ['itemFactors.id', model.items.ids],
          ['itemFactors.features', model.items.features],
        ]);
        const outcome = unwrap(
          engine.importSpark({ rank: model.rank, alpha, regParam, sparkVersion: model.sparkVersion }),
        );
        return importAnswer(outcome, { kind, alpha, regParam, sparkVersion: model.sparkVersion });
      }
    } catch (e) {
      engine.clearImport(); // the previous model stays
      throw inputFault(e, name);
    }
    throw new EngineFault({
      kind: FaultKind.input,
      file: name,
      message: `${name}: not a model this app reads: expected implicit's .npz (user_factors.npy, item_factors.npy) or a Spark ALSModel folder or zip (metadata/, userFactors/, itemFactors/)`,
      code: 'import.unknownKind',
      params: { file: name },
    });
  }

  // here -> implicit (.npz + the ids of its rows) or Spark (a zip of the ALSModel directory).
  async function exportModel({ format = 'implicit' }) {
    const exported = unwrap(engine.exportImplicit());
    if (format === 'implicit') {
      const members = Object.fromEntries(exported.members.map((m) => [m.name, m.bytes]));
      return { bytes: zipSync(members, { level: 0 }), idsCsv: exported.idsCsv, caveat: exported.caveat };
    }
    if (format === 'spark') {
      const factor = (side) => unwrap(engine.factorMatrix(side));
      const users = factor('users'),
        items = factor('items');
      const ids = (side) =>
        exported.idsCsv
          .split('\n')
          .slice(1)
          .filter((l) => l.startsWith(`${side},`))
          .map((l) => l.split(',')[2].replace(/"/g, ''));
      const asInts = (list, side) => {
        const out = Int32Array.from(list, Number);
        list.forEach((id, k) => {
          if (!/^-?\d+$/.test(id) || out[k] !== Number(id))
            throw new EngineFault({
              kind: FaultKind.engine,
              message: `${side} id '${id}' is not an integer: Spark's ALS needs int ids`,
            });
        });
        return out;
      };
      const files = await sparkModelFiles({
        rank: users.factors,
        users: { ids: asInts(ids('user'), 'user'), features: users.values },
        items: { ids: asInts(ids('item'), 'item'), features: items.values },
      });
      return { bytes: zipSync(files, { level: 0 }) };
    }
    throw new EngineFault({ kind: FaultKind.engine, message: `unknown export format ${format}` });
  }

  // Searches settings on a validation split (the engine's time or iteration
  // budget), then compares tuned, tutorial and popularity on the test split.
  // Each progress message carries the trials finished since the last one;
  // the answer carries them all. Cancel drops the run; the model stays.
  async function tune(
    { config, budgetSeconds = 30, budgetIterations = 0, metric = 'precision', k = 10, testFraction = 0.2, splitSeed },
    job,
  ) {
    const started = unwrap(
      engine.startTuning({
        config,
        budgetSeconds,
        budgetIterations,
        metric,
        k,
        testFraction,
        splitSeed: splitSeed ?? config.seed ?? 42,
      }),
    );
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
    memory: () => ({ heapBytes: module.memoryBytes() }), // the wasm heap never shrinks: its size is its peak
    loadFiles,
    loadDemo,
    train,
    evaluate,
    compare,
    modelKinds: () => unwrap(engine.modelKinds()),
    // Between slices of a comparison: skip one model (the others go on).
    skipComparedModel: ({ index }) => unwrap(engine.skipComparedModel(index)),
    comparedRecommendations: ({ index, items, values, count = 10 }) =>
      unwrap(engine.comparedRecommendations(index, items, values, count)),
    comparedSimilar: ({ index, item, count = 10, minSupport = -1 }) =>
      unwrap(engine.comparedSimilar(index, item, count, minSupport)),
    tune,
    prepare: (options) => unwrap(engine.prepare(options)),
    dataSummary: () => unwrap(engine.dataSummary()),
    modelInfo: () => unwrap(engine.modelInfo()),
    itemTable: () => unwrap(engine.itemTable()),
    titleKeys: ({ titles, artists = false }) => unwrap(engine.titleKeys(titles, artists)),
    // minSupport: -1 the model's default rule (cpp/queries/item_support.h), 0 every item, or a minimum.
    recommend: ({ items, values, count = 10, candidates = null, minSupport = -1 }) =>
      unwrap(engine.recommend(items, values, count, candidates, minSupport)),
    similarItems: ({ item, count = 10, minSupport = -1 }) => unwrap(engine.similarItems(item, count, minSupport)),
    similarUsers: ({ user, count = 10 }) => unwrap(engine.similarUsers(user, count)),
    predictedPreference: ({ items, values, item }) => unwrap(engine.predictedPreference(items, values, item)),
    explain: ({ items, values, item }) => unwrap(engine.explain(items, values, item)),
    popular: ({ count = 50, exclude = null }) => unwrap(engine.popular(count, exclude)),
    embeddingMap: () => unwrap(engine.embeddingMap()),
    factorMatrix: ({ which = 'items' } = {}) => unwrap(engine.factorMatrix(which)),
    saveModel: ({ includeInteractions = true } = {}) => unwrap(engine.saveModel(includeInteractions)),
    loadModel: ({ bytes }) => unwrap(engine.loadModel(bytes)),
    importModel,
    exportModel,
  };
  // These change what the engine holds: one at a time, in order of arrival.
  const exclusiveMethods = new Set([...LONG_METHODS, 'prepare', 'loadModel', 'exportModel']);

  async function run(id, method, args) {
    const job = new Job(id);
    jobs.set(id, job);
    // The engine's checkpoints stop the job named here when its cancel slot
    // says so (one exclusive job at a time; quick queries have no checkpoints).
    const long = exclusiveMethods.has(method);
    if (long) module.setRunningJob?.(id);
    try {
      const fn = methods[method];
      if (!fn) throw new EngineFault({ kind: FaultKind.engine, message: `unknown method ${method}` });
      return await fn(args ?? {}, job);
    } finally {
      if (long) module.setRunningJob?.(0);
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
      module.requestCancel?.(message.cancel); // (the page may have written it already)
      if (job) job.cancel();
      else pendingCancels.add(message.cancel);
      return;
    }
    const { id, method, args } = message;
    let work;
    if (exclusiveMethods.has(method)) {
      // Told to wait (a progress event) when another long call holds the engine.
      if (busyWith) post({ id, progress: { phase: 'waiting', behind: busyWith } });
      work = exclusive.then(() => {
        busyWith = method;
        if (pendingCancels.delete(id)) throw cancelled();
        return run(id, method, args);
      });
      exclusive = work
        .catch(() => {})
        .then(() => {
          busyWith = null;
        });
    } else {
      work = run(id, method, args);
    }
    try {
      const result = await work;
      post({ id, result }, transferablesOf(result));
    } catch (e) {
      const fault =
        e instanceof EngineFault ? e : new EngineFault({ kind: FaultKind.engine, message: e?.message || String(e) });
      post({ id, error: fault.toJSON() });
    }
  }
  const pendingCancels = new Set(); // cancels for calls still waiting in the queue
  let busyWith = null; // the exclusive method running now

  return { handle, cancelSlots };
}
