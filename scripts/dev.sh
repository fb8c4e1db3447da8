#!/usr/bin/env bash
# npm run dev: the Vite dev server with hot reload of the UI and a working
# engine worker (threads build, COOP/COEP headers). The wasm engine is built
# here first (incrementally); while the server runs, a change under cpp/
# rebuilds it and reloads the page (see rebuildWasmOnCppChange in vite.config.js).
# Vite's own flags pass through: npm run dev -- --port 3000 --host 127.0.0.1
# (PORT=3000 npm run dev works too).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
ensure_wasm
serve_vite dev "${PORT:-5173}" "$@"
