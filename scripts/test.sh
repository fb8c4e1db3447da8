#!/usr/bin/env bash
# npm test: installs what is missing, builds, and runs every test.
source "$(dirname "$0")/lib.sh"
ensure_system_packages
ensure_node_modules
build_native
test_native
log "all tests passed"
