# shellcheck shell=bash
# Requests that race the revocation of their mytoken, or each other (issue 13 item 3; docs/decisions.md "Requests
# that race a revocation"), for test_revocation_race*.sh; sourced after lib.sh and lib_consistency.sh, before
# start_all. Every race runs RACE_ROUNDS rounds; one round is a fresh sub-token and a burst of parallel requests
# on it (curl under xargs -P), most rounds with its revocation in the middle of the burst. All rounds of a race
# are fired as one job list, round after round, so the bursts of neighbouring rounds overlap too.
#
# Every answer must be a success or the documented 401 invalid_token object; never a 5xx, never anything else.
# After each race: the server still serves, no token of the race survives its revocation (the race's
# intermediate token is revoked recursively and then only the root is left), and the database holds no
# half-written rows (lib_consistency.sh's db_orphans, db_integrity).
RACE_ROUNDS=${RACE_ROUNDS:-15}
RACE_PARALLEL=${RACE_PARALLEL:-8}
RACE_ROOT=""
RACE_FIVE_XX=0 # 5xx answers over all races, for the summary line

# Far more requests from one address and of one token than the default request limits allow (rate limiting is
# tested in test_rate_limits.sh, not here).
race_config() {
  write_mytokend_config
  sed -i 's|^  polling_codes: .*|&\n  request_rate_limits: {enabled: false}|' "$MT_CONFIG"
}

race_body() { # race_body JQ-PROGRAM TOKEN: a compact JSON body (jq -c; tokens hold no blanks)
  jq -nc --arg t "$2" "$1"
}
at_body() { race_body '{grant_type: "mytoken", mytoken: $t}' "$1"; }
revoke_body() { race_body '{token: $t, recursive: true}' "$1"; }
transfer_body() { race_body '{mytoken: $t}' "$1"; }
sub_body() { race_body '{grant_type: "mytoken", mytoken: $t, capabilities: ["AT"]}' "$1"; }
info_body() { jq -nc --arg a "$1" --arg t "$2" '{action: $a, mytoken: $t}'; }

# race_job FILE ID PATH JSON: appends one job (tab-separated) to the job list FILE.
race_job() { printf '%s\t%s\t%s\n' "$2" "$ISS$3" "$4" >>"$1"; }

# race_fire FILE DIR: runs the jobs of FILE, RACE_PARALLEL at a time; DIR/<id>.status and DIR/<id>.body.
race_fire() {
  mkdir -p "$2"
  xargs -d '\n' -P "$RACE_PARALLEL" -I{} bash -c '
    IFS=$'"'\t'"' read -r id url json <<<"$1"
    curl -s -o "$2/$id.body" -w "%{http_code}" --max-time 60 -H "Content-Type: application/json" \
      --data-binary "$json" "$url" >"$2/$id.status" 2>/dev/null || echo 000 >"$2/$id.status"' _ {} "$2" <"$1"
}

# race_revoke_jobs FILE PATH BODY-FUNCTION: the job list of a race against a revocation: per round token, three
# requests to PATH (bodies from BODY-FUNCTION TOKEN), its recursive revocation, three more (ids <round>-req<n>).
race_revoke_jobs() {
  local r j t
  : >"$1"
  for ((r = 0; r < RACE_ROUNDS; r++)); do
    t=${tokens[r]}
    for j in 1 2 3; do race_job "$1" "$r-req$j" "$2" "$($3 "$t")"; done
    race_job "$1" "$r-revoke" /api/v0/token/revoke "$(revoke_body "$t")"
    for j in 4 5 6; do race_job "$1" "$r-req$j" "$2" "$($3 "$t")"; done
  done
}

# race_check NAME DIR: every answer in DIR is 2xx, or 401 with error invalid_token (and a description string if
# any); counts and shows the others.
race_check() {
  local name=$1 dir=$2 f status body ok=0 refused=0 bad=0 five=0
  for f in "$dir"/*.status; do
    status=$(cat "$f")
    body=$(cat "${f%.status}.body" 2>/dev/null || true)
    if [[ $status == 200 || $status == 204 ]]; then
      ok=$((ok + 1))
    elif [[ $status == 401 && $(jget '.error + "|" + (.error_description // "" | tostring)' "$body") == invalid_token\|* ]]; then
      refused=$((refused + 1))
    else
      bad=$((bad + 1))
      if [[ $status == 5* ]]; then five=$((five + 1)); fi
      if ((bad <= 3)); then say "     $name: HTTP $status, body: $(shorten "$body")"; fi
    fi
  done
  RACE_FIVE_XX=$((RACE_FIVE_XX + five))
  say "     $name: $ok succeeded, $refused refused with 401 invalid_token, $bad other ($five 5xx)"
  expect_eq "$bad" 0 "$name: every answer is a success or 401 invalid_token ($five were 5xx)"
  expect_true "$name: some requests succeed ($ok)" test "$ok" -gt 0
}

# race_parent NAME: prints a fresh intermediate token for one race (a child of the root, with create_mytoken for
# the race's round tokens).
race_parent() {
  new_subtoken "$RACE_ROOT" "{\"name\":\"$1\",\"capabilities\":[\"AT\",\"tokeninfo\",\"create_mytoken\"]}"
}

# race_tokens PARENT CAPABILITIES-JSON OVERRIDES: prints RACE_ROUNDS sub-tokens of PARENT (the .mytoken of each
# answer), one a line.
race_tokens() {
  local i overrides
  overrides=$(jq -c --argjson c "$2" '{capabilities: $c} + .' <<<"$3")
  for ((i = 1; i <= RACE_ROUNDS; i++)); do new_subtoken "$1" "$overrides"; done
}
# race_minted NAME: the round tokens of a race (array `tokens`) are all there, else the race means nothing.
race_minted() {
  ((${#tokens[@]} == RACE_ROUNDS)) || die "$1: only ${#tokens[@]} of $RACE_ROUNDS round tokens could be minted"
}

# race_finish NAME PARENT: revokes the race's tokens (the parent, recursively) and checks what is left.
race_finish() {
  api_post /api/v0/token/revoke "$(revoke_body "$2")"
  expect_status 204 "$1: the race's tokens are revoked afterwards"
  expect_eq "$(db_query "SELECT count(*) FROM mytokens")" 1 "$1: no token of the race survives (only the root is left)"
  expect_eq "$(db_orphans | tr '\n' ' ')" "" "$1: no half-written rows"
  expect_eq "$(db_integrity)" ok "$1: database integrity"
  at_request "$RACE_ROOT"
  expect_status 200 "$1: the server keeps serving (AT with the root token)"
}

# (a) access-token requests racing the revocation of their token
race_at_vs_revoke() {
  local m jobs=$TMP/race-at.jobs
  m=$(race_parent race-at)
  mapfile -t tokens < <(race_tokens "$m" '["AT"]' '{}')
  race_minted "$FUNCNAME"
  race_revoke_jobs "$jobs" /api/v0/token/access at_body
  race_fire "$jobs" "$TMP/race-at"
  race_check "AT vs revocation" "$TMP/race-at"
  at_request "${tokens[0]}"
  expect_error 401 invalid_token
  race_finish "AT vs revocation" "$m"
}

# (b) transfer-code requests racing the revocation of their token
race_transfer_vs_revoke() {
  local m jobs=$TMP/race-transfer.jobs
  m=$(race_parent race-transfer)
  mapfile -t tokens < <(race_tokens "$m" '["AT"]' '{}')
  race_minted "$FUNCNAME"
  race_revoke_jobs "$jobs" /api/v0/token/transfer transfer_body
  race_fire "$jobs" "$TMP/race-transfer"
  race_check "transfer code vs revocation" "$TMP/race-transfer"
  expect_eq "$(db_query "SELECT count(*) FROM proxy_tokens WHERE kind = 'transfer_code'")" 0 \
    "transfer code vs revocation: no code outlives its token"
  race_finish "transfer code vs revocation" "$m"
}

# (c) parallel AT requests on one token with rotation {on_AT, auto_revoke}: the first rotation supersedes the
# token, a request validated after it revokes the tree (reuse detection) while the others are in flight.
race_rotation_auto_revoke() {
  local m jobs=$TMP/race-rot.jobs r t updates
  m=$(race_parent race-rotation)
  mapfile -t tokens < <(race_tokens "$m" '["AT"]' '{"rotation":{"on_AT":true,"auto_revoke":true}}')
  race_minted "$FUNCNAME"
  : >"$jobs"
  for ((r = 0; r < RACE_ROUNDS; r++)); do
    for j in 1 2 3 4 5 6 7 8; do race_job "$jobs" "$r-at$j" /api/v0/token/access "$(at_body "${tokens[r]}")"; done
  done
  race_fire "$jobs" "$TMP/race-rot"
  race_check "parallel AT with rotation on_AT + auto_revoke" "$TMP/race-rot"
  local most=0
  for ((r = 0; r < RACE_ROUNDS; r++)); do
    updates=$(cat "$TMP/race-rot/$r"-at*.body | jq -s '[.[] | select(.token_update)] | length' 2>/dev/null || echo 0)
    ((updates > most)) && most=$updates
  done
  expect_true "rotation: at most one answer of a round carries token_update (most: $most)" test "$most" -le 1
  race_finish "parallel AT with rotation" "$m"
}

# (d1) sub-token creation racing the recursive revocation of the parent: no child may survive it
race_subtoken_vs_revoke() {
  local m jobs=$TMP/race-sub.jobs f child survivors=0 checked=0
  m=$(race_parent race-subtoken)
  mapfile -t tokens < <(race_tokens "$m" '["AT","create_mytoken"]' '{}')
  race_minted "$FUNCNAME"
  race_revoke_jobs "$jobs" /api/v0/token/my sub_body
  race_fire "$jobs" "$TMP/race-sub"
  race_check "sub-token vs revocation" "$TMP/race-sub"
  for f in "$TMP"/race-sub/*-req*.status; do
    [[ $(cat "$f") == 200 ]] || continue
    child=$(jget .mytoken "$(cat "${f%.status}.body")")
    at_request "$child"
    checked=$((checked + 1))
    if [[ $STATUS != 401 ]]; then survivors=$((survivors + 1)); fi
    ((checked < 10)) || break
  done
  expect_eq "$survivors" 0 "sub-token vs revocation: children minted in the race die with their parent ($checked tried)"
  race_finish "sub-token vs revocation" "$m"
}

# (d2) tokeninfo (introspect, event_history, subtokens: each writes an event) racing the revocation
race_tokeninfo_vs_revoke() {
  local m jobs=$TMP/race-info.jobs r t
  m=$(race_parent race-tokeninfo)
  mapfile -t tokens < <(race_tokens "$m" '["AT","tokeninfo"]' '{}')
  race_minted "$FUNCNAME"
  : >"$jobs"
  for ((r = 0; r < RACE_ROUNDS; r++)); do
    t=${tokens[r]}
    race_job "$jobs" "$r-introspect1" /api/v0/tokeninfo "$(info_body introspect "$t")"
    race_job "$jobs" "$r-history1" /api/v0/tokeninfo "$(info_body event_history "$t")"
    race_job "$jobs" "$r-subtokens1" /api/v0/tokeninfo "$(info_body subtokens "$t")"
    race_job "$jobs" "$r-revoke" /api/v0/token/revoke "$(revoke_body "$t")"
    race_job "$jobs" "$r-introspect2" /api/v0/tokeninfo "$(info_body introspect "$t")"
    race_job "$jobs" "$r-history2" /api/v0/tokeninfo "$(info_body event_history "$t")"
    race_job "$jobs" "$r-subtokens2" /api/v0/tokeninfo "$(info_body subtokens "$t")"
  done
  race_fire "$jobs" "$TMP/race-info"
  race_check "tokeninfo vs revocation" "$TMP/race-info"
  race_finish "tokeninfo vs revocation" "$m"
}

# (d3) a short token with rotation on_AT: each AT writes a new short token, the key wrap and token_rotated,
# racing the revocation of the token (by its short token)
race_short_rotation_vs_revoke() {
  local m jobs=$TMP/race-short.jobs
  m=$(race_parent race-short)
  mapfile -t tokens < <(race_tokens "$m" '["AT"]' '{"response_type":"short_token","rotation":{"on_AT":true}}')
  race_minted "$FUNCNAME"
  race_revoke_jobs "$jobs" /api/v0/token/access at_body
  race_fire "$jobs" "$TMP/race-short"
  race_check "rotating short token vs revocation" "$TMP/race-short"
  race_finish "rotating short token vs revocation" "$m"
}

# run_revocation_races: the root token, then every race.
run_revocation_races() {
  RACE_ROOT=$(login_mytoken '{"name":"race-root","capabilities":["AT","tokeninfo","create_mytoken"]}')
  race_at_vs_revoke
  race_transfer_vs_revoke
  race_rotation_auto_revoke
  race_subtoken_vs_revoke
  race_tokeninfo_vs_revoke
  race_short_rotation_vs_revoke
  say "     $RACE_ROUNDS rounds per race; $RACE_FIVE_XX 5xx answers in all"
}
