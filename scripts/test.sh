#!/usr/bin/env bash
# npm test: installs what is missing, builds, and runs every test.
source "$(dirname "$0")/lib.sh"
ensure_system_packages test
ensure_node_modules
bash "$ROOT/scripts/lint.sh" --no-tidy   # style first: seconds, before the long builds
build_native
lint_cpp_tidy     # clang-tidy needs the build's compile_commands.json
test_native
build_sanitized   # the same C++ tests under ASan + UBSan
test_sanitized
build_fuzzers     # each libFuzzer target for FUZZ_SECONDS (default 25)
run_fuzzers
build_wasm
log "JavaScript tests (vitest: the wasm engine under Node, the worker protocol)"
(cd "$ROOT" && npx vitest run)
test_browser
log "all tests passed"
