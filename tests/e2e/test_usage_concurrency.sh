#!/usr/bin/env bash
# Usage limits are exact under concurrency (design §4, spec §6.4): 50 parallel AT requests against
# usages_AT 10 yield exactly 10 access tokens from the real OP; parallel sub-token requests against
# usages_other 5 yield exactly 5 sub-tokens; parallel requests the OP refuses consume nothing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
start_all

# parallel N OUT-DIR URL JSON: N concurrent POSTs; OUT-DIR/<i>.status and OUT-DIR/<i>.body
parallel() {
  local n=$1 dir=$2 url=$3 json=$4
  mkdir -p "$dir"
  printf '%s\n' $(seq 1 "$n") | xargs -P "$n" -I{} sh -c \
    'curl -sS -o "$1/$2.body" -w "%{http_code}\\n" --max-time 60 -H "Content-Type: application/json" --data-binary "$4" "$3" >"$1/$2.status" 2>/dev/null || echo 000 >"$1/$2.status"' \
    _ "$dir" {} "$url" "$json"
}
count_status() { cat "$1"/*.status | grep -cx "$2" || true; }

# --- 50 parallel AT requests, usages_AT 10 ---
mt=$(login_mytoken '{"capabilities":["AT","tokeninfo"],"restrictions":[{"usages_AT":10}]}')
parallel 50 "$TMP/at" "$API/token/access" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\"}"
expect_eq "$(count_status "$TMP/at" 200)" 10 "exactly 10 of 50 parallel AT requests succeed"
expect_eq "$(count_status "$TMP/at" 403)" 40 "the other 40 are refused with 403"
refused=$(cat "$TMP"/at/*.body | jq -rs '[.[] | select(.error) | .error] | unique | join(",")')
expect_eq "$refused" usage_restricted "every refusal is usage_restricted"
mapfile -t ats < <(cat "$TMP"/at/*.body | jq -r 'select(.access_token) | .access_token' | sort -u)
expect_eq "${#ats[@]}" 10 "10 distinct access tokens"
issued=0
for at in "${ats[@]}"; do if op_issued "$at"; then issued=$((issued + 1)); fi; done
expect_eq "$issued" 10 "all 10 are access tokens the OP issued"
tokeninfo introspect "$mt"
expect_json_eq '.token.restrictions[0].usages_AT_done' 10 "the counter stands at exactly 10"
at_request "$mt"
expect_error 403 usage_restricted

# --- parallel sub-token requests, usages_other 5 ---
parent=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken"],"restrictions":[{"usages_other":6}]}')
parallel 20 "$TMP/sub" "$API/token/my" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$parent\",\"capabilities\":[\"AT\"]}"
expect_eq "$(count_status "$TMP/sub" 200)" 6 "exactly 6 of 20 parallel sub-token requests succeed"
expect_eq "$(count_status "$TMP/sub" 403)" 14 "the other 14 are refused"
tokeninfo introspect "$parent"
expect_json_eq '.token.restrictions[0].usages_other_done' 6
expect_eq "$(db_count "SELECT count(*) FROM mytokens WHERE parent_id IS NOT NULL")" 6 "exactly 6 sub-tokens stored"

# --- failed OP calls consume nothing, also in parallel ---
mt=$(login_mytoken '{"capabilities":["AT","tokeninfo"],"restrictions":[{"usages_AT":3}]}')
parallel 20 "$TMP/bad" "$API/token/access" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\",\"scope\":\"not-a-scope-of-this-op\"}"
expect_eq "$(count_status "$TMP/bad" 200)" 0 "the OP refuses every request for an unknown scope"
bad_errors=$(cat "$TMP"/bad/*.body | jq -rs '[.[] | .error] | unique | join(",")')
expect_true "refusals are oidc_error or usage_restricted while others are in flight ($bad_errors)" \
  test "$(tr ',' '\n' <<<"$bad_errors" | grep -cvxE 'oidc_error|usage_restricted' || true)" = 0
expect_contains "$bad_errors" oidc_error "the OP's answer comes back as oidc_error"
tokeninfo introspect "$mt"
expect_json_eq '.token.restrictions[0] | has("usages_AT_done") and .usages_AT_done > 0' false "no usage was consumed"
parallel 10 "$TMP/good" "$API/token/access" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\"}"
expect_eq "$(count_status "$TMP/good" 200)" 3 "afterwards all 3 usages are still there"

finish
