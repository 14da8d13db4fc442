#!/usr/bin/env bash
# Signals (docs/packaging.md): SIGHUP reopens logging.file (logrotate renames the file, then signals: the lines
# after it land in a new file of the old name); SIGTERM drains: new connections are refused at once, a request
# in flight (an AT request waiting for a stopped OP) still gets its 200 within server.shutdown_grace, then
# mytokend exits 0.
source "$(dirname "$0")/lib.sh"
start_op
write_mytokend_config
printf 'logging:\n  level: info\n  file: "server.log"\n' >>"$MT_CONFIG"
sed -i 's/^  trusted_proxies: \[\]$/&\n  shutdown_grace: 60/' "$MT_CONFIG"
start_mytokend
mt=$(login_mytoken '{"name":"signals"}')

# --- logging.file and SIGHUP ---
expect_true "logging.file: log lines go to the file" grep -q "listening on" "$TMP/server.log"
expect_eq "$(grep -c "listening on" "$TMP/mytokend.log" || true)" 0 "logging.file: nothing of it on stderr"
expect_true "logging.file: the access log goes there too" grep -q "path=/api/" "$TMP/server.log"
mv "$TMP/server.log" "$TMP/server.log.1"
api_get /before-hup # the access log shows only the first segment of a path
kill -HUP "$MT_PID"
deadline=$((SECONDS + 10))
until [[ -s $TMP/server.log ]] || ((SECONDS >= deadline)); do sleep 0.05; done
expect_true "SIGHUP: a new file is opened under the configured name" test -s "$TMP/server.log"
expect_true "SIGHUP: it says the file was reopened" grep -q "log file reopened" "$TMP/server.log"
api_get /after-hup
expect_status 404 "SIGHUP: mytokend still serves (404 for an unknown path)"
deadline=$((SECONDS + 10)) # the access-log line is written after the response
until grep -q "after-hup" "$TMP/server.log" || ((SECONDS >= deadline)); do sleep 0.05; done
expect_true "after SIGHUP: new lines land in the new file" grep -q "after-hup" "$TMP/server.log"
expect_true "before SIGHUP: lines went to the renamed file" grep -q "before-hup" "$TMP/server.log.1"
expect_eq "$(grep -c "after-hup" "$TMP/server.log.1" || true)" 0 "after SIGHUP: nothing lands in the renamed file"
expect_true "SIGHUP: the process is still running" kill -0 "$MT_PID"

# --- SIGTERM drains ---
at_request "$mt"
expect_status 200 "AT request before the drain -> 200"
kill -STOP "$OP_PID"
curl -sS -o "$TMP/drain.body" -w '%{http_code}' --max-time 60 -X POST "$API/token/access" \
  -H 'Content-Type: application/json' --data-binary "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\"}" \
  >"$TMP/drain.status" 2>"$TMP/drain.err" &
slow=$!
# In flight: mytokend's request to the OP sits unread in the stopped OP's receive queue.
deadline=$((SECONDS + 20))
until ss -tnH state established "( sport = :$OP_PORT )" | awk '$1 > 0 { found = 1 } END { exit !found }'; do
  if ((SECONDS >= deadline)); then
    kill -CONT "$OP_PID"
    die "the AT request did not reach the OP"
  fi
  sleep 0.05
done
kill -TERM "$MT_PID"
deadline=$((SECONDS + 10))
while curl -s -o /dev/null --max-time 1 "$ISS/.well-known/mytoken-configuration" && ((SECONDS < deadline)); do
  sleep 0.05
done
refused=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$ISS/.well-known/mytoken-configuration" || true)
expect_eq "$refused" 000 "draining: new connections are refused"
expect_true "draining: mytokend is still running while a request is in flight" kill -0 "$MT_PID"
kill -CONT "$OP_PID"
wait "$slow" || true
expect_eq "$(cat "$TMP/drain.status")" 200 "the request in flight at SIGTERM still gets its 200"
expect_ne "$(jq -r '.access_token // empty' "$TMP/drain.body")" "" "… with an access token"
status=0
wait "$MT_PID" || status=$?
MT_PID=""
expect_eq "$status" 0 "after the drain mytokend exits 0"
expect_true "the drain is logged" grep -q "draining" "$TMP/server.log"
expect_true "the stop is logged" grep -q "mytokend stopped" "$TMP/server.log"
finish
