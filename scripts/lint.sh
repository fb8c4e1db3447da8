#!/usr/bin/env bash
# npm run lint: every style and static check, failing on any finding.
#   JavaScript: ESLint (eslint.config.js), Prettier --check (.prettierrc.json)
#   C++:        clang-format --dry-run (.clang-format), clang-tidy (.clang-tidy)
# npm run format (scripts/lint.sh --fix): Prettier --write and clang-format -i.
# --no-tidy skips clang-tidy (npm test runs it after the native build, where
# compile_commands.json is fresh; it is the one slow check).
source "$(dirname "$0")/lib.sh"
fix=0
tidy=1
for arg in "$@"; do
  case "$arg" in
    --fix) fix=1 ;;
    --no-tidy) tidy=0 ;;
    *) echo "usage: scripts/lint.sh [--fix] [--no-tidy]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"
ensure_node_modules >/dev/null

PRETTIER_PATHS=(web tests scripts vite.config.js eslint.config.js)
mapfile -t CXX_FILES < <(git ls-files -- 'cpp/*.cpp' 'cpp/*.h' 'tests/*.cpp' 'tests/*.h')

if [ $fix = 1 ]; then
  log "formatting: Prettier, clang-format"
  npx prettier --write --log-level warn "${PRETTIER_PATHS[@]}"
  clang-format -i "${CXX_FILES[@]}"
  exit 0
fi

log "lint: ESLint"
npx eslint --max-warnings 0 .
log "lint: Prettier"
npx prettier --check --log-level warn "${PRETTIER_PATHS[@]}"
log "lint: clang-format"
clang-format --dry-run -Werror "${CXX_FILES[@]}"
if [ $tidy = 1 ]; then lint_cpp_tidy; fi
echo "lint: no findings"
