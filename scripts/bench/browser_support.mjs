// What the browser stages share: the built site (dist/) served by `vite
// preview` and Debian's Chromium driven by playwright-core, both from the
// browser tests' support (tests/browser/support/), plus the measuring that is
// bench-only: the CPU time and peak memory of the Chromium processes this
// process started (/proc), and in-page helpers that time engine calls with the
// page's own clock (so Playwright's round trips are never in a measurement).
import { readdirSync, readFileSync } from 'node:fs';

import { launchBrowser, startServer } from '../../tests/browser/support/browser.mjs';

// The tests' openPage: a fresh context (own storage and cache), init and beforeGoto hooks.
export { openPage } from '../../tests/browser/support/browser.mjs';

// A server (isolated or not) and a browser for the length of fn; both are
// closed whatever happens, so no Chromium is left behind.
export async function withBrowser(fn, { isolated = true, alsoUnisolated = false } = {}) {
  const servers = {};
  let browser = null;
  try {
    servers.isolated = isolated || alsoUnisolated ? await startServer({ isolated: true }) : null;
    servers.unisolated = !isolated || alsoUnisolated ? await startServer({ isolated: false }) : null;
    browser = await launchBrowser();
    return await fn({ browser, servers, url: (isolated ? servers.isolated : servers.unisolated).url });
  } finally {
    await browser?.close().catch(() => {});
    for (const server of Object.values(servers)) await server?.close().catch(() => {});
  }
}

// Rejects after ms (the page call itself goes on until the browser is closed).
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- the processes this one started (Chromium and its renderers) ----

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTable() {
  const table = new Map();
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

// This process and every process below it.
function processTree(table = processTable(), root = process.pid) {
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const tree = [root];
  for (let k = 0; k < tree.length; k++) tree.push(...(children.get(tree[k]) ?? []));
  return tree;
}

function machineBusySeconds() {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

function treeSeconds() {
  const table = processTable();
  let ticks = 0;
  for (const pid of processTree(table)) ticks += table.get(pid)?.ticks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

// As stats.mjs's cpuMeter, for this process and its children (Chromium, its
// renderer with the engine worker and its pthreads): share() = the cores
// they kept busy, and the cores every other process took meanwhile.
export function treeCpuMeter() {
  const own = treeSeconds();
  const machine = machineBusySeconds();
  const start = performance.now();
  return () => {
    const wall = (performance.now() - start) / 1000;
    const ownSeconds = treeSeconds() - own;
    return { cores: ownSeconds / wall, otherCores: Math.max(0, machineBusySeconds() - machine - ownSeconds) / wall };
  };
}

// The largest peak resident size (VmHWM) of the renderer processes under
// this one, in bytes: the tab, its engine worker and the wasm heap.
export function rendererPeakBytes() {
  let peak = 0;
  for (const pid of processTree()) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s*(\d+)/)?.[1]);
      if (kb * 1024 > peak) peak = kb * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return peak || null;
}

// ---- in the page ----

// Waits until the page's first visit is done: the engine is ready, the demo
// is trained and recommendations show. -> client.info ({variant, threads, isolated, simd}).
export async function settledPage(page, { timeout = 180_000 } = {}) {
  await page.getByTestId('recommendation-row').first().waitFor({ timeout });
  await page.waitForFunction(
    () => {
      const s = window.alsMovies?.getState();
      return s && s.model.table && !s.training.running && !s.recommendations.loading && s.data.status === 'ready';
    },
    null,
    { timeout },
  );
  return page.evaluate(() => ({ ...window.alsMovies.client.info }));
}

// Records, in the page, when the next loadFiles call starts, when its
// progress says 'preparing' (every byte read and parsed: finishLoad begins)
// and when it answers; window.__benchLoad = { start, preparing, end, bytes, summary | error }.
export function watchNextLoad(page) {
  return page.evaluate(() => {
    const client = window.alsMovies.client;
    if (!client.__benchOriginalCall) client.__benchOriginalCall = client.call;
    const original = client.__benchOriginalCall;
    window.__benchLoad = null;
    client.call = function call(method, args, options = {}) {
      if (method !== 'loadFiles' || window.__benchLoad) return original.call(this, method, args, options);
      const record = { start: performance.now(), preparing: null, end: null, bytes: 0, summary: null, error: null };
      window.__benchLoad = record;
      const onProgress = (p) => {
        if (p.phase === 'preparing' && record.preparing == null) record.preparing = performance.now();
        if (p.bytesDone) record.bytes = p.bytesDone;
        options.onProgress?.(p);
      };
      const answer = original.call(this, method, args, { ...options, onProgress });
      answer.then(
        (summary) => {
          record.end = performance.now();
          record.summary = summary;
        },
        (error) => {
          record.end = performance.now();
          record.error = error?.message || String(error);
        },
      );
      return answer;
    };
  });
}

// Chooses files through the app's own file input (what a visitor does) and
// waits for the load watched by watchNextLoad to answer -> window.__benchLoad.
export async function loadThroughInput(page, paths, { timeout }) {
  await watchNextLoad(page);
  await page.getByTestId('data-file-input').setInputFiles(paths);
  await page.waitForFunction(() => window.__benchLoad?.end != null, null, { timeout, polling: 250 });
  const record = await page.evaluate(() => {
    const { start, preparing, end, bytes, error, summary } = window.__benchLoad;
    return { start, preparing, end, bytes, error, summary: summary && { ...summary } };
  });
  if (record.error) throw new Error(`loading ${paths.join(', ')} failed in the page: ${record.error}`);
  // A data set small enough trains by itself once loaded (the page's rule):
  // let that finish, so that nothing timed next waits behind it.
  await page.waitForFunction(() => !window.alsMovies.getState().training.running, null, { timeout, polling: 250 });
  return record;
}

// Files the page can read, without a round trip through Playwright: a
// detached <input type=file> given local paths (Chromium reads them from disk).
export async function filesInPage(page, paths) {
  const input = await page.evaluateHandle(() => {
    const element = document.createElement('input');
    element.type = 'file';
    element.multiple = true;
    return element;
  });
  await input.setInputFiles(paths);
  return input;
}

// client.call(method, args) timed in the page (ms, worker round trip included).
export function timedCall(page, method, args) {
  return page.evaluate(
    async ({ method, args }) => {
      const start = performance.now();
      const result = await window.alsMovies.client.call(method, args);
      const ms = performance.now() - start;
      if (method === 'train') {
        const { threads, iterationsDone } = result.progress ?? {};
        const { users, items, interactions, factors, iterations, trainingSeconds } = result;
        return {
          ms,
          result: { threads, iterationsDone, users, items, interactions, factors, iterations, trainingSeconds },
        };
      }
      if (method === 'prepare' || method === 'loadFiles') {
        const { keptRatings, rawRatings, users, items, duplicatesMerged } = result;
        return { ms, result: { keptRatings, rawRatings, users, items, duplicatesMerged } };
      }
      return { ms, result };
    },
    { method, args },
  );
}

// For builds whose worker has no 'memory' call yet: serves the engine
// scripts with a 3-line wrapper around their factory that keeps the module
// instance as self.__benchModule in the engine worker, so wasmHeap() can read
// the size of its WebAssembly.Memory there. Requests a service worker answers
// are not routed: open the page with serviceWorkers: 'block'.
export async function exposeEngineModule(context) {
  await context.route(/\/engine\/als_engine_(threads|simd)\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = `${await response.text()}
;(function () {
  var factory = self.createAlsEngine;
  if (typeof factory !== 'function') return;
  self.createAlsEngine = function (options) {
    return factory(options).then(function (module) { if (!self.__benchModule) self.__benchModule = module; return module; });
  };
})();
`;
    await route.fulfill({ response, body });
  });
}

async function heapFromWorker(page) {
  for (const worker of page.workers()) {
    if (!/engine-worker/.test(worker.url())) continue;
    return withTimeout(
      worker.evaluate(() => {
        const module = self.__benchModule;
        if (!module) return null;
        const memory =
          module.wasmMemory || Object.values(module.asm || {}).find((v) => v instanceof WebAssembly.Memory);
        return memory ? memory.buffer.byteLength : null;
      }),
      30_000,
      'reading the heap size in the engine worker',
    );
  }
  return null;
}

// The wasm heap size (its peak: it never shrinks), or why it is not known:
// client.call('memory'), else (an older build) the engine worker's memory as
// exposeEngineModule() lets the bench read it. -> { bytes, via } | { bytes: null, error }
export async function wasmHeap(page) {
  const answer = await page.evaluate(async () => {
    try {
      const { heapBytes } = await window.alsMovies.client.call('memory');
      return { bytes: heapBytes, via: "client.call('memory')" };
    } catch (e) {
      return { bytes: null, error: e?.message || String(e) };
    }
  });
  if (answer.bytes) return answer;
  const bytes = await heapFromWorker(page).catch(() => null);
  if (bytes) return { bytes, via: `the engine worker's WebAssembly.Memory (this build: ${answer.error})` };
  return answer;
}

export const GiB = 2 ** 30;
export const gib = (bytes) => `${(bytes / GiB).toFixed(2)} GiB`;
