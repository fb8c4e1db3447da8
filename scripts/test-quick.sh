#!/usr/bin/env bash
# npm run test:quick: the checks a contributor runs before pushing, in a few
# minutes on a warm machine: lint (without clang-tidy), the native C++ tests,
# and vitest (the wasm engine under Node, the worker protocol, the app's
# actions). No sanitizers, fuzzers, clang-tidy or browser suite: `npm test`
# stays the full suite (CI runs it).
source "$(dirname "$0")/lib.sh"
ensure_system_packages test
ensure_node_modules
bash "$ROOT/scripts/lint.sh" --no-tidy
build_native
test_native
ensure_wasm   # incremental; ALS_ENGINE_PREBUILT=1 keeps public/engine/ as it is
log "JavaScript tests (vitest)"
(cd "$ROOT" && npx vitest run)
log "quick tests passed (npm test runs everything)"
