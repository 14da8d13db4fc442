# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# Scenario 3: the store at $SIZES stored mytokens, on SQLite and PostgreSQL. bench/seed_store adds realistic
# logins (token, sealed refresh token, key wrap, AT audit record, "created" event) through the Store port up
# to each size; at each size: database size per token (all, and without the history tables events and
# access_tokens), start-up time of mytokend on it, introspection and AT latency with a token of a real login.

# db_bytes BACKEND WHAT (total|history): bytes of the whole database or of its history tables.
db_bytes() {
  if [[ $1 == sqlite ]]; then
    local db=$SCALE_DIR/mytoken.db
    if [[ $2 == total ]]; then
      find "$SCALE_DIR" -maxdepth 1 -name 'mytoken.db*' -printf '%s\n' | awk '{ s += $1 } END { print s }'
    else
      sqlite3 "$db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('events', 'access_tokens', 'events_mom_id_time',
        'access_tokens_mom_id')"
    fi
  else
    if [[ $2 == total ]]; then
      psql -qAt "$PG_URL" -c "SELECT pg_database_size(current_database())"
    else
      psql -qAt "$PG_URL" -c "SELECT pg_total_relation_size('events') + pg_total_relation_size('access_tokens')"
    fi
  fi
}

scale_config() { # scale_config BACKEND
  local db
  if [[ $1 == sqlite ]]; then db="{backend: sqlite, path: \"$SCALE_DIR/mytoken.db\"}"; else db="{backend: postgres, url: \"$PG_URL\"}"; fi
  bench_config "$TMP/scale-$1.yaml" ES512 "$db"
}

# The start-up time: median of three starts (the last one stays running).
measure_startup() { # measure_startup LABEL CONFIG
  local i
  for i in 1 2 3; do
    stop_mytokend
    start_server "$2" || die "mytokend did not start on the seeded database: $(tail -3 "$TMP/mytokend.log")"
    record_value "$1.startup_ms.$i" "$STARTUP_MS"
  done
  record_value "$1.startup_ms" "$(for i in 1 2 3; do value "$1.startup_ms.$i"; done | sort -n | sed -n 2p)"
}

scale_backend() { # scale_backend sqlite|postgres
  local backend=$1 seeded=0 size label threads=1 token=""
  SCALE_DIR=$TMP/scale-$backend
  mkdir -p "$SCALE_DIR"
  if [[ $backend == postgres ]]; then
    start_postgres || { SCALE_SKIPPED[postgres]="PostgreSQL did not start (not installed?)" && return 0; }
    threads=4 # PostgreSQL takes concurrent writers; one alone would wait on every round trip
  fi
  scale_config "$backend"
  # migrate, and a real login whose token is measured at every size
  start_server "$TMP/scale-$backend.yaml" || die "mytokend did not start on $backend"
  token=$(bench_login) || die "login on the $backend server failed"
  stop_mytokend
  # the empty database (schema, PostgreSQL's catalogs, the one login) is not part of the per-token cost
  record_value "scale.$backend.base.bytes" "$(db_bytes "$backend" total)"
  record_value "scale.$backend.base.history_bytes" "$(db_bytes "$backend" history)"
  for size in $SIZES; do
    label=scale.$backend.$size
    stop_mytokend # seeding and sizes without a server (SQLite: no WAL file left)
    say "== 3. $backend: seeding up to $size tokens"
    "$SEED_STORE" --backend "$backend" --db "$([[ $backend == sqlite ]] && echo "$SCALE_DIR/mytoken.db" || echo "$PG_URL")" \
      --count $((size - seeded)) --first "$seeded" --threads "$threads" | tee -a "$TMP/seed.log" >&2
    record_value "$label.seed_rate" "$(tail -1 "$TMP/seed.log" | sed -E 's/.*\(([0-9]+) logins\/s\).*/\1/')"
    seeded=$size
    record_value "$label.bytes" "$(db_bytes "$backend" total)"
    record_value "$label.history_bytes" "$(db_bytes "$backend" history)"
    measure_startup "$label" "$TMP/scale-$backend.yaml"
    MYTOKEN=$token
    token_bodies
    jq -nc --arg mt "$MYTOKEN" '{grant_type: "mytoken", mytoken: $mt}' >"$TMP/at.json"
    repeat "$RUNS" introspect_run "$label.introspect"
    repeat "$RUNS" at_through_mytokend "$label.at" "$AT_CONNS"
  done
  stop_mytokend
  [[ $backend == postgres ]] && stop_postgres
  return 0
}

scenario_store_scale() {
  local backend
  for backend in $BACKENDS; do scale_backend "$backend"; done
}
