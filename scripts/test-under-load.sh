#!/usr/bin/env bash
# The browser suite as a slow or busy machine runs it (issue 23): RUNS times
# (default 3) with BUSY busy-loop processes (default 2) at normal priority
# beside it for the whole run, then once on a single core (taskset -c 0).
# Every test must pass every time: tests wait for states, never for time.
#   bash scripts/test-under-load.sh            # 3 busy runs + 1 single-core run
#   RUNS=1 ONE_CORE=0 bash scripts/test-under-load.sh
source "$(dirname "$0")/lib.sh"
RUNS="${RUNS:-3}"
BUSY="${BUSY:-2}"
ONE_CORE="${ONE_CORE:-1}"
cd "$ROOT"
if site_is_stale; then build_site; fi
mkdir -p build && rm -f build/under-load-*.log

loops=()
stop_loops() {
  for pid in "${loops[@]}"; do kill "$pid" 2>/dev/null || true; done
  loops=()
}
trap stop_loops EXIT

suite() { node --test --test-concurrency=1 --test-reporter=spec tests/browser/ 2>&1 | tee "$1" | grep -E '^ℹ (tests|pass|fail|cancelled) '; }

failed=0
for ((run = 1; run <= RUNS; run++)); do
  for ((k = 0; k < BUSY; k++)); do
    (while :; do :; done) &
    loops+=("$!")
  done
  log "browser suite, run $run of $RUNS, beside $BUSY busy loops"
  suite "build/under-load-$run.log" || failed=1
  stop_loops
done
if [ "$ONE_CORE" = 1 ]; then
  log "browser suite on one core (taskset -c 0)"
  suite() { taskset -c 0 node --test --test-concurrency=1 --test-reporter=spec tests/browser/ 2>&1 | tee "$1" | grep -E '^ℹ (tests|pass|fail|cancelled) '; }
  suite build/under-load-one-core.log || failed=1
fi
# (logs: build/under-load-*.log; a failing test's name: grep '✖' in them)
if grep -l '^ℹ fail [1-9]' build/under-load-*.log 2>/dev/null; then failed=1; fi
exit $failed
