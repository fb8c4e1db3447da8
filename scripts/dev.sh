#!/usr/bin/env bash
# npm run dev: the Vite dev server with hot reload of the UI and a working
# engine worker (threads build, COOP/COEP headers). The wasm engine is built
# here first (incrementally); while the server runs, a change under cpp/
# rebuilds it and reloads the page (see rebuildWasmOnCppChange in vite.config.js).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
build_wasm
PORT="${PORT:-5173}"
log "dev server at http://localhost:$PORT/  (UI hot reload; C++ changes rebuild the engine; Ctrl+C to stop)"
cd "$ROOT" && exec npx vite --port "$PORT" --strictPort --host
