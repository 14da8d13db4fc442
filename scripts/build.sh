#!/usr/bin/env bash
# Configures (once) and builds the project with Ninja: scripts/build.sh [build-dir [extra cmake -D options...]]
# Default build dir: build/. RelWithDebInfo; ccache is used when installed (CMakeLists.txt).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
# ccache keys on relative paths below the checkout, so a fresh clone (CI) reuses earlier compilations.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
if [[ ! -f $build/build.ninja || $# -gt 0 ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMYTOKEN_WERROR=ON "$@"
fi
cmake --build "$build"
