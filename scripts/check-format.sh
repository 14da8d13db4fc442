#!/usr/bin/env bash
# Fails (and names the files) if a tracked C++ file differs from what clang-format makes of it with the repo's
# .clang-format (Debian 12's clang-format 14). Fix with: git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format missing (scripts/setup.sh)" >&2; exit 2; }
if ! git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror; then
  echo "check-format: the files above are not clang-formatted" >&2
  exit 1
fi
echo "check-format: every C++ file is clang-formatted"
