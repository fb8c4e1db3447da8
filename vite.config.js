// The app lives in web/, static files (demo data, built wasm engines, the
// service worker) in public/. `base: './'` keeps every URL relative, so the
// built site works from any sub-path (GitHub Pages project pages).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Emits dist/sw.js from web/src/offline/service-worker.js with the list of
// every file of the build (the offline copy) and a build id from their
// contents, so a new build replaces the old copy.
function serviceWorker() {
  let outDir;
  return {
    name: 'als-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const files = [];
      const hash = createHash('sha256');
      const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.name !== 'sw.js' && entry.name !== 'package.json') {
            files.push(path.relative(outDir, full).split(path.sep).join('/'));
            hash.update(files.at(-1)).update(fs.readFileSync(full));
          }
        }
      };
      walk(outDir);
      const precache = ['./', ...files.filter((f) => f !== 'index.html')];
      const source = fs
        .readFileSync(path.resolve(import.meta.dirname, 'web/src/offline/service-worker.js'), 'utf8')
        .replace('__BUILD_ID__', hash.digest('hex').slice(0, 12))
        .replace('__PRECACHE__', JSON.stringify(precache, null, 2));
      fs.writeFileSync(path.join(outDir, 'sw.js'), source);
    },
  };
}

// `npm run dev` only: the dev server serves the wasm engine from public/engine/
// (built by scripts/dev.sh). When a C++ source changes, this rebuilds it
// (incrementally, scripts/lib.sh build_wasm) and reloads the page; a failed
// build shows the compiler's message in Vite's error overlay.
function rebuildWasmOnCppChange() {
  return {
    name: 'als-rebuild-wasm',
    apply: 'serve',
    configureServer(server) {
      const root = import.meta.dirname;
      if (!fs.existsSync(path.join(root, 'public/engine/als_engine_threads.wasm'))) {
        server.config.logger.warn(
          'public/engine/ has no wasm engine: start with `npm run dev` (it builds it) or run `npm run build` once.',
        );
      }
      if (process.env.ALS_WATCH_CPP === '0') return;
      const cpp = path.join(root, 'cpp');
      server.watcher.add(cpp);
      let timer = null;
      let building = null;
      let again = false;
      const build = () => {
        if (building) {
          again = true;
          return;
        }
        server.config.logger.info('C++ changed: rebuilding the wasm engine…', { timestamp: true });
        building = spawn('bash', ['-c', 'source scripts/lib.sh && build_wasm'], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        building.stdout.on('data', (d) => {
          output += d;
        });
        building.stderr.on('data', (d) => {
          output += d;
        });
        building.on('close', (code) => {
          building = null;
          if (code === 0) {
            server.config.logger.info('wasm engine rebuilt: reloading the page', { timestamp: true });
            server.ws.send({ type: 'full-reload' });
          } else {
            // The compiler's diagnostics (file:line:col: error: …, and the source line after each), once each.
            const lines = output.split('\n');
            const diagnostics = new Set();
            lines.forEach((line, k) => {
              if (/:\d+:\d+: (fatal )?error:/.test(line))
                diagnostics.add([line, ...lines.slice(k + 1, k + 3)].join('\n'));
            });
            const message = [...diagnostics].slice(0, 10).join('\n') || output.slice(-4000);
            server.config.logger.error(`wasm build failed:\n${message}`);
            server.ws.send({
              type: 'error',
              err: { message: `The wasm engine did not build:\n${message}`, stack: '' },
            });
          }
          if (again) {
            again = false;
            build();
          }
        });
      };
      server.watcher.on('change', (file) => {
        if (!file.startsWith(cpp + path.sep) || !/\.(cpp|h|cmake|txt)$/.test(file)) return;
        clearTimeout(timer);
        timer = setTimeout(build, 300);
      });
    },
  };
}

// Cross-origin isolation: SharedArrayBuffer (wasm threads) needs both headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: '../public',
  plugins: [preact(), serviceWorker(), rebuildWasmOnCppChange()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  // Module workers, split into chunks: what only some visits need (the Parquet
  // reader for Spark models) loads when first asked for, not with every engine
  // start. The Emscripten glue, a classic script, is run by engine-loader.js.
  worker: { format: 'es' },
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  test: {
    root: '.',
    include: ['tests/js/**/*.test.js'],
    pool: 'forks', // the threads build starts worker_threads of its own
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
