#!/usr/bin/env bash
# npm start: installs what is missing, builds, and runs the engine on the
# built-in demo data set (generated, not real ratings).
source "$(dirname "$0")/lib.sh"
ensure_system_packages build
ensure_node_modules
build_native
log "the built-in demo data set (generated): stats, training, a recommendation"
# Three Sci-Fi movies of the demo set: the recommendations should be Sci-Fi too.
"$ROOT/build/native/als" recommend "$ROOT/public/demo" --liked 2,4,13 --count 10
