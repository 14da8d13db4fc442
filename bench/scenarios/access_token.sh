# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# Scenario 1: POST API/token/access through mytokend vs the same refresh grant sent straight to the dev OP's
# token endpoint, interleaved run by run at the same concurrency; then 64 connections (errors must be 0).
# Also c=8 over 8 tokens of 8 logins: one family per connection, without the family's single flight.
# 1b: the same with providers[].access_token_reuse enabled, when the build has it.

op_refresh_body() { printf 'grant_type=refresh_token&refresh_token=%s' "$OP_RT" >"$TMP/op-refresh.form"; }
OP_BASIC="Basic $(printf 'mytoken-test:mytoken-test-secret' | base64 -w0)"

at_through_mytokend() { # at_through_mytokend LABEL CONNECTIONS
  wrk_run "$1" "$2" "$API/token/access" post.lua "body=$TMP/at.json"
}
at_through_mytokend_families() { # LABEL CONNECTIONS: round robin over the tokens in $TMP/families.txt
  wrk_run "$1" "$2" "$API/token/access" pool.lua "pool=$TMP/families.txt" "template=$TMP/at.template" \
    "threads=$WRK_THREADS" cycle=1
}
at_direct_to_op() { # at_direct_to_op LABEL CONNECTIONS
  wrk_run "$1" "$2" "$OP/token" post.lua "body=$TMP/op-refresh.form" type=application/x-www-form-urlencoded \
    "auth=$OP_BASIC"
}
op_token_lines() { wc -l <"$OP_TOKEN_LOG"; }

scenario_access_token() {
  say "== 1. access tokens: mytokend vs the OP's refresh grant (c=$AT_CONNS, then 64)"
  jq -nc --arg mt "$MYTOKEN" '{grant_type: "mytoken", mytoken: $mt}' >"$TMP/at.json"
  op_refresh_body
  local i before
  for ((i = 0; i < RUNS; i++)); do
    before=$(op_token_lines)
    at_direct_to_op "at.direct.c$AT_CONNS" "$AT_CONNS"
    # lines the OP logs per refresh answer (access, refresh, ID token): counts OP calls in scenario 1b
    OP_LINES_PER_REFRESH=$(awk -v l=$(($(op_token_lines) - before)) -v n="$(tail -1 "$RECORDS" | cut -f3)" \
      -v d="$DURATION" 'BEGIN { printf "%.2f", l / (n * d) }')
    at_through_mytokend "at.mytokend.c$AT_CONNS" "$AT_CONNS"
  done
  for ((i = 0; i < RUNS; i++)); do
    at_direct_to_op at.direct.c64 64
    at_through_mytokend at.mytokend.c64 64
  done
  # The dev OP keeps its grants in an LRU of 1000 entries and every refresh adds an access token, so these
  # logins come right before their runs: tokens idle during other AT runs would lose their grant at
  # the OP (so later AT measurements log in afresh: at_login).
  printf '{"grant_type":"mytoken","mytoken":"%%s"}' >"$TMP/at.template"
  for ((i = 0; i < AT_CONNS; i++)); do bench_login >>"$TMP/families.txt" || die "login failed"; done
  repeat "$RUNS" at_through_mytokend_families "at.mytokend.c$AT_CONNS.families$AT_CONNS" "$AT_CONNS"
}

# A new login for AT measurements that follow other AT load (see above); sets MYTOKEN and the AT body.
at_login() {
  MYTOKEN=$(bench_login) || die "login failed"
  jq -nc --arg mt "$MYTOKEN" '{grant_type: "mytoken", mytoken: $mt}' >"$TMP/at.json"
}

scenario_access_token_reuse() {
  say "== 1b. access tokens with providers[].access_token_reuse {enabled: true, min_lifetime: 60}"
  if ! binary_knows access_token_reuse; then
    say "  skipped: this mytokend does not know providers[].access_token_reuse"
    REUSE_SKIPPED="this build of mytokend has no providers[].access_token_reuse"
    return 0
  fi
  bench_config "$TMP/reuse.yaml" ES512 "" "" "access_token_reuse: {enabled: true, min_lifetime: 60}"
  if ! start_server "$TMP/reuse.yaml"; then
    REUSE_SKIPPED="mytokend rejected access_token_reuse: $(tail -1 "$TMP/mytokend.log")"
    say "  skipped: $REUSE_SKIPPED"
    return 0
  fi
  local i c before
  at_login
  for c in "$AT_CONNS" 64; do
    before=$(op_token_lines)
    for ((i = 0; i < RUNS; i++)); do at_through_mytokend "at.reuse.c$c" "$c"; done
    OP_CALLS_REUSE[$c]=$(awk -v l=$(($(op_token_lines) - before)) -v k="$OP_LINES_PER_REFRESH" \
      'BEGIN { printf "%.0f", l / k }')
    AT_REQUESTS_REUSE[$c]=$(awk -F'\t' -v l="at.reuse.c$c" -v d="$DURATION" '$1 == l { n += $3 * d } END { printf "%.0f", n }' "$RECORDS")
  done
  stop_mytokend
}
