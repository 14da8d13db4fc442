#!/usr/bin/env bash
# Hostile HTTP (issue 4 item 2; docs/security-tests.md): path traversal and encoded separators, odd and garbage
# methods, malformed request heads (missing/duplicate Host, request smuggling shapes, bad versions), oversized
# heads, pipelined requests, slow clients (slowloris) and thousands of idle connections, with the connection cap
# as configured. Each case gets its documented answer, the server keeps serving others throughout, and the
# database is unchanged afterwards. Raw bytes go through raw_http.mjs (node): curl cannot send most of them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_consistency.sh"
RAW="node $E2E_DIR/raw_http.mjs"
trim() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$1"; }
LOAD_PID="" IDLE_PID=""
hostile_http_cleanup() {
  local rc=$?
  stop_pid "$IDLE_PID"
  stop_pid "$LOAD_PID"
  (exit "$rc")
  cleanup
}
trap hostile_http_cleanup EXIT

# mytokend runs with the common soft descriptor limit of 1024: it has to raise it itself to serve thousands of
# connections (the clients of this test get the hard limit).
HARD_NOFILE=$(ulimit -Hn)
if [[ $HARD_NOFILE == unlimited || $HARD_NOFILE -ge 8192 ]]; then ulimit -Sn 1024; fi
clients_ulimit() { if [[ $HARD_NOFILE == unlimited ]]; then echo 65536; else echo "$HARD_NOFILE"; fi; }

write_mytokend_config
sed -i '/^server:$/a\  read_timeout: 2\n  idle_timeout: 10' "$MT_CONFIG" # slow and idle clients are cut off quickly
start_all
mt=$(login_mytoken '{}')
serving() { # serving MESSAGE: a normal request succeeds now
  at_request "$mt"
  expect_status 200 "$1"
}
before=$(db_fingerprint rate_limits)

# --- paths and methods (curl --path-as-is sends them unnormalised) -----------------------------------------------
# STATUS ERROR | METHOD | PATH ("html": a 404 page of a browser path; ERROR "-": status only, no body expected)
PATHS=$(
  cat <<'EOF'
404 not_found          | GET      | /api/v0/../../jwks
404 not_found          | GET      | /api/v0/%2e%2e/%2e%2e/jwks
404 not_found          | GET      | /api/v0/%2E%2E/%2E%2E/.well-known/mytoken-configuration
404 not_found          | GET      | /.well-known/../jwks
404 not_found          | GET      | /static/../../../../etc/passwd
404 not_found          | GET      | /%2e%2e/%2e%2e/%2e%2e/etc/passwd
404 not_found          | GET      | //jwks
404 not_found          | GET      | /jwks//
404 not_found          | POST     | /api//v0/token/my
404 not_found          | POST     | /api/v0/token/../tokeninfo
404 not_found          | GET      | /jwks%00
404 not_found          | GET      | /jwks%00.json
400 invalid_request    | GET      | /jwks%2f
400 invalid_request    | POST     | /api/v0/token%2Frevoke
400 invalid_request    | GET      | /c/..%2f..%2fetc%2fpasswd
400 invalid_request    | GET      | /jwks%
400 invalid_request    | GET      | /jwks%zz
404 not_found          | GET      | /api/v0/%c0%ae%c0%ae/jwks
405 Method Not Allowed | TRACE    | /jwks
405 Method Not Allowed | TRACE    | /api/v0/token/my
405 Method Not Allowed | CONNECT  | /jwks
405 Method Not Allowed | PROPFIND | /api/v0/token/my
405 Method Not Allowed | DELETE   | /api/v0/token/my
405 Method Not Allowed | PUT      | /jwks
405 Method Not Allowed | PATCH    | /api/v0/tokeninfo
405 Method Not Allowed | GET      | /api/v0/token/access
405 Method Not Allowed | get      | /jwks
400 invalid_request    | G@RBAGE  | /jwks
400 invalid_request    | GET\tX   | /jwks
EOF
)
while IFS='|' read -r expected method path; do
  read -r status error <<<"${expected% }"
  [[ -z $status ]] && continue
  method=$(printf '%b' "$(trim "$method")") path=$(trim "$path")
  http "$method" "$path" --path-as-is
  LAST_REQUEST="$method $path"
  if [[ $(jget .error) == "$error" && $STATUS == "$status" && $(jget '.error_description | type') == string ]]; then
    pass "$method $path -> $status $error"
  else
    fail "$method $path -> $status $error" "$(last_request_context)"
  fi
done <<<"$PATHS"
http TRACE /jwks
expect_match "$(header Allow)" 'GET' "405 names the allowed methods in Allow"
http OPTIONS /api/v0/token/my
expect_status 204 "CORS preflight (OPTIONS) answers 204 without doing anything"
http HEAD /jwks
expect_status 200 "HEAD /jwks"
expect_eq "$BODY" "" "HEAD has no body"
serving "serving after the path and method cases"

# --- raw request heads -------------------------------------------------------------------------------------------
# send_raw BYTES (printf %b): the JSON summary of raw_http.mjs for BYTES sent in one write.
send_raw() { printf '%b' "$1" | $RAW send "$MT_PORT" "${2:-2000}"; }
# STATUS ERROR | BYTES (printf %b). Every malformed head is answered 400 and the connection closed.
HEADS=$(
  cat <<'EOF'
200 -               | GET /jwks HTTP/1.0\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.1\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n{}
400 invalid_request | POST /api/v0/token/my HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n
400 invalid_request | GET /jwks HTTP/2.0\r\nHost: a\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.1\nHost: a\n\n
400 invalid_request | GET /jwks\r\n\r\n
400 invalid_request | GET http://evil.example/jwks HTTP/1.1\r\nHost: a\r\n\r\n
400 invalid_request | GET * HTTP/1.1\r\nHost: a\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n
400 invalid_request | GET /jwks HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n
200 -               | GET /jwks HTTP/1.0\r\nX-Folded: a\r\n b\r\n\r\n
400 invalid_request | GET /jw\x00ks HTTP/1.1\r\nHost: a\r\n\r\n
400 invalid_request | \x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03
EOF
)
while IFS='|' read -r expected bytes; do
  read -r status error <<<"$expected"
  [[ -z $status ]] && continue
  bytes=$(trim "$bytes")
  out=$(send_raw "$bytes")
  got=$(jq -r '[.responses[0].status // "none", (.responses[0].body | fromjson? | .error) // "-",
                 .closed_by_server, (.responses | length)] | join(" ")' <<<"$out")
  expect_eq "$got" "$status $error true 1" "raw: $(head -c 90 <<<"$bytes") -> $status $error, then close"
done <<<"$HEADS"
out=$(send_raw 'GET /jwks HTTP/1.1\r\nHost: a\r\nX-Big: '"$(head -c 9000 /dev/zero | tr '\0' x)"'\r\n\r\n')
expect_eq "$(jq -r '[.responses[0].status, .closed_by_server] | join(" ")' <<<"$out")" "431 true" "a 9 KB header -> 431, then close"
out=$(send_raw "GET /jwks HTTP/1.1\r\nHost: a\r\n$(for i in $(seq 1 1500); do printf 'X-%d: y\\r\\n' "$i"; done)\r\n")
expect_eq "$(jq -r '[.responses[0].status, .closed_by_server] | join(" ")' <<<"$out")" "431 true" "1500 small headers -> 431, then close"
out=$(send_raw "GET /jwks?$(head -c 12000 /dev/zero | tr '\0' a) HTTP/1.1\r\nHost: a\r\n\r\n")
expect_eq "$(jq -r '[.responses[0].status, .closed_by_server] | join(" ")' <<<"$out")" "431 true" "a 12 KB request line -> 431, then close"
http GET /jwks -H "X-Big: $(head -c 65536 /dev/zero | tr '\0' x)"
expect_match "$STATUS" '^(431|000)$' "a 64 KiB header through curl -> 431 (or the connection closed while curl still sends)"
serving "serving after the malformed request heads"

# --- pipelining: several requests in one write, answered in order ------------------------------------------------
sub_body=$(jq -nc --arg mt "$mt" '{grant_type: "mytoken", mytoken: $mt, capabilities: ["nope"]}')
at_body=$(jq -nc --arg mt "$mt" '{grant_type: "mytoken", mytoken: $mt}')
post() { printf 'POST %s HTTP/1.1\\r\\nHost: a\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n%s' "$1" "${#2}" "$2"; }
out=$(send_raw "GET /jwks HTTP/1.1\r\nHost: a\r\n\r\nGET /nope HTTP/1.1\r\nHost: a\r\n\r\n$(post /api/v0/token/my "$sub_body")$(post /api/v0/token/access "$at_body")GET /.well-known/mytoken-configuration HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" 5000)
expect_eq "$(jq -r '[.responses[].status] | join(" ")' <<<"$out")" "200 404 400 200 200" "five pipelined requests: five answers, in order"
expect_eq "$(jq -r '[(.responses[0].body | fromjson | has("keys")), (.responses[1].body | fromjson | .error),
   (.responses[2].body | fromjson | .error), (.responses[3].body | fromjson | has("access_token")),
   (.responses[4].body | fromjson | .issuer != null)] | map(tostring) | join(" ")' <<<"$out")" "true not_found invalid_request true true" \
  "each pipelined answer is the one for its request"
expect_eq "$(jq -r '.closed_by_server' <<<"$out")" true "the connection closes after the request with Connection: close"
out=$(send_raw "GET /jwks HTTP/1.1\r\nHost: a\r\n\r\nGARBAGE\r\n\r\nGET /jwks HTTP/1.1\r\nHost: a\r\n\r\n")
expect_eq "$(jq -r '[.responses[].status] | join(" ")' <<<"$out")" "200 400" \
  "pipelined: a good request, a malformed one (400, then close), the third is never read"
out=$(send_raw "$(for i in $(seq 1 100); do printf 'GET /jwks HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n'; done)" 5000)
expect_eq "$(jq -r '"\([.responses[].status] | unique | map(tostring) | join(" ")) x\(.responses | length)"' <<<"$out")" "200 x100" \
  "100 pipelined requests in one write: 100 answers"

# --- slow clients (slowloris): cut off by server.read_timeout while others are served ----------------------------
# 30 connections send a request head one byte every 300 ms and never finish it.
$RAW slow "$MT_PORT" 30 300 30000 >"$TMP/slow.json" 2>&1 &
LOAD_PID=$!
for i in 1 2 3 4 5; do serving "a normal request while 30 slowloris connections trickle ($i)"; done
wait "$LOAD_PID" || true
LOAD_PID=""
expect_eq "$(jq -r '[.closed_by_server, .still_open] | join(" ")' "$TMP/slow.json")" "30 0" \
  "the server closed all 30 slow connections (read_timeout 2 s) before the client gave up (30 s)"
serving "serving after the slow clients"

# --- 2000 idle connections: others are still served; idle_timeout closes them ------------------------------------
say "mytokend was started with the soft descriptor limit $(ulimit -Sn) (hard: $HARD_NOFILE)"
# idle_connections COUNT OUT: starts raw_http.mjs idle (IDLE_PID) and waits until every connection settled.
idle_connections() {
  bash -c "ulimit -Sn $(clients_ulimit); exec $RAW idle $MT_PORT $1" >"$2" 2>&1 &
  IDLE_PID=$!
  local deadline=$((SECONDS + 60))
  until grep -q '"event":"ready"' "$2"; do
    kill -0 "$IDLE_PID" 2>/dev/null || die "raw_http.mjs idle ended early: $(cat "$2")"
    ((SECONDS < deadline)) || die "idle connections not settled within 60 s: $(cat "$2")"
    sleep 0.2
  done
}
last_idle_state() { grep '"event"' "$1" | tail -n 1; }
idle_connections 2000 "$TMP/idle.json"
expect_eq "$(jq -r '[.open, .failed] | join(" ")' <<<"$(grep '"ready"' "$TMP/idle.json")")" "2000 0" \
  "2000 idle connections are open"
for i in 1 2 3; do serving "a normal request while 2000 connections sit idle ($i)"; done
api_get /.well-known/mytoken-configuration
expect_status 200 "discovery while 2000 connections sit idle"
deadline=$((SECONDS + 60))
until [[ $(jq -r .open <<<"$(last_idle_state "$TMP/idle.json")") == 0 ]] || ((SECONDS >= deadline)); do sleep 0.5; done
expect_eq "$(jq -r '[.open, .closed_by_server] | join(" ")' <<<"$(last_idle_state "$TMP/idle.json")")" "0 2000" \
  "the server closed all 2000 idle connections (idle_timeout 10 s)"
stop_pid "$IDLE_PID"
IDLE_PID=""
expect_eq "$(grep -c 'accept: ' "$TMP/mytokend.log" || true)" 0 "no accept() failure (no descriptor exhaustion) in the log"
serving "serving after the idle connections"

# --- the connection cap (server.max_connections): beyond it, connections are accepted and closed at once --------
stop_mytokend
sed -i '/^server:$/a\  max_connections: 300' "$MT_CONFIG"
start_mytokend
idle_connections 500 "$TMP/capped.json"
deadline=$((SECONDS + 30))
until [[ $(jq -r .open <<<"$(last_idle_state "$TMP/capped.json")") -le 300 ]] || ((SECONDS >= deadline)); do sleep 0.2; done
expect_eq "$(jq -r '[.open, .closed_by_server] | join(" ")' <<<"$(last_idle_state "$TMP/capped.json")")" "300 200" \
  "max_connections 300: of 500 idle connections 300 stay open, 200 are closed at once"
api_get /.well-known/mytoken-configuration
expect_status 000 "at the cap a new connection is closed without an answer (until idle ones time out)"
expect_contains "$(cat "$TMP/mytokend.log")" "connection limit 300 reached" "the refusal is logged"
deadline=$((SECONDS + 60))
until [[ $(jq -r .open <<<"$(last_idle_state "$TMP/capped.json")") == 0 ]] || ((SECONDS >= deadline)); do sleep 0.5; done
stop_pid "$IDLE_PID"
IDLE_PID=""
serving "once the idle connections timed out, new ones are served again"

# --- afterwards ---------------------------------------------------------------------------------------------------
after=$(db_fingerprint rate_limits events access_tokens usages)
before_cmp=$(grep -vE '^(events|access_tokens|usages) ' <<<"$before")
expect_eq "$after" "$before_cmp" "no hostile request changed the database (normal AT requests only add audit rows)"
expect_eq "$(db_integrity)" ok "SQLite integrity_check and foreign_key_check pass"
expect_eq "$(db_orphans)" "" "no half-written rows"
expect_true "mytokend is still running" kill -0 "$MT_PID"
finish
