#!/usr/bin/env bash
# systemd integration (docs/packaging.md): the unit file passes `systemd-analyze verify`; with NOTIFY_SOCKET set,
# mytokend sends READY=1 only once its port accepts connections, WATCHDOG=1 pings when WATCHDOG_USEC is set (none
# without), and STOPPING=1 on SIGTERM, after which it exits 0. PID 1 is not systemd here, so the test plays the
# service manager's part with a unix datagram socket (notify_listener.py).
source "$(dirname "$0")/lib.sh"

# --- the unit file: verified with ExecStart pointing at the binary under test (the packaged path is checked by
# test_package.sh after installing) ---
mkdir -p "$TMP/unit"
sed "s#/usr/bin/mytokend#$MYTOKEND#" "$SRC_DIR/config/mytokend.service" >"$TMP/unit/mytokend.service"
if out=$(systemd-analyze verify --man=no "$TMP/unit/mytokend.service" 2>&1); then
  expect_eq "$out" "" "systemd-analyze verify: the unit has no findings"
else
  fail "systemd-analyze verify accepts the unit" "$out"
fi
unit=$(cat "$SRC_DIR/config/mytokend.service")
for setting in Type=notify NoNewPrivileges=yes ProtectSystem=strict StateDirectory=mytoken "CapabilityBoundingSet="$'\n' \
  ExecReload=; do
  expect_contains "$unit" "$setting" "the unit sets ${setting%$'\n'}"
done

# run_notified NAME WAIT-FOR-WATCHDOG(0|1) [VAR=value...]: mytokend with NOTIFY_SOCKET (and the extra environment)
# until it sent READY=1 (and, if asked, a WATCHDOG=1); then SIGTERM. NOTIFY_LOG has what it sent, MT_STATUS its
# exit status.
run_notified() {
  local name=$1 want_watchdog=$2 listener deadline
  shift 2
  NOTIFY_LOG=$TMP/notify-$name.log
  : >"$NOTIFY_LOG"
  python3 "$E2E_DIR/notify_listener.py" "$TMP/notify-$name.sock" "$NOTIFY_LOG" "$MT_PORT" &
  listener=$!
  deadline=$((SECONDS + 10))
  until grep -q '^listening$' "$NOTIFY_LOG"; do
    ((SECONDS < deadline)) || die "notify listener did not start"
    sleep 0.05
  done
  env NOTIFY_SOCKET="$TMP/notify-$name.sock" "$@" "$MYTOKEND" --config "$MT_CONFIG" >>"$TMP/mytokend.log" 2>&1 </dev/null &
  MT_PID=$!
  deadline=$((SECONDS + 30))
  until grep -q '^READY=1$' "$NOTIFY_LOG" && { ((want_watchdog == 0)) || grep -q '^WATCHDOG=1$' "$NOTIFY_LOG"; }; do
    kill -0 "$MT_PID" 2>/dev/null || die "mytokend exited during start-up (see $TMP/mytokend.log)"
    ((SECONDS < deadline)) || die "no READY=1 (and WATCHDOG=1) within 30 s: $(tr '\n' ' ' <"$NOTIFY_LOG")"
    sleep 0.05
  done
  http GET /.well-known/mytoken-configuration
  expect_status 200 "$name: mytokend serves after READY=1"
  kill -TERM "$MT_PID"
  MT_STATUS=0
  wait "$MT_PID" || MT_STATUS=$?
  MT_PID=""
  sleep 0.2 # let the listener write the last datagram
  kill "$listener"
  wait "$listener" 2>/dev/null || true
}

start_op
write_mytokend_config

run_notified plain 0
states=$(grep -v '^listening$' "$NOTIFY_LOG" | tr '\n' ' ')
expect_match "$states" '^READY=1 ready-port-open ' "READY=1 is sent once the port accepts connections (and only once)"
expect_true "the database was migrated before READY=1" test -s "$TMP/mytoken.db"
expect_eq "$(grep -c '^READY=1$' "$NOTIFY_LOG")" 1 "READY=1 is sent once"
expect_eq "$(grep -c '^WATCHDOG=1$' "$NOTIFY_LOG" || true)" 0 "no WATCHDOG=1 without WATCHDOG_USEC"
expect_eq "$(tail -n 1 "$NOTIFY_LOG")" STOPPING=1 "SIGTERM: STOPPING=1 is the last state sent"
expect_eq "$MT_STATUS" 0 "SIGTERM: mytokend exits 0"

# WATCHDOG_USEC=400000: pings every 200 ms. (WATCHDOG_PID is left out: sd_watchdog_enabled checks it only if set.)
run_notified watchdog 1 WATCHDOG_USEC=400000
expect_true "WATCHDOG_USEC set: WATCHDOG=1 pings arrive" grep -q '^WATCHDOG=1$' "$NOTIFY_LOG"
expect_eq "$(grep -v '^listening$' "$NOTIFY_LOG" | head -n 2 | tr '\n' ' ')" "READY=1 ready-port-open " \
  "watchdog: READY=1 comes first, with the port open"
expect_eq "$(tail -n 1 "$NOTIFY_LOG")" STOPPING=1 "watchdog: STOPPING=1 is the last state sent (pings stop)"
expect_eq "$MT_STATUS" 0 "watchdog: mytokend exits 0"

# A WATCHDOG_PID of another process means the watchdog is not ours (sd_watchdog_enabled(3)): no pings.
run_notified foreign-watchdog 0 WATCHDOG_USEC=400000 WATCHDOG_PID=1
expect_eq "$(grep -c '^WATCHDOG=1$' "$NOTIFY_LOG" || true)" 0 "WATCHDOG_PID of another process: no pings"
expect_eq "$MT_STATUS" 0 "foreign watchdog: mytokend exits 0"
finish
