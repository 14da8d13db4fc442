# shellcheck shell=bash
# Database checks of the hostile-input and crash-consistency tests; sourced after lib.sh.
# They read the database the way an operator would (sqlite3 CLI, psql): integrity, a fingerprint of every table
# (to prove that a batch of hostile requests changed nothing) and queries for half-written rows.
# DB_BACKEND is sqlite (default: the test's $TMP/mytoken.db, or $DB_FILE) or postgres ($PG_URL, password in
# $PG_PASSWORD_FILE if set).
DB_BACKEND=${DB_BACKEND:-sqlite}
DB_FILE=${DB_FILE:-$TMP/mytoken.db}

# db_query SQL: rows as `|`-separated text, one per line.
db_query() {
  if [[ $DB_BACKEND == postgres ]]; then
    PGPASSWORD=$(cat "${PG_PASSWORD_FILE:-/dev/null}" 2>/dev/null || true) \
      psql "$PG_URL" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -c "$1"
  else
    sqlite3 -bail "$DB_FILE" "$1"
  fi
}

db_tables() {
  if [[ $DB_BACKEND == postgres ]]; then
    db_query "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
              AND table_type = 'BASE TABLE' ORDER BY table_name"
  else
    db_query "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
  fi
}

# db_fingerprint [EXCLUDED-TABLE...]: one line per table: name, row count and a hash of all its rows.
db_fingerprint() {
  local table excluded=" $* " count digest
  for table in $(db_tables); do
    [[ $excluded == *" $table "* ]] && continue
    count=$(db_query "SELECT count(*) FROM \"$table\"")
    if [[ $DB_BACKEND == postgres ]]; then
      digest=$(db_query "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"$table\" t")
    else
      digest=$(db_query "SELECT * FROM \"$table\" ORDER BY rowid" | sha256sum | cut -c1-32)
    fi
    printf '%s rows=%s %s\n' "$table" "$count" "$digest"
  done
}

# db_integrity: "ok" if the database engine finds its files sound. SQLite: PRAGMA integrity_check and
# foreign_key_check. PostgreSQL: amcheck's bt_index_check on every B-tree index (heap and index agree).
db_integrity() {
  if [[ $DB_BACKEND == postgres ]]; then
    db_query "CREATE EXTENSION IF NOT EXISTS amcheck" >/dev/null 2>&1 || {
      echo "amcheck unavailable"
      return 0
    }
    local bad
    bad=$(db_query "SELECT count(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_index i
                      JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE a.amname = 'btree' AND n.nspname = current_schema()) checked" 2>&1 >/dev/null) || true
    if [[ -z $bad ]]; then echo ok; else echo "$bad"; fi
  else
    local check fk
    check=$(db_query "PRAGMA integrity_check" | tr '\n' ' ')
    fk=$(db_query "PRAGMA foreign_key_check" | tr '\n' ' ')
    if [[ $check == "ok " && -z $fk ]]; then echo ok; else echo "integrity: $check foreign keys: $fk"; fi
  fi
}

# Half-written state: each query counts rows that a committed transaction can never leave behind (schema of
# src/store/*/schema.cpp). Prints "name=count" for every non-zero one; nothing if the database is consistent.
DB_ORPHAN_QUERIES=(
  "subtoken_without_parent|SELECT count(*) FROM mytokens c WHERE c.parent_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM mytokens p WHERE p.mom_id = c.parent_id)"
  "mytoken_without_key_wrap|SELECT count(*) FROM mytokens m WHERE NOT EXISTS (SELECT 1 FROM key_wraps k WHERE k.mom_id = m.mom_id)"
  "key_wrap_of_other_family|SELECT count(*) FROM key_wraps k JOIN mytokens m ON m.mom_id = k.mom_id WHERE k.rt_id <> m.rt_id"
  "mytoken_without_refresh_token|SELECT count(*) FROM mytokens m WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.id = m.rt_id)"
  "mytoken_without_user|SELECT count(*) FROM mytokens m WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)"
  "refresh_token_without_mytoken|SELECT count(*) FROM refresh_tokens r WHERE NOT EXISTS (SELECT 1 FROM mytokens m WHERE m.rt_id = r.id)"
  "event_of_missing_token|SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mytokens m WHERE m.mom_id = e.mom_id)"
  "access_token_of_missing_token|SELECT count(*) FROM access_tokens a WHERE NOT EXISTS (SELECT 1 FROM mytokens m WHERE m.mom_id = a.mom_id)"
  "usage_of_missing_token|SELECT count(*) FROM usages u WHERE NOT EXISTS (SELECT 1 FROM mytokens m WHERE m.mom_id = u.mom_id)"
  "code_of_missing_token|SELECT count(*) FROM proxy_tokens p WHERE p.mom_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM mytokens m WHERE m.mom_id = p.mom_id)"
  "code_without_token|SELECT count(*) FROM proxy_tokens p WHERE p.kind IN ('short_token', 'transfer_code') AND p.mom_id IS NULL"
  "mytoken_without_creation_event|SELECT count(*) FROM mytokens m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.mom_id = m.mom_id)"
)
db_orphans() {
  local entry name n
  for entry in "${DB_ORPHAN_QUERIES[@]}"; do
    name=${entry%%|*}
    n=$(db_query "${entry#*|}")
    if [[ $n != 0 ]]; then printf '%s=%s\n' "$name" "$n"; fi
  done
}
