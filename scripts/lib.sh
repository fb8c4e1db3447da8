# Shared steps of the npm scripts (start, test, build, bench). Each step is
# idempotent and cheap when its work is already done, so a warm machine skips
# straight to the part that changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # emcc (Debian) needs acorn from here

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Debian packages, installed when missing: "build" for the engine and the
# site (libzip-dev: the CLI reads zips), "test" adds GoogleTest, Chromium and
# clang (sanitizers, libFuzzer), minizip's writer (the tests build hostile
# zips with it), zip (the benchmark zips its data set), clang-format and
# clang-tidy (npm run lint).
ensure_system_packages() {
  local wanted=(cmake g++ make pkg-config libeigen3-dev libzip-dev emscripten)
  # fonts-nanum: Korean in the screenshots; python3-numpy: the tests write implicit's .npz files with numpy
  if [ "${1:-test}" = test ]; then
    wanted+=(libgtest-dev googletest chromium clang libclang-rt-14-dev fonts-nanum python3-numpy libminizip-dev zip clang-format clang-tidy)
  fi
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  log "installing system packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm packages from the lock file, installed when missing or out of date.
ensure_node_modules() {
  cd "$ROOT"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

# The native builds go through ccache when it is installed (CI caches it).
CCACHE_FLAGS=()
if command -v ccache >/dev/null 2>&1; then CCACHE_FLAGS=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi

build_native() {
  log "native build (cmake, $JOBS jobs)"
  cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release "${CCACHE_FLAGS[@]}" >/dev/null
  cmake --build "$ROOT/build/native" -j "$JOBS"
}

test_native() {
  log "C++ tests (GoogleTest via CTest)"
  (cd "$ROOT/build/native" && ctest --output-on-failure -j "$JOBS")
}

# The C++ tests again under AddressSanitizer + UndefinedBehaviorSanitizer
# (clang: its UBSan also checks float-to-int overflow). Only the test
# executable and the CLI (its tests run it) are built there, at -O1 with line
# tables for readable reports.
build_sanitized() {
  log "sanitized build (ASan + UBSan, clang -O1, tests only)"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DALS_SANITIZE=ON "${CCACHE_FLAGS[@]}" >/dev/null
  cmake --build "$ROOT/build/sanitize" -j "$JOBS" --target engine_tests als  # the CLI tests run the CLI too
}

test_sanitized() {
  log "C++ tests under ASan + UBSan"
  (cd "$ROOT/build/sanitize" &&
    ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --output-on-failure -j "$JOBS")
}

# libFuzzer targets (tests/fuzz/), each run for FUZZ_SECONDS on a copy of its
# seed corpus in build/fuzz/corpus, so the repository is never modified. A
# crash, a leak, a sanitizer report, a timeout or an out-of-memory fails the
# run; the reproducer is left in build/fuzz/artifacts/.
FUZZ_TARGETS=(fuzz_dataset_loader fuzz_detect_file_kind fuzz_model_file fuzz_prepare_and_train fuzz_implicit_model)

build_fuzzers() {
  log "fuzz targets (clang, libFuzzer + ASan + UBSan)"
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$ROOT/build/fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DALS_FUZZ=ON -DALS_BUILD_TESTS=OFF "${CCACHE_FLAGS[@]}" >/dev/null
  cmake --build "$ROOT/build/fuzz" -j "$JOBS" --target fuzzers
}

run_fuzzers() {
  local seconds="${FUZZ_SECONDS:-25}"
  local dir="$ROOT/build/fuzz"
  mkdir -p "$dir/artifacts" "$dir/logs"
  for target in "${FUZZ_TARGETS[@]}"; do
    local name="${target#fuzz_}"
    log "fuzzing $name for ${seconds}s"
    rm -rf "$dir/corpus/$name"
    mkdir -p "$dir/corpus/$name"
    cp -r "$ROOT/tests/fuzz/corpus/$name/." "$dir/corpus/$name/"
    if [ -d "$ROOT/tests/fuzz/regressions/$name" ]; then  # past crashes: replayed first, then mutated
      cp -r "$ROOT/tests/fuzz/regressions/$name/." "$dir/corpus/$name/"
    fi
    local options=(-max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10
                   -print_final_stats=1 -artifact_prefix="$dir/artifacts/$name-")
    if [ -f "$ROOT/tests/fuzz/$name.dict" ]; then options+=(-dict="$ROOT/tests/fuzz/$name.dict"); fi
    if ! ASAN_OPTIONS="abort_on_error=1:detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$dir/$target" "${options[@]}" "$dir/corpus/$name" >"$dir/logs/$name.log" 2>&1; then
      tail -n 60 "$dir/logs/$name.log" >&2
      echo "fuzz target $name failed: reproducer in $dir/artifacts/ (run: $dir/$target <file>)" >&2
      return 1
    fi
    awk -v name="$name" '/^stat::number_of_executed_units/ {runs = $2} /^stat::average_exec_per_sec/ {rate = $2}
      /^stat::peak_rss_mb/ {rss = $2} END {printf "%s: %s inputs, %s per second, peak RSS %s MB, no crash\n", name, runs, rate, rss}' \
      "$dir/logs/$name.log"
  done
}

# Both WebAssembly variants (threads + SIMD, SIMD single-threaded), copied to
# public/engine/ where the app and the tests load them from.
build_wasm() {
  log "WebAssembly build (emscripten $(emcc --version 2>/dev/null | head -1 | grep -o '[0-9]*\.[0-9]*\.[0-9]*' | head -1))"
  emcmake cmake -S "$ROOT" -B "$ROOT/build/wasm" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$ROOT/build/wasm" -j "$JOBS"
  mkdir -p "$ROOT/public/engine"
  for variant in threads simd; do
    cp "$ROOT/build/wasm/als_engine_$variant.js" "$ROOT/build/wasm/als_engine_$variant.wasm" "$ROOT/public/engine/"
  done
  cp "$ROOT/build/wasm/als_engine_threads.worker.js" "$ROOT/public/engine/"
  # The Emscripten output is CommonJS-style; tell Node (tests, benchmarks) so.
  echo '{ "type": "commonjs" }' > "$ROOT/public/engine/package.json"
  # The shipped data sets' models, trained by this engine with the page's defaults: a first
  # visit shows them at once instead of training in the tab (when out of date only).
  node "$ROOT/scripts/demo-model.mjs"
}

# Vite's dev server (serve_vite dev) or its preview of dist/ (serve_vite
# preview) on PORT, with the visitor's own Vite flags passed through:
# `npm run dev -- --port 3000 --host 127.0.0.1`, `npm start -- --port 3000`.
# A flag given replaces its default (Vite's parser would make a repeated
# --port a list); without flags: PORT (or the default), every interface.
serve_vite() {
  local mode="$1" port="$2"
  shift 2
  local given=" $* " defaults=()
  case "$given" in *" --port "* | *" --port="* | *" -p "*) ;; *) defaults+=(--port "$port") ;; esac
  case "$given" in *" --host "* | *" --host="*) ;; *) defaults+=(--host) ;; esac
  case "$given" in *" --strictPort "* | *" --strictPort="*) ;; *) defaults+=(--strictPort) ;; esac
  local args=("${defaults[@]}" "$@") shown="$port" k
  for ((k = 0; k < ${#args[@]}; k++)); do
    case "${args[k]}" in
      --port | -p) shown="${args[k + 1]:-$port}" ;;
      --port=*) shown="${args[k]#--port=}" ;;
    esac
  done
  if [ "$mode" = dev ]; then
    log "dev server at http://localhost:$shown/  (UI hot reload; C++ changes rebuild the engine; Ctrl+C to stop)"
    cd "$ROOT" && exec npx vite "${args[@]}"
  else
    log "serving the app at http://localhost:$shown/  (Ctrl+C to stop)"
    cd "$ROOT" && exec npx vite preview "${args[@]}"
  fi
}

# The engine in public/engine/ as it is (ALS_ENGINE_PREBUILT=1: copied from
# another checkout, no emscripten here), else built (incrementally).
ensure_wasm() {
  if [ "${ALS_ENGINE_PREBUILT:-0}" = 1 ] && [ -f "$ROOT/public/engine/als_engine_threads.wasm" ]; then
    log "WebAssembly build skipped (ALS_ENGINE_PREBUILT=1: public/engine/ as it is)"
    return 0
  fi
  build_wasm
}

build_site() {
  log "static site (vite build -> dist/)"
  (cd "$ROOT" && npx vite build)
}

# True when dist/ is missing or older than anything it is built from.
site_is_stale() {
  [ -f "$ROOT/dist/index.html" ] || return 0
  [ -n "$(find "$ROOT/web" "$ROOT/public" "$ROOT/vite.config.js" "$ROOT/package-lock.json" \
            -newer "$ROOT/dist/index.html" -type f -print -quit 2>/dev/null)" ]
}

# The browser tests (tests/browser/*.test.mjs): Debian's Chromium driven by
# playwright-core against the built site, one file at a time (each starts its
# own server and browser). Needs the wasm engines in public/engine/.
test_browser() {
  if site_is_stale; then build_site; fi
  log "browser tests (Chromium + playwright-core on dist/; screenshots in test-results/screenshots/)"
  (cd "$ROOT" && node --test --test-concurrency=1 --test-reporter=spec tests/browser/)
}

# clang-tidy (.clang-tidy) on the engine's sources and the C++ tests, against
# the native build's compilation database (configured here when missing; no
# compiling needed). Two files at a time; any finding fails.
lint_cpp_tidy() {
  log "lint: clang-tidy"
  if [ ! -f "$ROOT/build/native/compile_commands.json" ]; then
    cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release "${CCACHE_FLAGS[@]}" >/dev/null
  fi
  (cd "$ROOT" && git ls-files -- 'cpp/*.cpp' 'tests/*.cpp' | grep -v -e '^cpp/wasm/' -e '^tests/fuzz/' |
    xargs -P "$JOBS" -n 6 clang-tidy -p build/native --quiet 2>&1 | grep -v -e '^[0-9]* warnings\? generated' -e '^Suppressed' -e '^Use -header-filter' || true) > "$ROOT/build/clang-tidy.log"
  if grep -q -e 'warning:' -e 'error:' "$ROOT/build/clang-tidy.log"; then
    cat "$ROOT/build/clang-tidy.log" >&2
    echo "clang-tidy found the above (checks: .clang-tidy)" >&2
    return 1
  fi
}
