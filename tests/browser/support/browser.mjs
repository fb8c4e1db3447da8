// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and
// the built site (dist/) served by `vite preview` — with or without the
// cross-origin isolation headers.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { createServer, preview } from 'vite';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags that keep Chromium from calling home on a closed network.
const QUIET_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-sandbox',
  '--disable-dev-shm-usage',
];

export async function startServer({ isolated = true } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'dist/index.html'))) throw new Error('dist/ is missing: run the site build first');
  const server = await preview({
    configFile: path.join(ROOT, 'vite.config.js'),
    logLevel: 'error',
    // Without isolation: override the config's headers (merged, so not removable) with their defaults.
    preview: {
      port: 0,
      strictPort: false,
      open: false,
      ...(isolated
        ? {}
        : { headers: { 'Cross-Origin-Opener-Policy': 'unsafe-none', 'Cross-Origin-Embedder-Policy': 'unsafe-none' } }),
    },
  });
  const url = server.resolvedUrls.local[0];
  // Every request that reaches this server (what "went out to the network" means for a local site).
  const served = [];
  server.httpServer.on('request', (req) => served.push(req.url));
  return {
    url,
    served,
    close: () =>
      new Promise((resolve) => {
        server.httpServer.closeAllConnections?.();
        server.httpServer.close(resolve);
      }),
  };
}

// The Vite dev server (`npm run dev`) on the sources in web/, with the wasm
// engine from public/engine/ (the C++ watcher stays off in tests).
export async function startDevServer() {
  if (!fs.existsSync(path.join(ROOT, 'public/engine/als_engine_threads.wasm')))
    throw new Error('public/engine/ is missing: build the wasm engine first');
  process.env.ALS_WATCH_CPP = '0';
  const server = await createServer({
    configFile: path.join(ROOT, 'vite.config.js'),
    logLevel: 'error',
    server: { port: 0, strictPort: false, open: false },
  });
  await server.listen();
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: QUIET_FLAGS, headless: true });
}

// A fresh context (own storage); serviceWorkers: 'block' keeps the page from
// isolating itself through sw.js (to test the single-threaded fallback).
// init: a script (function or source) run in every page before its own
// scripts, e.g. to record when something first appears; beforeGoto(context):
// anything else to set up before the page loads (e.g. routing requests).
// demo: the shipped data set a first visit loads (web/src/engine/demo-sets.js):
// the generated one by default (the suite's tests are written against its
// invented titles), null for the page's own default (MovieLens latest-small).
export async function openPage(
  browser,
  url,
  { serviceWorkers = 'allow', acceptDownloads = true, init, beforeGoto, demo = 'generated' } = {},
) {
  const context = await browser.newContext({
    serviceWorkers,
    acceptDownloads,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  if (init) await context.addInitScript(init);
  if (beforeGoto) await beforeGoto(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(demo ? withDemoSet(url, demo) : url);
  return { context, page, errors };
}

export function withDemoSet(url, demo) {
  const u = new URL(url);
  u.searchParams.set('demo', demo);
  return u.href;
}

// Every network request the context makes from now on (not blob:/data:).
export function recordRequests(context) {
  const requests = [];
  const onRequest = (r) => {
    const u = r.url();
    if (!u.startsWith('blob:') && !u.startsWith('data:')) requests.push(u);
  };
  context.on('request', onRequest);
  return { requests, stop: () => context.off('request', onRequest) };
}

// A page (the whole page) or a locator (that element), as test-results/screenshots/<name>.png.
export async function screenshot(target, name, { fullPage = true } = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (typeof target.goto === 'function') {
    if (!fullPage) await target.evaluate(() => window.scrollTo(0, 0)); // the window's top: header, badge, banner
    await target.screenshot({ path: file, fullPage });
  }
  // An element: the sticky step bar would lie across it once scrolled, so it
  // stays out of the picture of one section (alerts are in the flow, shown).
  else await target.screenshot({ path: file, style: '.step-nav { position: static !important; }' });
  return file;
}

// One server and one browser for a test file: started before its tests,
// stopped after. Returns { server, browser }, filled in once started.
export function serveAndBrowse(serverOptions, { dev = false } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = dev ? await startDevServer() : await startServer(serverOptions);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
