# Shared steps of the npm scripts (start, test, build, bench). Each step is
# idempotent and cheap when its work is already done, so a warm machine skips
# straight to the part that changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # emcc (Debian) needs acorn from here

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Debian packages, installed when missing: "build" for the engine and the
# site, "test" adds GoogleTest, Chromium and clang (sanitizers, libFuzzer).
ensure_system_packages() {
  local wanted=(cmake g++ make libeigen3-dev emscripten)
  if [ "${1:-test}" = test ]; then wanted+=(libgtest-dev googletest chromium clang libclang-rt-14-dev); fi
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

build_native() {
  log "native build (cmake, $JOBS jobs)"
  cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$ROOT/build/native" -j "$JOBS"
}

test_native() {
  log "C++ tests (GoogleTest via CTest)"
  (cd "$ROOT/build/native" && ctest --output-on-failure -j "$JOBS")
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
}

build_site() {
  log "static site (vite build -> dist/)"
  (cd "$ROOT" && npx vite build)
}
