#!/usr/bin/env bash
# npm run build: the static site in dist/ (engine builds included), ready for
# any static host or sub-path (GitHub Pages).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
build_wasm
build_site
