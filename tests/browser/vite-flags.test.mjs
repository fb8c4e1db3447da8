// Issue 23, point 3: Vite's own flags pass through the npm scripts.
// `npm run dev -- --port N --host 127.0.0.1` serves the dev server on port N
// (not 5173) of that interface, and `npm start -- --port M` the built site on
// M (not 4173), with the cross-origin isolation headers either way. Each is
// started as a contributor would, on a port that is free, and its page fetched.
// (ALS_ENGINE_PREBUILT=1 in the environment skips the wasm build: see scripts/lib.sh.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { ROOT } from './support/browser.mjs';

// npm start builds the engine and the site first: minutes on a busy 2-core machine.
const STARTS_WITHIN = 400_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Runs `npm run <script> -- ...args` in its own process group; -> { output(), exited, stop() }.
function npmRun(script, args) {
  const child = spawn('npm', ['run', script, '--', ...args], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, ALS_WATCH_CPP: '0', PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}

// The page at url once the server answers there, or the server's exit (a failure with its output).
async function pageOnceServed(url, run) {
  let gone = false;
  run.exited.then(() => (gone = true));
  for (;;) {
    if (gone) assert.fail(`the server exited before serving ${url}:\n${run.output().slice(-3000)}`);
    try {
      const response = await fetch(url);
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch {
      // not listening yet: ask again once the server has had a moment (its own log says when it listens)
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 250);
        run.exited.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

for (const [script, extra, what] of [
  ['dev', ['--host', '127.0.0.1'], 'the dev server'],
  ['start', [], 'the built site'],
]) {
  test(
    `npm run ${script} -- ${['--port', 'N', ...extra].join(' ')}: ${what} on port N`,
    { timeout: STARTS_WITHIN + 30_000 },
    async () => {
      const port = await freePort();
      const run = npmRun(script, ['--port', String(port), ...extra]);
      try {
        const page = await pageOnceServed(`http://127.0.0.1:${port}/`, run);
        assert.equal(page.status, 200);
        assert.match(page.text, /<div id="app"|<title>/);
        assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
        assert.match(run.output(), new RegExp(`localhost:${port}/`), 'the log names the port it serves');
        if (script === 'dev') assert.match(page.text, /@vite\/client/, 'the dev server, not a built page');
      } finally {
        await run.stop();
      }
    },
  );
}
