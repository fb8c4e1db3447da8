// The app lives in web/, static files (demo data, built wasm engines, the
// service worker) in public/. `base: './'` keeps every URL relative, so the
// built site works from any sub-path (GitHub Pages project pages).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Cross-origin isolation: SharedArrayBuffer (wasm threads) needs both headers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: '../public',
  plugins: [preact()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  // Classic (iife) workers: the Emscripten engine is loaded with importScripts.
  worker: { format: 'iife' },
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  test: {
    root: '.',
    include: ['tests/js/**/*.test.js'],
    pool: 'forks',  // the threads build starts worker_threads of its own
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
