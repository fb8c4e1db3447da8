// Loads a WebAssembly build of the engine under Node, as the worker does in
// the browser (public/engine/, built by scripts/lib.sh build_wasm).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const ENGINE_DIR = path.resolve(import.meta.dirname, '../../../public/engine');

export async function loadEngine(variant, threads = 1) {
  const create = require(path.join(ENGINE_DIR, `als_engine_${variant}.js`));
  const module = await create({
    // Emscripten 3.1.6 would fetch() a file path under Node 18+: hand it the bytes.
    wasmBinary: fs.readFileSync(path.join(ENGINE_DIR, `als_engine_${variant}.wasm`)),
    locateFile: (file) => path.join(ENGINE_DIR, file),
    pthreadPoolSize: Math.max(1, threads - 1),
  });
  module.useThreads(variant === 'threads' ? threads : 1);
  return module;
}

// A File from a path on disk (Node 20 has File and Blob).
export function fileFrom(filePath, name = path.basename(filePath)) {
  return new File([fs.readFileSync(filePath)], name);
}

export function fileOf(name, text) {
  return new File([text], name);
}
