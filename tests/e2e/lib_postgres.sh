# shellcheck shell=bash
# A PostgreSQL server of the test's own (scripts/pg-test-server.sh) for the *_postgres.sh variants of SQLite
# tests; sourced after lib.sh. Starts the server at once (stopped on exit) and sets PG_URL and DB_BACKEND for
# lib_consistency.sh; pg_config switches the written mytokend configuration over to it.
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

pg_config() { # after write_mytokend_config (or a wrapper of it)
  sed -i -e 's|^  backend: sqlite|  backend: postgres|' -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"|" "$MT_CONFIG"
  expect_contains "$(cat "$MT_CONFIG")" "backend: postgres" "mytokend is configured for PostgreSQL"
}
