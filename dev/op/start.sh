#!/usr/bin/env bash
# Starts the dev OP in the background, waits (at most 15 s) until its discovery document answers and prints
# its PID on stdout; stop it with `kill PID`. Environment as for op.mjs (OP_PORT, OP_REDIRECT_URI, ...);
# OP_LOG names a file for its output (default: discarded). Runs `npm ci` first if the packages are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
url="http://127.0.0.1:${OP_PORT:-9400}/.well-known/openid-configuration"
if [[ ! -d $here/node_modules/oidc-provider ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
if curl -fs -o /dev/null --max-time 2 "$url"; then
  echo "dev OP: $url already answers; not starting another" >&2
  exit 1
fi
node "$here/op.mjs" >"${OP_LOG:-/dev/null}" 2>&1 </dev/null &
pid=$!
deadline=$((SECONDS + 15))
until curl -fs -o /dev/null --max-time 1 "$url"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "dev OP exited during start-up (output: ${OP_LOG:-/dev/null})" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    kill "$pid" 2>/dev/null || true
    echo "dev OP did not answer at $url within 15 s" >&2
    exit 1
  fi
  sleep 0.1
done
echo "$pid"
