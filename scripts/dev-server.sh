#!/usr/bin/env bash
# Local development server: installs what is missing, builds, starts the dev OP on 127.0.0.1:9400 in the
# background and runs build/mytokend on 127.0.0.1:8000 in the foreground with data/dev-config.yaml (created from
# config/dev.yaml if absent; database and keys go to data/). Ctrl-C stops both. SKIP_SETUP=1 skips scripts/setup.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ ${SKIP_SETUP:-0} != 1 ]]; then scripts/setup.sh; fi
scripts/build.sh build

iss=http://127.0.0.1:8000
op=http://127.0.0.1:9400
if curl -s -o /dev/null --max-time 1 "$iss/"; then
  echo "dev-server: something already listens on $iss; stop it first" >&2
  exit 1
fi
mkdir -p data
[[ -f data/dev-config.yaml ]] || cp config/dev.yaml data/dev-config.yaml

op_pid=$(OP_PORT=9400 OP_REDIRECT_URI="$iss/redirect" OP_LOG="$root/data/dev-op.log" dev/op/start.sh)
trap 'kill "$op_pid" 2>/dev/null || true' EXIT

cat >&2 <<MSG

Dev OP:   $op   (users alice, bob; any password; output in data/dev-op.log)
mytokend: $iss   (config data/dev-config.yaml; database and keys in data/)

Get a mytoken (in another terminal):
  curl -s -X POST $iss/api/v0/token/my -H 'Content-Type: application/json' \\
    -d '{"grant_type":"oidc_flow","oidc_flow":"authorization_code","oidc_issuer":"$op","name":"dev"}' | jq .
  # open the consent_uri in a browser, approve, log in at the OP; then poll with the polling_code:
  curl -s -X POST $iss/api/v0/token/my -H 'Content-Type: application/json' \\
    -d '{"grant_type":"polling_code","polling_code":"<polling_code>"}' | jq -r .mytoken
  # (no browser? node dev/op/login.mjs --follow '<authorization_uri from POSTing the consent>' does the OP part)

Get an access token with it (the documentation's one-liner):
  MYTOKEN=<mytoken>; curl -s -X POST "\$(curl -s "\$(echo "\$MYTOKEN" | cut -d. -f2 | base64 -d 2>/dev/null | jq -r .iss)/.well-known/mytoken-configuration" | jq -r .access_token_endpoint)" -H 'Content-Type: application/json' -d "{\\"grant_type\\":\\"mytoken\\",\\"mytoken\\":\\"\$MYTOKEN\\"}" | jq -r .access_token

Ctrl-C stops mytokend and the dev OP.

MSG
build/mytokend --config data/dev-config.yaml
