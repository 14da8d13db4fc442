# shellcheck shell=bash
# Shared helpers of the end-to-end tests; sourced by every tests/e2e/test_*.sh (see README.md).
# A test starts the dev OP (dev/op) and mytokend on free loopback ports with a fresh SQLite database in a
# per-test temporary directory, drives them over HTTP, and ends with `finish`, which prints "N passed, N failed".
set -Eeuo pipefail
shopt -s inherit_errexit

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=${MYTOKEN_SOURCE_DIR:-$(cd "$E2E_DIR/../.." && pwd)}
MYTOKEND=${MYTOKEND:-$SRC_DIR/build/mytokend}
OP_DIR=$SRC_DIR/dev/op
TEST_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mytoken-e2e.$TEST_NAME.XXXXXX")
RESULTS=$TMP/results # one line per assertion, so that assertions inside $(...) count too
: >"$RESULTS"
OP_TOKEN_LOG=$TMP/op-tokens.log # every token the OP issued (dev/op OP_TOKEN_LOG)
SECRETS=$TMP/secrets.txt        # every mytoken, polling code, consent code, ... the tests saw
: >"$SECRETS"
FINISHED=0
OP_PID="" MT_PID=""

# --- output and bookkeeping (everything goes to stderr: stdout is for values returned from functions) ---
say() { printf '%s\n' "$*" >&2; }
die() {
  say "FATAL: $*"
  exit 1
}
count() { grep -c "^$1\$" "$RESULTS" || true; }
shorten() { # long bodies and tokens make failure messages unreadable
  local s=$1
  if ((${#s} <= 600)); then printf '%s' "$s"; else printf '%s… (%d bytes)' "${s:0:600}" "${#s}"; fi
}
pass() {
  echo PASS >>"$RESULTS"
  say "ok   $1"
}
fail() {
  echo FAIL >>"$RESULTS"
  say "FAIL #$(count FAIL) $1"
  if [[ -n ${2-} ]]; then say "     $2"; fi
}
last_request_context() { printf 'request: %s -> HTTP %s, body: %s' "$LAST_REQUEST" "$STATUS" "$(shorten "$BODY")"; }

on_error() { say "ERROR: command failed (status $1) at ${BASH_SOURCE[1]##*/}:$2: $3"; }
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR

show_logs() {
  local f
  for f in "$TMP/mytokend.log" "$TMP/op.log"; do
    [[ -s $f ]] || continue
    say "----- last 40 lines of ${f##*/} -----"
    tail -n 40 "$f" >&2
  done
}
cleanup() {
  local rc=$? passed failed
  trap - ERR
  trap '' PIPE # a closed output pipe must not stop the clean-up half-way
  set +e
  stop_pid "$MT_PID"
  stop_pid "$OP_PID"
  passed=$(count PASS) failed=$(count FAIL)
  if ((FINISHED == 0)); then
    say "ABORTED: $TEST_NAME stopped before its end (exit status $rc)"
    failed=$((failed + 1))
  fi
  say "$TEST_NAME: $passed passed, $failed failed"
  if ((failed > 0)); then show_logs; fi
  if [[ ${KEEP_TMP:-0} == 1 ]]; then say "kept $TMP"; else rm -rf "$TMP"; fi
  ((failed == 0)) || exit 1
}
trap cleanup EXIT
# Ends a test: the EXIT trap prints the summary and sets the exit status.
finish() {
  FINISHED=1
  exit 0
}

# --- processes and ports ---
stop_pid() { # TERM, then KILL after 5 s; works for processes that are not our children as well
  local pid=${1-} deadline
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 5))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
USED_PORTS=" "
# A loopback port nobody listens on, below Linux's ephemeral range (so no outgoing connection takes it).
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 12000))
    [[ $USED_PORTS == *" $p "* ]] && continue
    if ! (: <>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS+="$p "
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}
OP_PORT=$(free_port)
MT_PORT=$(free_port)
OP=http://127.0.0.1:$OP_PORT  # the dev OP's issuer
ISS=http://127.0.0.1:$MT_PORT # mytokend's issuer
# shellcheck disable=SC2034 # used by the tests
API=$ISS/api/v0

# start_op [VAR=value...]: the dev OP on $OP (extra env such as OP_ROTATE_RT=1), redirect URI $ISS/redirect.
start_op() {
  [[ -d $OP_DIR/node_modules/oidc-provider ]] || die "dev OP packages missing: run scripts/setup.sh (npm ci in dev/op)"
  OP_PID=$(env OP_PORT="$OP_PORT" OP_REDIRECT_URI="$ISS/redirect" OP_TOKEN_LOG="$OP_TOKEN_LOG" \
    OP_LOG="$TMP/op.log" "$@" "$OP_DIR/start.sh") || die "dev OP did not start (see $TMP/op.log)"
}
stop_op() {
  stop_pid "$OP_PID"
  OP_PID=""
}

# The test configuration (config/dev.yaml with our ports, polling interval 1 s); relative paths are relative to
# the config file, so the database and keys land in $TMP. Written once; a test may edit it before starting.
MT_CONFIG=$TMP/mytokend.yaml
# The admin listener (/metrics, /health/ready) is off unless a test sets MT_ADMIN_LISTEN (e.g. to
# "127.0.0.1:$(free_port)") before the config is written: tests that start several servers must not collide on
# the default 127.0.0.1:8001. Written in flow style, so seds of "^  listen:" (the API port) leave it alone.
MT_ADMIN_LISTEN=${MT_ADMIN_LISTEN-}
write_mytokend_config() {
  cat >"$MT_CONFIG" <<EOF
issuer: "$ISS"
server:
  listen: "127.0.0.1:$MT_PORT"
  trusted_proxies: []
admin: {listen: "$MT_ADMIN_LISTEN"}
database:
  backend: sqlite
  path: "mytoken.db"
signing:
  mytoken:
    alg: ES512
    key_file: "signing-key.pem"
secrets:
  pepper_file: "pepper"
features:
  polling_codes: {len: 8, expires_after: 300, polling_interval: 1}
providers:
  - issuer: "$OP"
    name: "Dev OP"
    client_id: mytoken-test
    client_secret: mytoken-test-secret
    scopes: [openid, profile, email, offline_access, storage.read, compute.create]
    audience: {use_rfc8707: true}
EOF
}
start_mytokend() {
  [[ -x $MYTOKEND ]] || die "mytokend binary not found at $MYTOKEND (build first, or set MYTOKEND)"
  [[ -f $MT_CONFIG ]] || write_mytokend_config
  "$MYTOKEND" --config "$MT_CONFIG" >>"$TMP/mytokend.log" 2>&1 </dev/null &
  MT_PID=$!
  wait_until_serving "$MT_PID" "$ISS" "$TMP/mytokend.log"
}
# wait_until_serving PID BASE-URL LOG: until the mytokend PID answers discovery at BASE-URL; dies if it exits
# first or takes more than 30 s (LOG is its log, for the message).
wait_until_serving() {
  local deadline=$((SECONDS + 30))
  until curl -fs -o /dev/null --max-time 1 "$2/.well-known/mytoken-configuration"; do
    kill -0 "$1" 2>/dev/null || die "mytokend at $2 exited during start-up (see $3)"
    ((SECONDS < deadline)) || die "mytokend did not answer at $2 within 30 s"
    sleep 0.1
  done
}
stop_mytokend() {
  stop_pid "$MT_PID"
  MT_PID=""
}
start_all() {
  start_op "$@"
  start_mytokend
}

# --- HTTP: every helper sets STATUS (000 if the connection failed), BODY, HEADERS and LAST_REQUEST ---
STATUS="" BODY="" HEADERS="" LAST_REQUEST=""
url_of() { if [[ $1 == http* ]]; then echo "$1"; else echo "$ISS$1"; fi; }
# http METHOD PATH-or-URL [curl args...]
http() {
  local method=$1 url
  url=$(url_of "$2")
  shift 2
  LAST_REQUEST="$method ${url#"$ISS"}"
  rm -f "$TMP/.body" "$TMP/.headers"
  STATUS=$(curl -sS -X "$method" -o "$TMP/.body" -D "$TMP/.headers" -w '%{http_code}' --max-time 30 "$@" "$url" \
    2>"$TMP/.curl-err") || true
  BODY=$(cat "$TMP/.body" 2>/dev/null || true)
  HEADERS=$(tr -d '\r' <"$TMP/.headers" 2>/dev/null || true)
  if [[ $STATUS == 000 ]]; then say "     (curl: $(cat "$TMP/.curl-err"))"; fi
}
api_get() { http GET "$@"; }
# api_post PATH JSON [curl args...]
api_post() {
  local path=$1 json=$2
  shift 2
  http POST "$path" -H 'Content-Type: application/json' --data-binary "$json" "$@"
}
# api_post_form PATH name=value... (values are URL-encoded)
api_post_form() {
  local path=$1 kv args=()
  shift
  for kv in "$@"; do args+=(--data-urlencode "$kv"); done
  http POST "$path" "${args[@]}"
}
# jget FILTER [JSON]: jq -r of FILTER on JSON (default $BODY); empty output if it is not JSON.
jget() { jq -rc "$1" <<<"${2-$BODY}" 2>/dev/null || true; }
header() { # header NAME: value of a response header of the last request (case-insensitive)
  awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$1")" -F': ' 'tolower($1) == n { sub(/^[^:]*: /, ""); print; exit }' <<<"$HEADERS"
}

# --- assertions: they record a result and never abort the test ---
expect_eq() { # expect_eq ACTUAL EXPECTED MESSAGE
  if [[ $1 == "$2" ]]; then pass "$3"; else fail "$3" "expected [$(shorten "$2")], got [$(shorten "$1")]"; fi
}
expect_ne() { # expect_ne ACTUAL UNEXPECTED MESSAGE
  if [[ $1 != "$2" ]]; then pass "$3"; else fail "$3" "got the value that must not be there: [$(shorten "$1")]"; fi
}
expect_contains() { # expect_contains HAYSTACK NEEDLE MESSAGE
  if [[ $1 == *"$2"* ]]; then pass "$3"; else fail "$3" "[$(shorten "$1")] does not contain [$2]"; fi
}
expect_match() { # expect_match VALUE ERE MESSAGE
  if [[ $1 =~ $2 ]]; then pass "$3"; else fail "$3" "[$(shorten "$1")] does not match /$2/"; fi
}
expect_true() { # expect_true MESSAGE COMMAND...
  local msg=$1
  shift
  if "$@"; then pass "$msg"; else fail "$msg" "command failed: $*"; fi
}
expect_status() { # expect_status CODE [MESSAGE]
  local msg=${2:-"$LAST_REQUEST -> $1"}
  if [[ $STATUS == "$1" ]]; then pass "$msg"; else fail "$msg" "expected HTTP $1; $(last_request_context)"; fi
}
expect_json_eq() { # expect_json_eq JQ-FILTER EXPECTED [MESSAGE]: jq -rc of FILTER on $BODY equals EXPECTED
  local actual msg=${3:-"$LAST_REQUEST: $1 == $2"}
  actual=$(jget "$1")
  if [[ $actual == "$2" ]]; then pass "$msg"; else fail "$msg" "$1 is [$(shorten "$actual")], expected [$2]; $(last_request_context)"; fi
}
expect_json_true() { # expect_json_true JQ-BOOLEAN-FILTER [MESSAGE]
  expect_json_eq "$1" true "${2:-"$LAST_REQUEST: $1"}"
}
# expect_error STATUS ERROR [DESCRIPTION]: the documented error object (spec §1.5) with that status.
expect_error() {
  local msg="$LAST_REQUEST -> $1 $2${3:+ \"$3\"}"
  if [[ $STATUS == "$1" && $(jget .error) == "$2" && (-z ${3-} || $(jget .error_description) == "$3") ]]; then
    pass "$msg"
  else
    fail "$msg" "$(last_request_context)"
  fi
}

# --- tokens ---
b64url_decode() { # stdin -> stdout
  local s
  s=$(tr -d '\n' | tr '_-' '/+')
  case $((${#s} % 4)) in 2) s+="==" ;; 3) s+="=" ;; esac
  base64 -d <<<"$s"
}
b64url_encode() { base64 -w0 | tr '+/' '-_' | tr -d '='; } # stdin -> stdout
jwt_header() { cut -d. -f1 <<<"$1" | b64url_decode; }
jwt_payload() { cut -d. -f2 <<<"$1" | b64url_decode; }
# sign_es512 KEY-PEM SIGNING-INPUT: base64url JWS signature (R||S, 66 bytes each) made with openssl.
sign_es512() {
  local hex
  hex=$(printf %s "$2" | openssl dgst -sha512 -sign "$1" | openssl asn1parse -inform DER |
    awk -F: '/INTEGER/ { printf "%0132s\n", $NF }' | tr ' ' 0 | tr -d '\n')
  [[ ${#hex} == 264 ]] || die "sign_es512: unexpected signature"
  # shellcheck disable=SC2001
  printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | b64url_encode
}
# verify_jwt_with_jwks TOKEN JWKS-JSON: the signature verifies with the (single) key of the JWKS.
verify_jwt_with_jwks() {
  node -e '
    const crypto = require("node:crypto");
    const [token, jwks] = process.argv.slice(1);
    const [h, p, s] = token.split(".");
    const key = crypto.createPublicKey({ key: JSON.parse(jwks).keys[0], format: "jwk" });
    const ok = crypto.verify("sha512", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" },
      Buffer.from(s, "base64url"));
    process.exit(ok ? 0 : 1);' "$1" "$2"
}
remember_secret() { if [[ -n $1 ]]; then printf '%s\n' "$1" >>"$SECRETS"; fi; }

# --- the login (spec §5.2–5.4): LOGIN_* globals, also in $TMP/login.* for callers in a subshell ---
# start_login [JSON-OVERRIDES]: POST API/token/my {grant_type oidc_flow, ...} merged with the overrides.
start_login() {
  LOGIN_REQUEST=$(jq -nc --arg op "$OP" --argjson o "${1:-"{}"}" \
    '{grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: $op} + $o')
  api_post /api/v0/token/my "$LOGIN_REQUEST"
  [[ $STATUS == 200 ]] || die "oidc_flow start failed: $(last_request_context)"
  LOGIN_CONSENT_URI=$(jget .consent_uri)
  LOGIN_POLLING_CODE=$(jget .polling_code)
  LOGIN_INTERVAL=$(jget '.interval // 1')
  [[ -n $LOGIN_CONSENT_URI && -n $LOGIN_POLLING_CODE ]] || die "oidc_flow start: no consent_uri/polling_code: $BODY"
  remember_secret "$LOGIN_POLLING_CODE"
  remember_secret "${LOGIN_CONSENT_URI##*/}"
}
poll_login() { api_post /api/v0/token/my "{\"grant_type\":\"polling_code\",\"polling_code\":\"$LOGIN_POLLING_CODE\"}"; }
# The consent page's values, posted as its JS would: taken from the request; capabilities default
# ["AT","tokeninfo"]; a single clause becomes a list; host "this" shows as the caller's address (127.0.0.1).
consent_body() {
  jq -c '{oidc_issuer, name: (.name // ""),
          capabilities: (.capabilities // ["AT", "tokeninfo"]),
          restrictions: ((.restrictions // []) | if type == "object" then [.] else . end
                         | map(if .hosts then .hosts |= map(if ascii_downcase == "this" then "127.0.0.1" else . end)
                               else . end)),
          rotation: (.rotation // null)}' <<<"$LOGIN_REQUEST"
}
approve_consent() {
  api_post "$LOGIN_CONSENT_URI" "$(consent_body)"
  [[ $STATUS == 278 ]] || die "consent approval failed: $(last_request_context)"
  LOGIN_AUTH_URI=$(jget .authorization_uri)
  [[ -n $LOGIN_AUTH_URI ]] || die "consent approval: no authorization_uri: $BODY"
}
# complete_login [login.mjs options...]: OP login + consent, mytokend's /redirect, then poll until 200.
complete_login() {
  local deadline=$((SECONDS + 30))
  LOGIN_REDIRECT=$(node "$OP_DIR/login.mjs" --follow "$@" "$LOGIN_AUTH_URI") ||
    die "login at the OP or mytokend's /redirect failed (redirect: ${LOGIN_REDIRECT-none})"
  remember_secret "$(url_param code "$LOGIN_REDIRECT")"  # the OP's authorization code
  remember_secret "$(url_param state "$LOGIN_REDIRECT")" # mytokend's OIDC state
  while :; do
    poll_login
    [[ $STATUS == 200 ]] && break
    # authorization_pending and slow_down (spec §21) mean: poll again after the interval
    [[ $(jget .error) == authorization_pending || $(jget .error) == slow_down ]] || die "polling failed: $(last_request_context)"
    ((SECONDS < deadline)) || die "polling: no token within 30 s"
    sleep "$LOGIN_INTERVAL"
  done
  LOGIN_RESPONSE=$BODY
  MYTOKEN=$(jget .mytoken)
  [[ -n $MYTOKEN ]] || die "polling answered 200 without mytoken: $BODY"
  remember_secret "$MYTOKEN"
  printf '%s' "$LOGIN_RESPONSE" >"$TMP/login.response"
}
# login_mytoken [JSON-OVERRIDES]: the whole native flow as a client does it; prints the mytoken.
# The full polling answer (mom_id, expires_in, ...) is in $LOGIN_RESPONSE, or `last_login_response`.
# login_polled JSON-OVERRIDES: the native flow up to the final polling answer (in $BODY), whatever its type or
# status (a short token, a transfer code, an error) — for tests that check that answer themselves.
login_polled() {
  local deadline=$((SECONDS + 30))
  start_login "$1"
  approve_consent
  LOGIN_REDIRECT=$(node "$OP_DIR/login.mjs" --follow "$LOGIN_AUTH_URI") || die "login at the OP failed"
  while :; do
    poll_login
    [[ $STATUS == 428 || $(jget .error) == slow_down ]] || return 0
    ((SECONDS < deadline)) || die "polling: no answer within 30 s"
    sleep "$LOGIN_INTERVAL"
  done
}
login_mytoken() {
  start_login "${1:-"{}"}"
  poll_login
  expect_error 428 authorization_pending
  approve_consent
  complete_login
  printf '%s\n' "$MYTOKEN"
}
last_login_response() { cat "$TMP/login.response"; }

# at_request MYTOKEN [JSON-OVERRIDES]: POST API/token/access {grant_type mytoken, mytoken} + overrides.
at_request() {
  api_post /api/v0/token/access "$(jq -nc --arg mt "$1" --argjson o "${2:-"{}"}" '{grant_type: "mytoken", mytoken: $mt} + $o')"
}
# The OP's own view of an access token: userinfo (opaque tokens) and introspection.
op_userinfo() { http GET "$OP/me" -H "Authorization: Bearer $1"; }
op_introspect() { http POST "$OP/token/introspection" -u mytoken-test:mytoken-test-secret --data-urlencode "token=$1"; }
op_issued() { grep -qxF -- "$1" "$OP_TOKEN_LOG" 2>/dev/null; } # the OP issued exactly this token
now() { date +%s; }
# url_param NAME URL: the decoded value of query parameter NAME (all values, one per line)
url_param() { node -e 'for (const v of new URL(process.argv[2]).searchParams.getAll(process.argv[1])) console.log(v)' "$1" "$2"; }
