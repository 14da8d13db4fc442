#!/usr/bin/env bash
# mytokend's admin commands (docs/operations.md): check-config changes nothing and names each problem; backup
# takes a consistent copy of the live SQLite database that a server can run on; a database written by a newer
# binary is refused by the server, migrate and check-config; a bad command line gets a usage error.
source "$(dirname "$0")/lib.sh"
admin() { "$MYTOKEND" "$@" --config "$MT_CONFIG" 2>&1; }

# --- check-config before the first start: nothing exists yet, and nothing is created ---
write_mytokend_config
out=$(admin check-config) && rc=0 || rc=$?
expect_eq "$rc" 0 "check-config on a fresh config exits 0 ($out)"
expect_contains "$out" "absent: created at the first start" "check-config says the keys will be made at the first start"
expect_contains "$out" "no schema yet" "check-config says the database will be made at the first start"
expect_true "check-config created no key" test ! -e "$TMP/signing-key.pem"
expect_true "check-config created no database" test ! -e "$TMP/mytoken.db"

start_all
mt=$(login_mytoken '{"capabilities":["AT","tokeninfo"],"name":"backed up"}')
out=$(admin check-config) && rc=0 || rc=$?
expect_eq "$rc" 0 "check-config on the running server's config exits 0"
expect_match "$out" "ok: database .*schema version [0-9]+, up to date" "check-config reads the schema version"
expect_match "$out" "ok: signing key [A-Za-z0-9_-]+ \(ES512\), 0 verification-only" "check-config reads the key"
expect_contains "$out" "is valid" "check-config ends with its verdict"

# --- backup of the live database ---
out=$(admin backup "$TMP/backup.db") && rc=0 || rc=$?
expect_eq "$rc" 0 "backup of the running server's database exits 0 ($out)"
expect_eq "$(stat -c %a "$TMP/backup.db")" 600 "the backup file is private (0600)"
expect_eq "$(sqlite3 "$TMP/backup.db" 'PRAGMA integrity_check')" ok "the backup passes SQLite's integrity check"
expect_eq "$(sqlite3 "$TMP/backup.db" 'SELECT count(*) FROM mytokens')" "$(sqlite3 "$TMP/mytoken.db" 'SELECT count(*) FROM mytokens')" \
  "the backup holds the tokens"
before=$(sha256sum <"$TMP/backup.db")
out=$(admin backup "$TMP/backup.db") && rc=0 || rc=$?
expect_eq "$rc" 1 "a backup never overwrites a file"
expect_contains "$out" "File exists" "... and says so"
expect_eq "$(sha256sum <"$TMP/backup.db")" "$before" "the existing file is unchanged"
out=$(admin backup "$TMP/no/such/dir/x.db") && rc=0 || rc=$?
expect_eq "$rc" 1 "a backup into a missing directory exits 1 ($out)"

# --- restore: a server on the backup (same keys and pepper) serves the backed-up token ---
stop_mytokend
mv "$TMP/mytoken.db" "$TMP/original.db"
rm -f "$TMP/mytoken.db-wal" "$TMP/mytoken.db-shm"
cp "$TMP/backup.db" "$TMP/mytoken.db"
start_mytokend
at_request "$mt"
expect_status 200 "a server restored from the backup issues an AT for the backed-up token"
api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$mt" '{action: "introspect", mytoken: $mt}')"
expect_json_eq .token.name "backed up" "... and knows its name"
stop_mytokend

# --- a schema newer than this binary: refused by everything, the database untouched ---
sqlite3 "$TMP/mytoken.db" 'INSERT INTO schema_version (version) VALUES (999)'
out=$(timeout 20 "$MYTOKEND" --config "$MT_CONFIG" 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 1 "the server refuses to start on a newer schema"
expect_contains "$out" "newer than this binary knows" "... saying why"
out=$(admin migrate) && rc=0 || rc=$?
expect_eq "$rc" 1 "migrate refuses a newer schema"
out=$(admin check-config) && rc=0 || rc=$?
expect_eq "$rc" 1 "check-config fails on a newer schema"
expect_contains "$out" "schema version 999, newer than this binary knows" "... naming the version"
expect_eq "$(sqlite3 "$TMP/mytoken.db" 'SELECT max(version) FROM schema_version')" 999 "the database is untouched"

# --- the other backend and bad command lines ---
sed -e 's|^  backend: sqlite|  backend: postgres|' -e 's|^  path: "mytoken.db"|  url: "postgresql://127.0.0.1:1/none"|' \
  "$MT_CONFIG" >"$TMP/pg.yaml"
out=$("$MYTOKEND" backup "$TMP/pg.db" --config "$TMP/pg.yaml" 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 1 "backup of a PostgreSQL database exits 1"
expect_contains "$out" "pg_dump" "... and points to pg_dump"
out=$("$MYTOKEND" check-config --config "$TMP/pg.yaml" 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 1 "check-config reports an unreachable PostgreSQL"
expect_contains "$out" "postgres" "... naming it"
out=$("$MYTOKEND" frobnicate 2>&1) && rc=0 || rc=$?
expect_ne "$rc" 0 "an unknown command fails"
expect_contains "$out" "frobnicate" "... naming it"
out=$("$MYTOKEND" backup --config "$MT_CONFIG" 2>&1) && rc=0 || rc=$?
expect_ne "$rc" 0 "backup without a file fails"
out=$("$MYTOKEND" --help 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 0 "--help exits 0"
for command in serve migrate check-config backup keys; do
  expect_contains "$out" "$command" "--help lists $command"
done
expect_match "$("$MYTOKEND" --version)" "^mytokend [0-9]" "--version prints the version"
finish
