# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# Scenario 2: token-local operations at 64 connections vs the bare GET /health of the same server:
# introspection, sub-token creation (ES512; ES256 and EdDSA on restarted servers), transfer code create +
# exchange, revocation (one fresh sub-token per request, minted before each timed run).

LOCAL_CONNS=64

introspect_run() { wrk_run "$1" "$LOCAL_CONNS" "$API/tokeninfo" post.lua "body=$TMP/introspect.json"; }
subtoken_run() { # subtoken_run LABEL [collect=PREFIX]
  wrk_run "$1" "$LOCAL_CONNS" "$API/token/my" post.lua "body=$TMP/subtoken.json" "${@:2}"
}
token_bodies() {
  jq -nc --arg mt "$MYTOKEN" '{action: "introspect", mytoken: $mt}' >"$TMP/introspect.json"
  jq -nc --arg mt "$MYTOKEN" '{grant_type: "mytoken", mytoken: $mt, capabilities: ["AT"], name: "bench sub-token"}' \
    >"$TMP/subtoken.json"
  printf '%s' "$MYTOKEN" >"$TMP/mytoken.txt"
}

# mint_pool FILE COUNT: at least COUNT fresh sub-tokens in FILE, made by untimed sub-token runs (label "mint").
mint_pool() {
  local file=$1 count=$2 rate have
  rate=$(median subtoken.ES512 rps)
  rm -f "$file".*
  : >"$file" # tokens of an earlier run are revoked already (and cached as verified): never reuse them
  while (($(wc -l <"$file") < count)); do
    have=$(wc -l <"$file")
    DURATION=$(awk -v n=$((count - have)) -v r="${rate:-500}" 'BEGIN { d = int(n / r * 1.2) + 1; print (d > 60 ? 60 : d) }') \
      subtoken_run mint "collect=$file.part" >/dev/null 2>&1
    cat "$file".part.* >>"$file"
    rm -f "$file".part.*
  done
}

revocation_run() {
  local pool=$TMP/revoke-pool need
  # a run needs at most rate x duration tokens; revocation is assumed at most 4x as fast as creation
  need=$(awk -v r="$(median subtoken.ES512 rps)" -v d="$DURATION" 'BEGIN { printf "%d", r * d * 4 + 1000 }')
  mint_pool "$pool" "$need"
  printf '{"token":"%%s"}' >"$TMP/revoke.template"
  wrk_run revocation "$LOCAL_CONNS" "$API/token/revoke" pool.lua "pool=$pool" "template=$TMP/revoke.template" \
    "threads=$WRK_THREADS"
}

scenario_token_local() {
  say "== 2. token-local operations at $LOCAL_CONNS connections vs GET /health (ES512 server)"
  token_bodies
  repeat "$RUNS" wrk_run health "$LOCAL_CONNS" "$ISS/health" get.lua
  repeat "$RUNS" introspect_run introspect
  repeat "$RUNS" subtoken_run subtoken.ES512
  repeat "$RUNS" wrk_run transfer "$LOCAL_CONNS" "$API/token/transfer" transfer.lua "token=$TMP/mytoken.txt"
  repeat "$RUNS" revocation_run
}

# Sub-token creation on a server restarted with another signing algorithm (and a login for it).
scenario_subtoken_algs() {
  local alg
  for alg in ES256 EdDSA; do
    say "== 2. sub-token creation with signing.mytoken.alg $alg"
    bench_config "$TMP/$alg.yaml" "$alg"
    restart_server "$TMP/$alg.yaml"
    MYTOKEN=$(bench_login) || die "login on the $alg server failed"
    token_bodies
    repeat "$RUNS" subtoken_run "subtoken.$alg"
  done
  stop_mytokend
}

# Introspection with request rate limits on but too high to trigger: the limiter's own cost.
scenario_rate_limiter() {
  if ! binary_knows request_rate_limits; then
    LIMITER_SKIPPED="this build of mytokend has no features.request_rate_limits"
    return 0
  fi
  say "== 2. introspection with features.request_rate_limits enabled (limits too high to trigger)"
  bench_config "$TMP/limits.yaml" ES512 "" \
    "request_rate_limits: {enabled: true, window: 60, per_ip: 100000000, per_token: 100000000}"
  if ! start_server "$TMP/limits.yaml"; then
    LIMITER_SKIPPED="mytokend rejected request_rate_limits: $(tail -1 "$TMP/mytokend.log")"
    return 0
  fi
  MYTOKEN=$MAIN_MYTOKEN
  token_bodies
  repeat "$RUNS" wrk_run health.limits "$LOCAL_CONNS" "$ISS/health" get.lua
  repeat "$RUNS" introspect_run introspect.limits
  stop_mytokend
}
