#!/usr/bin/env bash
# npm start: installs what is missing, builds the engine and the site, and
# serves the app (with the cross-origin isolation headers the threads build
# needs). A first visit loads MovieLens latest-small, shipped with the page (public/movielens/).
# Vite's own flags pass through: npm start -- --port 3000 (PORT=3000 npm start too).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
ensure_wasm
build_site
serve_vite preview "${PORT:-4173}" "$@"
