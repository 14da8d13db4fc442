#!/usr/bin/env bash
# GET /health (docs/deployment.md): 200 {"status":"ok"} whatever the request carries, without the database —
# it keeps answering while PostgreSQL is down (that part is skipped when PostgreSQL is not installed, outside CI).
source "$(dirname "$0")/lib.sh"
PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
# shellcheck disable=SC2317 # called by the EXIT trap
health_cleanup() {
  local rc=$?
  bash "$PG_SCRIPT" stop "$PG_STATE" >/dev/null 2>&1 || true
  (exit "$rc")
  cleanup
}
trap health_cleanup EXIT

expect_health() { # expect_health MESSAGE [curl args...]
  local msg=$1
  shift
  http GET /health "$@"
  expect_status 200 "$msg -> 200"
  expect_eq "$BODY" '{"status":"ok"}' "$msg -> {\"status\":\"ok\"}"
}

start_all
expect_health "GET /health"
expect_match "$(header content-type)" '^application/json' "/health is JSON"
expect_health "GET /health with a bearer token and a body" \
  -H 'Authorization: Bearer not.a.token' -H 'Content-Type: application/json' --data-binary '{"x":' -X GET
expect_health "GET /health/ (trailing slash)" --path-as-is
http HEAD /health
expect_status 200 "HEAD /health -> 200"
api_post /health '{}'
expect_status 405 "POST /health -> 405"

# --- no database access: answers while PostgreSQL is halted, when the token endpoints cannot ---
if PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE" --optional) && [[ -n $PG_URL ]]; then
  stop_mytokend
  sed -i -e 's|^  backend: sqlite|  backend: postgres|' -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"|" "$MT_CONFIG"
  start_mytokend
  mt=$(login_mytoken '{}')
  bash "$PG_SCRIPT" halt "$PG_STATE" >/dev/null
  expect_health "GET /health while PostgreSQL is down"
  api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$mt" '{action: "introspect", mytoken: $mt}')"
  expect_match "$STATUS" '^5[0-9][0-9]$' "introspection while PostgreSQL is down -> 5xx (got $STATUS)"
  bash "$PG_SCRIPT" resume "$PG_STATE" >/dev/null
else
  say "skip: PostgreSQL is not installed (the no-database check needs it)"
fi
finish
