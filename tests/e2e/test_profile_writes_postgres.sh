#!/usr/bin/env bash
# API/pt writes (spec §13.2) across instances: two mytokend on one PostgreSQL database; every template written
# on instance A is listed and used by instance B at once (templates live in the database, not in a process).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_postgres.sh"
source "$(dirname "$0")/lib_profile_writes.sh"

write_mytokend_config
profile_writes_config
pg_config
start_all
B_PORT=$(free_port) B_PID=""
# shellcheck disable=SC2317 # called by the EXIT trap
b_cleanup() {
  local rc=$?
  stop_pid "$B_PID"
  (exit "$rc")
  pg_cleanup
}
trap b_cleanup EXIT
B=http://127.0.0.1:$B_PORT
sed -e "s|^  listen: .*|  listen: \"127.0.0.1:$B_PORT\"|" "$MT_CONFIG" >"$TMP/b.yaml"
"$MYTOKEND" --config "$TMP/b.yaml" >>"$TMP/mytokend-b.log" 2>&1 </dev/null &
B_PID=$!
wait_until_serving "$B_PID" "$B" "$TMP/mytokend-b.log"
check_profile_writes "$ISS" "$B"
stop_pid "$B_PID"
finish
