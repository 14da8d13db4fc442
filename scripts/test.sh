#!/usr/bin/env bash
# Installs what is missing (unless SKIP_SETUP=1), builds into build/ and runs every test:
#   ctest --test-dir build --output-on-failure -j2
# Extra arguments go to ctest, e.g. scripts/test.sh -L e2e   or   scripts/test.sh -R oidc_flow
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ ${SKIP_SETUP:-0} != 1 ]]; then scripts/setup.sh; fi
scripts/build.sh build
ctest --test-dir build --output-on-failure -j2 "$@"
