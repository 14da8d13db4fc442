# shellcheck shell=bash
# The crash-consistency rounds of test_crash_consistency*.sh (issue 4 item 4; docs/security-tests.md); sourced after
# lib.sh and lib_consistency.sh, with mytokend and the OP running on the database under test.
#
# One round: parallel clients mint sub-tokens, create transfer codes, request access tokens and revoke tokens of
# their own; mytokend is killed with SIGKILL at a random moment and restarted on the same database. Every client
# writes a ledger line only for what was answered (and "revoking" before it asks), so afterwards:
#   - every sub-token answered 200 still introspects as valid (unless its revocation had been sent);
#   - every revocation answered 204 stuck; every transfer code answered 200 can be exchanged (once);
#   - the parent's usage counters are at least the number of uses answered 200 (no answered use was lost);
#   - the database passes its integrity check and holds no half-written rows (lib_consistency.sh).
CRASH_ROUNDS=${CRASH_ROUNDS:-5}

# All clients use one parent token from one address, far beyond the default request limits (per_token 600 a
# minute, counted across restarts): rate limiting is tested in test_rate_limits.sh, not here.
crash_config() {
  write_mytokend_config
  sed -i 's|^  polling_codes: .*|&\n  request_rate_limits: {enabled: false}|' "$MT_CONFIG"
}
CRASH_WORKERS=("mint" "mint" "transfer" "access" "access" "revoke")
CRASH_PARENT=""
CRASH_ALL_MINTED=$TMP/all-minted.txt
: >"$CRASH_ALL_MINTED"
ANSWERED_AT=0 ANSWERED_OTHER=0

# crash_post PATH JSON: one request; prints "STATUS BODY" (STATUS 000 if there was no answer).
crash_post() {
  local out
  out=$(curl -s -w '\n%{http_code}' --max-time 20 -H 'Content-Type: application/json' --data-binary "$2" "$ISS$1" 2>/dev/null) ||
    true
  printf '%s %s\n' "${out##*$'\n'}" "${out%$'\n'*}"
}

# crash_worker KIND LEDGER STOP-FILE: requests of one kind until STOP-FILE exists; a ledger line per answered one.
crash_worker() {
  local kind=$1 ledger=$2 stop=$3 answer status body token
  local sub="{\"grant_type\":\"mytoken\",\"mytoken\":\"$CRASH_PARENT\",\"capabilities\":[\"AT\",\"tokeninfo\"]}"
  while [[ ! -e $stop ]]; do
    case $kind in
      mint)
        answer=$(crash_post /api/v0/token/my "$sub")
        status=${answer%% *} body=${answer#* }
        if [[ $status == 200 ]]; then echo "minted $(jq -r .mytoken <<<"$body")" >>"$ledger"; fi
        ;;
      transfer)
        answer=$(crash_post /api/v0/token/transfer "{\"mytoken\":\"$CRASH_PARENT\"}")
        status=${answer%% *} body=${answer#* }
        if [[ $status == 200 ]]; then echo "code $(jq -r .transfer_code <<<"$body")" >>"$ledger"; fi
        ;;
      access)
        answer=$(crash_post /api/v0/token/access "{\"grant_type\":\"mytoken\",\"mytoken\":\"$CRASH_PARENT\"}")
        if [[ ${answer%% *} == 200 ]]; then echo "at" >>"$ledger"; fi
        ;;
      revoke)
        answer=$(crash_post /api/v0/token/my "$sub")
        status=${answer%% *} body=${answer#* }
        [[ $status == 200 ]] || continue
        token=$(jq -r .mytoken <<<"$body")
        echo "victim $token" >>"$ledger"
        echo "revoking $token" >>"$ledger" # before asking: an unanswered revocation may or may not have happened
        answer=$(crash_post /api/v0/token/revoke "{\"token\":\"$token\"}")
        if [[ ${answer%% *} == 204 ]]; then echo "revoked $token" >>"$ledger"; fi
        ;;
    esac
    if [[ ${answer%% *} == 000 ]]; then sleep 0.05; fi # the server is gone: do not spin until the stop file
  done
}

# Tokens (codes) on stdin, 6 requests at a time; OUT-FILE gets one HTTP status per line.
introspect_all() { # introspect_all OUT-FILE < tokens
  xargs -r -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
    --data-binary '{"action":"introspect","mytoken":"{}"}' "$ISS/api/v0/tokeninfo" >"$1"
}
exchange_all() { # exchange_all OUT-FILE < codes
  xargs -r -P 6 -I{} curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
    --data-binary '{"grant_type":"transfer_code","transfer_code":"{}"}' "$ISS/api/v0/token/my" >"$1"
}
count_not() { grep -cvx "$2" "$1" || true; } # lines of FILE that are not exactly VALUE

crash_round() {
  local round=$1 dir=$TMP/round$1 pids=() i kind pause
  mkdir -p "$dir"
  for i in "${!CRASH_WORKERS[@]}"; do
    kind=${CRASH_WORKERS[$i]}
    crash_worker "$kind" "$dir/$kind.$i.ledger" "$dir/stop" 2>/dev/null &
    pids+=($!)
  done
  pause=$((5 + RANDOM % 25)) # 0.5 to 3 s of load, then SIGKILL
  sleep "$((pause / 10)).$((pause % 10))"
  kill -9 "$MT_PID"
  wait "$MT_PID" 2>/dev/null || true
  MT_PID=""
  touch "$dir/stop"
  for i in "${pids[@]}"; do wait "$i" || true; done
  cat "$dir"/*.ledger >"$dir/ledger" 2>/dev/null || : >"$dir/ledger"
  say "round $round: killed after $((pause / 10)).$((pause % 10)) s: $(grep -c '^minted ' "$dir/ledger" || true) sub-tokens, $(grep -c '^code ' "$dir/ledger" || true) transfer codes, $(grep -c '^at$' "$dir/ledger" || true) ATs, $(grep -c '^revoked ' "$dir/ledger" || true) revocations answered"

  start_mytokend # same configuration, same database
  expect_eq "$(db_integrity)" ok "round $round: the database passes its integrity check after kill -9"
  expect_eq "$(db_orphans | tr '\n' ' ')" "" "round $round: no half-written rows"

  grep '^minted ' "$dir/ledger" | cut -d' ' -f2 | sort -u >"$dir/minted" || true
  grep '^revoking ' "$dir/ledger" | cut -d' ' -f2 | sort -u >"$dir/revoking" || true
  grep '^revoked ' "$dir/ledger" | cut -d' ' -f2 | sort -u >"$dir/revoked" || true
  comm -23 "$dir/minted" "$dir/revoking" >>"$CRASH_ALL_MINTED"
  comm -23 "$dir/minted" "$dir/revoking" | introspect_all "$dir/minted.status"
  expect_eq "$(count_not "$dir/minted.status" 200)" 0 \
    "round $round: all $(wc -l <"$dir/minted") sub-tokens answered 200 before the kill still work"
  introspect_all "$dir/revoked.status" <"$dir/revoked"
  expect_eq "$(count_not "$dir/revoked.status" 401)" 0 \
    "round $round: all $(wc -l <"$dir/revoked") revocations answered 204 before the kill stuck"
  grep '^code ' "$dir/ledger" | cut -d' ' -f2 | exchange_all "$dir/codes.status" || true
  expect_eq "$(count_not "$dir/codes.status" 200)" 0 \
    "round $round: all $(wc -l <"$dir/codes.status") transfer codes answered 200 before the kill can be exchanged"

  ANSWERED_AT=$((ANSWERED_AT + $(grep -c '^at$' "$dir/ledger" || true)))
  ANSWERED_OTHER=$((ANSWERED_OTHER + $(grep -cE '^(minted|code|victim) ' "$dir/ledger" || true)))
  api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$CRASH_PARENT" '{action: "introspect", mytoken: $mt}')"
  expect_status 200 "round $round: the parent still works"
  local used_at used_other
  used_at=$(jget '.token.restrictions[0].usages_AT_done // 0')
  used_other=$(jget '.token.restrictions[0].usages_other_done // 0')
  expect_true "round $round: usages_AT_done $used_at >= $ANSWERED_AT ATs answered so far" test "$used_at" -ge "$ANSWERED_AT"
  expect_true "round $round: usages_other_done $used_other >= $ANSWERED_OTHER other uses answered so far" \
    test "$used_other" -ge "$ANSWERED_OTHER"
}

# run_crash_rounds: the parent login, CRASH_ROUNDS rounds, then every token minted in any round once more.
run_crash_rounds() {
  local round
  CRASH_PARENT=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken"],
                                 "restrictions":[{"usages_AT":1000000,"usages_other":1000000}]}')
  for ((round = 1; round <= CRASH_ROUNDS; round++)); do crash_round "$round"; done
  introspect_all "$TMP/all-minted.status" <"$CRASH_ALL_MINTED"
  expect_eq "$(count_not "$TMP/all-minted.status" 200)" 0 \
    "all $(wc -l <"$CRASH_ALL_MINTED") sub-tokens answered in any round survived all $CRASH_ROUNDS crashes"
  at_request "$CRASH_PARENT"
  expect_status 200 "after $CRASH_ROUNDS crashes the parent still gets access tokens"
}
