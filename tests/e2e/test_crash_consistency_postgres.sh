#!/usr/bin/env bash
# Crash consistency on PostgreSQL (issue 4 item 4; docs/security-tests.md): as test_crash_consistency.sh, with
# mytokend on a PostgreSQL server of its own (scripts/pg-test-server.sh); PostgreSQL itself keeps running, only
# mytokend is killed. The integrity check is amcheck's bt_index_check on every index (lib_consistency.sh).
source "$(dirname "$0")/lib.sh"
PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
pg_cleanup() {
  local rc=$?
  bash "$PG_SCRIPT" stop "$PG_STATE" >/dev/null 2>&1
  (exit "$rc")
  cleanup
}
trap pg_cleanup EXIT
PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE") || die "PostgreSQL did not start"
DB_BACKEND=postgres
source "$(dirname "$0")/lib_consistency.sh"
source "$(dirname "$0")/lib_crash.sh"

crash_config
sed -i -e 's|^  backend: sqlite|  backend: postgres|' -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"|" "$MT_CONFIG"
expect_contains "$(cat "$MT_CONFIG")" "backend: postgres" "mytokend is configured for PostgreSQL"
start_all
run_crash_rounds
finish
