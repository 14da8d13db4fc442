#!/usr/bin/env bash
# Builds the Debian package (docs/packaging.md) into OUT-DIR with CPack from an existing build directory:
#   scripts/package-deb.sh OUT-DIR [BUILD-DIR]
# Without BUILD-DIR it configures and builds a Release build in build-release (as .ci/run does); with one it only
# brings mytokend, mytoken and the man pages up to date there (no reconfiguration, no other targets).
# Prints the path of the .deb on stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
(($# >= 1 && $# <= 2)) || { echo "usage: scripts/package-deb.sh OUT-DIR [BUILD-DIR]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
if (($# == 2)); then
  build=$(cd "$2" && pwd)
  [[ -f $build/CPackConfig.cmake ]] || { echo "package-deb: $build is not a configured build directory" >&2; exit 1; }
else
  build=$root/build-release
  "$root/scripts/build.sh" "$build" -DCMAKE_BUILD_TYPE=Release -DMYTOKEN_BUILD_TESTS=OFF >&2
fi
command -v dpkg-shlibdeps >/dev/null || { echo "package-deb: dpkg-shlibdeps missing (apt-get install dpkg-dev)" >&2; exit 1; }
cmake --build "$build" -j2 --target mytokend mytoken man_pages >&2
# A private copy of the CPack work directory, so two packagings of one build directory do not collide.
work=$(mktemp -d "${TMPDIR:-/tmp}/mytoken-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work" >&2)
deb=$(find "$work" -maxdepth 1 -name '*.deb' -print -quit)
[[ -n $deb ]] || { echo "package-deb: cpack made no .deb" >&2; exit 1; }
mv "$deb" "$out/"
echo "$out/${deb##*/}"
