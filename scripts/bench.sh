#!/usr/bin/env bash
# npm run bench: installs what is missing, builds (native + both WebAssembly
# variants), then runs the benchmark stages (scripts/bench/run.mjs) and writes
# build/bench/results.json. A benchmark, not a test: it prints, it does not assert.
#
# The browser stages run the built site (dist/) in Debian's Chromium; the
# ml-25m one generates build/bench-data/ml-25m once (~0.7 GB, kept).
#
#   npm run bench                 # everything, 3 repetitions
#   npm run bench -- --quick      # 64 factors, 1 repetition
#   npm run bench -- --skip browser-25m   # without the long ml-25m-in-a-tab stage
#   npm run bench -- --no-build   # skip the install/build steps (already built)
#   npm run bench -- --help       # the runner's options (--only, --skip, --repeat)
: "${JOBS:=2}"  # a benchmark machine is shared: build with 2 jobs at most unless told otherwise
source "$(dirname "$0")/lib.sh"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --help|-h) build=0; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  ensure_system_packages
  ensure_node_modules
  build_native
  build_wasm
  if site_is_stale; then build_site; fi  # the browser stages run dist/
fi

log "benchmark (one run at a time: never start two on the same machine)"
node "$ROOT/scripts/bench/run.mjs" "${args[@]}"
