#!/usr/bin/env bash
# clang-tidy with the repository's .clang-tidy over every translation unit of src/ and apps/ (and the src/
# headers they include); any finding fails. Uses the compile commands of a configured build directory:
#   scripts/tidy.sh [build dir, default build] [file...]   (files: only these, e.g. the ones you changed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build}
shift || true
if [[ ! -f $build/compile_commands.json ]]; then
  echo "tidy: no $build/compile_commands.json: build first (scripts/build.sh)" >&2
  exit 2
fi
files=("$@")
((${#files[@]})) || mapfile -t files < <(git ls-files 'src/*.cpp' 'apps/*.cpp')
start=$SECONDS
# run-clang-tidy takes regular expressions: anchor each path.
patterns=()
for f in "${files[@]}"; do patterns+=("$root/$f\$"); done
if ! run-clang-tidy -quiet -p "$build" -j "$(nproc)" "${patterns[@]}" >"$build/tidy.log" 2>&1; then
  grep -E "error:|note:|^ " "$build/tidy.log" | grep -v "^clang-tidy-" >&2 || cat "$build/tidy.log" >&2
  echo "tidy: findings above (${#files[@]} files, $((SECONDS - start)) s; all output in $build/tidy.log)" >&2
  exit 1
fi
echo "tidy: ${#files[@]} files clean ($((SECONDS - start)) s)" >&2
