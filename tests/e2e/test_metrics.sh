#!/usr/bin/env bash
# The admin listener (docs/monitoring.md): /metrics in the Prometheus text format, parsed by the real parser of
# python3-prometheus-client; counters move with logins, access tokens, errors and revocations; no label carries a
# token, code, address or subject. /health/live and /health/ready: not ready while no provider's metadata could be
# loaded (OP down at start-up) or the database is down (PostgreSQL, skipped without it outside CI), ready again by
# itself. admin.listen "" -> nothing listens.
source "$(dirname "$0")/lib.sh"
PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
# shellcheck disable=SC2317 # called by the EXIT trap
metrics_cleanup() {
  local rc=$?
  bash "$PG_SCRIPT" stop "$PG_STATE" >/dev/null 2>&1 || true
  (exit "$rc")
  cleanup
}
trap metrics_cleanup EXIT

PYTHON=/usr/bin/python3 # Debian's, with python3-prometheus-client (scripts/setup.sh)
"$PYTHON" -c 'import prometheus_client.parser' 2>/dev/null || die "python3-prometheus-client missing: run scripts/setup.sh"
ADMIN_PORT=$(free_port)
MT_ADMIN_LISTEN="127.0.0.1:$ADMIN_PORT"
ADMIN=http://127.0.0.1:$ADMIN_PORT

# scrape: GET /metrics, parsed into $TMP/metrics.json ([{name, labels, value, type}]); fails the test if the
# parser rejects the text.
scrape() {
  http GET "$ADMIN/metrics"
  expect_status 200 "GET /metrics -> 200"
  printf '%s' "$BODY" >"$TMP/metrics.txt"
  if "$PYTHON" - "$TMP/metrics.txt" >"$TMP/metrics.json" 2>"$TMP/parse.err" <<'PY'; then
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(open(sys.argv[1]).read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
PY
    pass "prometheus_client parses /metrics"
  else
    fail "prometheus_client parses /metrics" "$(cat "$TMP/parse.err")"
    echo '[]' >"$TMP/metrics.json"
  fi
}
# metric NAME [LABELS-JSON]: the sum of the samples named NAME whose labels include LABELS (exact values).
metric() {
  jq -r --arg n "$1" --argjson l "${2:-"{}"}" \
    '[.[] | select(.name == $n) | select(.labels as $x | $l | to_entries | all(.value == $x[.key])) | .value]
     | add // 0 | if . == (. | floor) then floor else . end' "$TMP/metrics.json"
}
# ready_within SECONDS CODE: polls /health/ready until it answers CODE.
ready_within() {
  local deadline=$((SECONDS + $1))
  while :; do
    http GET "$ADMIN/health/ready"
    [[ $STATUS == "$2" ]] && return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# --- the OP is down at start-up: live, but not ready, until the OP is there ---
start_mytokend
http GET "$ADMIN/health/live"
expect_status 200 "GET /health/live -> 200"
expect_json_eq .status ok
http GET "$ADMIN/health/ready"
expect_status 503 "GET /health/ready while the OP is down -> 503"
expect_json_eq .status unavailable
expect_contains "$(jget .reason)" "provider" "the reason names the providers"
expect_match "$(header content-type)" '^application/json' "/health/ready is JSON"
start_op
expect_true "ready by itself once the OP is up" ready_within 20 200
expect_json_eq .status ok

# --- the admin endpoints are not on the API listener, and the admin listener has nothing else ---
http GET /metrics
expect_status 404 "GET /metrics on the API listener -> 404"
http GET "$ADMIN/api/v0/token/my"
expect_status 404 "the API is not on the admin listener"
http POST "$ADMIN/metrics"
expect_status 405 "POST /metrics -> 405"
http GET "$ADMIN/health"
expect_status 404 "the public /health stays on the API listener only"
http GET /health
expect_status 200 "GET /health on the API listener still -> 200"

# --- counters move as requests are served ---
scrape
expect_match "$(header content-type)" '^text/plain; version=0\.0\.4' "/metrics has the text format's Content-Type"
expect_eq "$(metric mytoken_build_info "{\"version\":\"$("$MYTOKEND" --version | awk '{print $2}')\"}")" 1 \
  "mytoken_build_info{version} 1"
at_before=$(metric mytoken_access_tokens_issued_total)
at_200_before=$(metric mytoken_http_requests_total '{"endpoint":"/api/v0/token/access","method":"POST","status":"200"}')
at_401_before=$(metric mytoken_http_requests_total '{"endpoint":"/api/v0/token/access","method":"POST","status":"401"}')
created_before=$(metric mytoken_mytokens_created_total)
revoked_before=$(metric mytoken_mytokens_revoked_total)
refresh_before=$(metric mytoken_op_requests_total "{\"provider\":\"$OP\",\"operation\":\"refresh\"}")
exchange_before=$(metric mytoken_op_requests_total "{\"provider\":\"$OP\",\"operation\":\"code_exchange\"}")

mt=$(login_mytoken '{"name":"metrics"}')
for _ in 1 2 3; do
  at_request "$mt"
  expect_status 200 "access token -> 200"
  remember_secret "$(jget .access_token)"
done
at_request "not.a.mytoken"
expect_error 401 invalid_token
code=Zq7xWv3TkP9mNb2Lc4Rd # a consent code nobody issued, in a path
remember_secret "$code"
http GET "/c/$code"
consent_status=$STATUS
http GET "/no/such/$code"
expect_status 404 "an unknown path with a code in it -> 404"
api_post /api/v0/token/revoke "{\"token\":\"$mt\"}"
expect_status 204 "revoke -> 204"

scrape
expect_eq "$(($(metric mytoken_access_tokens_issued_total) - at_before))" 3 "mytoken_access_tokens_issued_total +3"
expect_eq "$(($(metric mytoken_http_requests_total \
  '{"endpoint":"/api/v0/token/access","method":"POST","status":"200"}') - at_200_before))" 3 \
  "requests_total{endpoint=/api/v0/token/access, status=200} +3"
expect_eq "$(($(metric mytoken_http_requests_total \
  '{"endpoint":"/api/v0/token/access","method":"POST","status":"401"}') - at_401_before))" 1 \
  "requests_total{endpoint=/api/v0/token/access, status=401} +1"
expect_eq "$(metric mytoken_http_requests_total "{\"endpoint\":\"/c/{code}\",\"method\":\"GET\",\"status\":\"$consent_status\"}")" 1 \
  "GET /c/<code> counted under the pattern /c/{code} (status $consent_status)"
expect_ne "$(metric mytoken_http_requests_total '{"endpoint":"unmatched","status":"404"}')" 0 \
  "the unknown path counted as endpoint=unmatched"
expect_eq "$(($(metric mytoken_mytokens_created_total) - created_before))" 1 "mytoken_mytokens_created_total +1"
expect_eq "$(($(metric mytoken_mytokens_revoked_total) - revoked_before))" 1 "mytoken_mytokens_revoked_total +1"
expect_eq "$(($(metric mytoken_op_requests_total "{\"provider\":\"$OP\",\"operation\":\"refresh\"}") - refresh_before))" 3 \
  "mytoken_op_requests_total{operation=refresh} +3"
expect_eq "$(($(metric mytoken_op_requests_total "{\"provider\":\"$OP\",\"operation\":\"code_exchange\"}") - exchange_before))" 1 \
  "mytoken_op_requests_total{operation=code_exchange} +1"
expect_eq "$(metric mytoken_op_errors_total "{\"provider\":\"$OP\",\"operation\":\"refresh\"}")" 0 "no OP refresh errors"
expect_ne "$(metric mytoken_http_request_duration_seconds_count '{"endpoint":"/api/v0/token/access"}')" 0 \
  "latency histogram of /api/v0/token/access has observations"
expect_eq "$(metric mytoken_http_request_duration_seconds_count '{"endpoint":"/api/v0/token/access"}')" \
  "$(metric mytoken_http_request_duration_seconds_bucket '{"endpoint":"/api/v0/token/access","le":"+Inf"}')" \
  "histogram: _count equals the +Inf bucket"
expect_ne "$(metric mytoken_db_transaction_duration_seconds_count '{"mode":"write"}')" 0 "database transactions measured"
expect_eq "$(metric mytoken_db_pool_size)" 8 "mytoken_db_pool_size is database.pool_size"
expect_eq "$(metric mytoken_db_connections_in_use)" 0 "no connection in use between requests"
for family in mytoken_usage_refusals mytoken_guessing_limited mytoken_rate_limited mytoken_mytokens_rotated; do
  expect_eq "$(jq -r --arg f "$family" '[.[] | select(.family == $f)] | length > 0' "$TMP/metrics.json")" true \
    "family $family is exported"
done

# --- no label value carries a token, code, address or subject ---
sub=$(jwt_payload "$mt" | jq -r '.oidc_sub // .sub')
jq -r '.[].labels[]' "$TMP/metrics.json" | sort -u >"$TMP/label-values"
leaks=$(grep -cxF -f "$SECRETS" "$TMP/label-values" || true)
expect_eq "$leaks" 0 "no label value is a token or code the test saw"
expect_eq "$(grep -cF -e "$code" -e "$mt" "$TMP/metrics.txt" || true)" 0 "the raw path's code appears nowhere"
expect_eq "$(jq '[.[].labels | del(.provider) | .[] | select(contains("127.0.0.1"))] | length' "$TMP/metrics.json")" 0 \
  "no label value holds the client address"
if [[ -n $sub && $sub != null ]]; then
  expect_eq "$(grep -cxF -- "$sub" "$TMP/label-values" || true)" 0 "no label value is the user's subject"
fi
# The provider label is the issuer URL (it holds 127.0.0.1 here: configuration, not a client address).
expect_eq "$(jq -r '[.[] | select(.labels.provider != null) | .labels.provider] | unique | join(" ")' "$TMP/metrics.json")" \
  "$OP" "the provider label is the configured issuer"

# --- the database: PostgreSQL halted -> not ready; resumed -> ready by itself ---
if PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE" --optional) && [[ -n $PG_URL ]]; then
  stop_mytokend
  sed -i -e 's|^  backend: sqlite|  backend: postgres|' -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"|" "$MT_CONFIG"
  start_mytokend
  expect_true "ready on PostgreSQL" ready_within 20 200
  bash "$PG_SCRIPT" halt "$PG_STATE" >/dev/null
  expect_true "not ready while PostgreSQL is down" ready_within 20 503
  expect_contains "$(jget .reason)" "database" "the reason names the database"
  http GET "$ADMIN/health/live"
  expect_status 200 "still live while PostgreSQL is down"
  bash "$PG_SCRIPT" resume "$PG_STATE" >/dev/null
  expect_true "ready by itself once PostgreSQL is back" ready_within 30 200
else
  say "skip: PostgreSQL is not installed (the database readiness check needs it)"
fi

# --- admin.listen "" turns the listener off; an invalid one is a start-up error naming the key ---
stop_mytokend
sed -i -e 's|^admin: .*|admin: {listen: ""}|' "$MT_CONFIG"
start_mytokend
http GET "$ADMIN/metrics"
expect_eq "$STATUS" 000 "admin.listen \"\": nothing listens on the admin port"
stop_mytokend
sed -e 's|^admin: .*|admin: {listen: "127.0.0.1:notaport"}|' "$MT_CONFIG" >"$TMP/bad.yaml"
out=$("$MYTOKEND" --config "$TMP/bad.yaml" 2>&1 </dev/null) && rc=0 || rc=$?
expect_ne "$rc" 0 "an invalid admin.listen stops the start"
expect_contains "$out" "'admin.listen'" "the error names admin.listen"
finish
