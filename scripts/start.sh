#!/usr/bin/env bash
# npm start: installs what is missing, builds the engine and the site, and
# serves the app (with the cross-origin isolation headers the threads build
# needs). A first visit loads the built-in demo set (generated, not real ratings).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
build_wasm
build_site
PORT="${PORT:-4173}"
log "serving the app at http://localhost:$PORT/  (Ctrl+C to stop)"
cd "$ROOT" && exec npx vite preview --port "$PORT" --strictPort --host
