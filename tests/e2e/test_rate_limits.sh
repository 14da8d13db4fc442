#!/usr/bin/env bash
# shellcheck disable=SC2317 # helpers below are called through until_status and expect_true
# Request rate limits (docs/rate_limits.md): per client IP and per mytoken, 429 too_many_requests with
# Retry-After and the JSON error object; other clients and other tokens are still served; discovery and /jwks
# are never limited; a limit ends with its window (2 s here: checked as "eventually"); stored counter keys are
# keyed hashes. Then two instances on one PostgreSQL share the per-token limit.
# Client addresses other than 127.0.0.1 come from X-Forwarded-For: the test trusts itself as a proxy.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"

write_mytokend_config
sed -i 's|^  trusted_proxies: .*|  trusted_proxies: ["127.0.0.1/32"]|' "$MT_CONFIG"
# small limits and a short window
sed -i 's|^features:|features:\n  request_rate_limits: {enabled: true, window: 2, per_ip: 20, per_token: 5}|' "$MT_CONFIG"
start_all

# introspect_as IP MYTOKEN: tokeninfo introspect from client IP (X-Forwarded-For)
introspect_as() {
  api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$2" '{action: "introspect", mytoken: $mt}')" -H "X-Forwarded-For: $1"
}
# until_status CODE SECONDS COMMAND...: repeats COMMAND until it answers CODE; fails after SECONDS
until_status() {
  local code=$1 deadline=$((SECONDS + $2))
  shift 2
  while ((SECONDS < deadline)); do
    "$@"
    [[ $STATUS == "$code" ]] && return 0
    sleep 0.02
  done
  return 1
}
# expect_refusal: the last answer is the documented 429 with a Retry-After within the 2 s window
expect_refusal() {
  expect_error 429 too_many_requests "rate limit exceeded, retry later"
  expect_match "$(header Retry-After)" '^[12]$' "429 carries Retry-After: seconds until the window ends"
}

# --- per token: 5 uses per 2 s window; every use from another address, so only the token limit applies ---
mt_a=$(login_mytoken)
mt_b=$(login_mytoken)
n=0
use_a() {
  n=$((n + 1))
  introspect_as "203.0.113.$((n % 250 + 1))" "$mt_a"
}
# burst_a: 10 uses of mt_a at once (one curl, in parallel) from one fresh address, then one more: over the token
# limit (5) however slowly this machine runs requests one after another, under the per-IP one (20).
burst_a() {
  local urls=() body
  body=$(jq -nc --arg mt "$mt_a" '{action: "introspect", mytoken: $mt}')
  for _ in $(seq 10); do urls+=(-o /dev/null "$(url_of /api/v0/tokeninfo)"); done
  n=$((n + 1))
  curl -sS -Z --parallel-max 10 --max-time 30 -X POST -H 'Content-Type: application/json' --data-binary "$body" \
    -H "X-Forwarded-For: 203.0.113.$((n % 250 + 1))" "${urls[@]}" >/dev/null 2>&1 || true
  use_a
}
if until_status 429 20 burst_a; then
  pass "a token used too often is refused"
  expect_refusal
  introspect_as 203.0.113.251 "$mt_b"
  expect_status 200 "another token is still served"
  api_post /api/v0/tokeninfo '{"action":"introspect","mytoken":"not-a-token"}' -H "X-Forwarded-For: 203.0.113.252"
  expect_error 401 invalid_token
else
  fail "no 429 for a token used continuously for 20 s" "$(last_request_context)"
fi
expect_true "the token is served again once the window ended" until_status 200 20 use_a

# burst_from IP: 40 introspections from client IP at once (one curl, in parallel), so that a window is exceeded
# however slowly this machine runs one request after another.
burst_from() {
  local urls=()
  for _ in $(seq 40); do urls+=(-o /dev/null "$(url_of /api/v0/tokeninfo)"); done
  curl -sS -Z --parallel-max 40 --max-time 30 -X POST -H 'Content-Type: application/json' \
    --data-binary '{"action":"introspect"}' -H "X-Forwarded-For: $1" "${urls[@]}" >/dev/null 2>&1 || true
}

# --- per client IP: 20 API requests per 2 s window ---
from_c() { api_post /api/v0/tokeninfo '{"action":"introspect"}' -H "X-Forwarded-For: 198.51.100.7"; }
burst_c() {
  burst_from 198.51.100.7
  from_c
}
if until_status 429 20 burst_c; then
  pass "a client sending too many requests is refused"
  expect_refusal
  api_get /.well-known/mytoken-configuration -H "X-Forwarded-For: 198.51.100.7"
  expect_status 200 "discovery is not limited"
  api_get /jwks -H "X-Forwarded-For: 198.51.100.7"
  expect_status 200 "/jwks is not limited"
  introspect_as 198.51.100.8 "$mt_b"
  expect_status 200 "another client is still served"
  introspect_as 2001:db8:7:7::1 "$mt_b"
  expect_status 200 "an IPv6 client is served"
else
  fail "no 429 for a client sending continuously for 20 s" "$(last_request_context)"
fi
expect_true "the client is served again once the window ended" until_status 401 20 from_c
expect_json_eq .error invalid_token "after the window the request reaches the endpoint again"

# --- the store holds keyed hashes only ---
keys=$(sqlite3 "$TMP/mytoken.db" "SELECT key FROM rate_limits")
expect_ne "$keys" "" "request counters are shared through the store"
leaks=0
for needle in 127.0.0.1 198.51.100.7 203.0.113 "$(mom_id_of "$mt_a")" "$mt_a"; do
  if grep -qF -- "$needle" <<<"$keys"; then leaks=$((leaks + 1)); fi
done
expect_eq "$leaks" 0 "no address, mom_id or token in the stored counter keys"
stop_mytokend

# --- two instances on one PostgreSQL share the per-token limit (10 per hour, batch 1) ---
PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
B_PORT=$(free_port)
B=http://127.0.0.1:$B_PORT
B_PID=""
# shellcheck disable=SC2317 # called by the EXIT trap
pg_cleanup() {
  local rc=$?
  set +e
  stop_pid "$B_PID"
  bash "$PG_SCRIPT" stop "$PG_STATE"
  (exit "$rc")
  cleanup
}
trap pg_cleanup EXIT
PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE") || die "PostgreSQL did not start"
sed -e 's|^  backend: sqlite|  backend: postgres|' -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"|" \
  -e 's|request_rate_limits: {.*}|request_rate_limits: {window: 3600, per_ip: 1000, per_token: 10}|' \
  "$MT_CONFIG" >"$TMP/a.yaml"
sed -e "s|^  listen: .*|  listen: \"127.0.0.1:$B_PORT\"|" "$TMP/a.yaml" >"$TMP/b.yaml"
MT_CONFIG=$TMP/a.yaml
start_mytokend # instance A, the issuer's address: logins run there
"$MYTOKEND" --config "$TMP/b.yaml" >>"$TMP/mytokend-b.log" 2>&1 </dev/null &
B_PID=$!
wait_until_serving "$B_PID" "$B" "$TMP/mytokend-b.log"
mt=$(login_mytoken)
# Not a synchronisation: keeps the 20-odd requests below inside one hourly window.
if (($(now) % 3600 > 3540)); then sleep $((3600 - $(now) % 3600)); fi
served_a=0 served_b=0
for _ in $(seq 1 10); do
  introspect_as 192.0.2.10 "$mt"
  if [[ $STATUS == 200 ]]; then served_a=$((served_a + 1)); fi
done
expect_eq "$served_a" 10 "instance A serves the token's 10 uses"
for _ in $(seq 1 10); do
  api_post "$B/api/v0/tokeninfo" "$(jq -nc --arg mt "$mt" '{action: "introspect", mytoken: $mt}')"
  if [[ $STATUS == 200 ]]; then served_b=$((served_b + 1)); fi
done
expect_true "instance B knows the uses on A: at most 2 × batch (2) more ($served_b)" test "$served_b" -le 2
expect_refusal_b() { [[ $STATUS == 429 && $(jget .error) == too_many_requests && -n $(header Retry-After) ]]; }
expect_true "instance B refuses with 429 and Retry-After" expect_refusal_b

finish
