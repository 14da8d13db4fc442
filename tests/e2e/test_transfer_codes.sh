#!/usr/bin/env bash
# Transfer codes (spec §4.6, §5.6, §11 A; §21 item 7): POST API/token/transfer, grant_type=transfer_code, one-time
# use under 20 parallel exchanges, the distinct errors, codes issued for new tokens (response_type transfer_code)
# and their revocation, the transfer as an "other" use, expiry, and the guessing limits (docs/tokens.md).
source "$(dirname "$0")/lib.sh"
add_feature() { sed -i "/^features:\$/a\\  $1" "$MT_CONFIG"; } # add_feature 'key: value' under features:
write_mytokend_config
# The race below alone makes 19 misses; the guessing limits get their own section at the end.
add_feature 'code_rate_limits: {misses_per_ip: 100}'
start_all
ALPHABET='^[abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTUVWXYZ]{8}$'
DB=$TMP/mytoken.db

transfer() { api_post /api/v0/token/transfer "$(jq -nc --arg mt "$1" '{mytoken: $mt}')"; }
exchange() { api_post /api/v0/token/my "$(jq -nc --arg c "$1" '{grant_type: "transfer_code", transfer_code: $c}')"; }

mt=$(login_mytoken '{"name":"to be moved"}')
mom_id=$(jget .mom_id "$(last_login_response)")

# --- create and exchange ---
transfer "$mt"
expect_status 200 "transfer endpoint with a valid mytoken -> 200"
expect_json_eq .mytoken_type transfer_code
expect_json_eq .expires_in 300 "the code lives polling_codes.expires_after (300 s)"
code=$(jget .transfer_code)
remember_secret "$code"
expect_match "$code" "$ALPHABET" "the code is 8 letters of the 50-letter alphabet"
expect_json_eq 'has("token_update")' false "no token_update for a non-rotating token"

exchange "$code"
expect_status 200 "grant_type=transfer_code -> 200"
expect_json_eq .mytoken "$mt" "the exchange returns the transferred JWT"
expect_json_eq .mytoken_type token
expect_json_eq .mom_id "$mom_id"
expect_json_eq '.capabilities | sort | join(",")' "AT,tokeninfo"
expect_json_eq 'has("rotation")' false "no rotation member (spec §5.6)"
at_request "$(jget .mytoken)"
expect_status 200 "the exchanged token works at the AT endpoint"

exchange "$code"
expect_error 401 invalid_token "Bad polling or transfer code"
exchange "abcdefgh"
expect_error 401 invalid_token "Bad polling or transfer code"
exchange ""
expect_error 401 invalid_token "Bad polling or transfer code"

# the mytoken may come as Bearer header too (spec §1.3)
api_post /api/v0/token/transfer '{}' -H "Authorization: Bearer $mt"
expect_status 200 "transfer with Authorization: Bearer -> 200"
remember_secret "$(jget .transfer_code)"
transfer "garbage.garbage.garbage"
expect_error 401 invalid_token
api_post /api/v0/token/transfer '{}'
expect_error 401 invalid_token "no mytoken found in request"

# --- one-time use under 20 parallel exchanges: exactly one succeeds ---
transfer "$mt"
code=$(jget .transfer_code)
remember_secret "$code"
mkdir -p "$TMP/race"
body=$(jq -nc --arg c "$code" '{grant_type: "transfer_code", transfer_code: $c}')
pids=()
for i in $(seq 1 20); do
  curl -sS -o "$TMP/race/$i.json" -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
    --data-binary "$body" "$API/token/my" >"$TMP/race/$i.status" 2>/dev/null &
  pids+=($!)
done
wait "${pids[@]}"
ok=$(cat "$TMP"/race/*.status | grep -c '^200$' || true)
expect_eq "$ok" 1 "20 parallel exchanges of one code: exactly one succeeds"
others=$(cat "$TMP"/race/*.status | grep -vc '^200$' || true)
expect_eq "$others" 19 "the other 19 get an error"
bad=$(cat "$TMP"/race/*.json | jq -r 'select(.error) | .error' | sort -u | tr '\n' ' ')
expect_true "the losers get invalid_token or too_many_requests (got: $bad)" \
  test -z "$(tr ' ' '\n' <<<"$bad" | grep -vxE 'invalid_token|too_many_requests|' || true)"
winner=$(grep -l '"mytoken"' "$TMP"/race/*.json | head -n1)
expect_eq "$(jq -r .mytoken "$winner")" "$mt" "the winner got the token"

# --- a polling code is not a transfer code (spec §5.6) ---
start_login '{}'
exchange "$LOGIN_POLLING_CODE"
expect_error 400 invalid_request "token not valid"

# --- a new token issued as a transfer code (spec §4.4, §4.6) ---
login_polled '{"response_type":"transfer_code","name":"born as code"}'
expect_status 200 "polling a login with response_type transfer_code -> 200"
expect_json_eq .mytoken_type transfer_code
expect_json_eq 'has("mytoken")' false "no mytoken member for a transfer code"
expect_json_eq .expires_in 300 "expires_in is the code lifetime"
new_code=$(jget .transfer_code)
new_mom_id=$(jget .mom_id)
remember_secret "$new_code"
expect_match "$new_code" "$ALPHABET" "the new token's code is 8 letters"
expect_ne "$new_mom_id" "" "the answer names the new token's mom_id"
exchange "$new_code"
expect_status 200 "the code of a new token exchanges -> 200"
expect_json_eq .mytoken_type token
expect_json_eq .mom_id "$new_mom_id"
new_mt=$(jget .mytoken)
remember_secret "$new_mt"
at_request "$new_mt"
expect_status 200 "the token behind the code works"

# --- revoking a code issued for a new token revokes the token (spec §11 A) ---
login_polled '{"response_type":"transfer_code"}'
doomed_code=$(jget .transfer_code)
doomed_mom_id=$(jget .mom_id)
remember_secret "$doomed_code"
expect_eq "$(sqlite3 "$DB" "select count(*) from mytokens where mom_id = '$doomed_mom_id'")" 1 "the new token exists"
api_post /api/v0/token/revoke "$(jq -nc --arg t "$doomed_code" '{token: $t}')"
expect_status 204 "revoking the code -> 204"
exchange "$doomed_code"
expect_error 401 invalid_token "Bad polling or transfer code"
expect_eq "$(sqlite3 "$DB" "select count(*) from mytokens where mom_id = '$doomed_mom_id'")" 0 \
  "revoking the code revoked the token it was issued for"

# --- revoking a code made for an existing token only removes the code ---
transfer "$mt"
code=$(jget .transfer_code)
remember_secret "$code"
api_post_form /api/v0/token/revoke "token=$code"
expect_status 204 "revoking a transfer code (form) -> 204"
exchange "$code"
expect_error 401 invalid_token "Bad polling or transfer code"
at_request "$mt"
expect_status 200 "the transferred token itself still works"

# --- the transfer is an "other" use (spec §21 item 7) ---
mt_once=$(login_mytoken '{"restrictions":[{"usages_other":1}]}')
transfer "$mt_once"
expect_status 200 "usages_other 1: first transfer -> 200"
remember_secret "$(jget .transfer_code)"
transfer "$mt_once"
expect_error 403 usage_restricted
mt_host=$(login_mytoken '{"restrictions":[{"hosts":["192.0.2.1"]}]}')
transfer "$mt_host"
expect_error 403 usage_restricted

# --- expiry and purge: a server whose codes live 2 s (same database and tokens) ---
login_polled '{"response_type":"short_token"}' # a short token never expires: the purge must leave it alone
short=$(jget .mytoken)
remember_secret "$short"
tokens_before=$(sqlite3 "$DB" 'select count(*) from mytokens')
stop_mytokend
sed -i 's/expires_after: 300/expires_after: 2/' "$MT_CONFIG"
add_feature 'cleanup: {interval: 1, keep_expired: 3}'
start_mytokend
transfer "$mt"
expect_json_eq .expires_in 2
code=$(jget .transfer_code)
remember_secret "$code"
codes_before=$(sqlite3 "$DB" "select count(*) from proxy_tokens where kind = 'transfer_code'")
sleep 3 # let the code expire
exchange "$code"
expect_error 401 expired_token "polling or transfer code is expired"
# the server purges expired codes itself (keep_expired 3 s, every second), and nothing else
deadline=$((SECONDS + 15))
codes() { sqlite3 "$DB" "select count(*) from proxy_tokens where kind = 'transfer_code'"; }
until [[ $(codes) == $((codes_before - 1)) ]]; do
  ((SECONDS < deadline)) || break
  sleep 0.5
done
expect_eq "$(codes)" "$((codes_before - 1))" "the expired transfer code is purged by the server, the live ones stay"
exchange "$code"
expect_error 401 invalid_token "Bad polling or transfer code"
expect_eq "$(sqlite3 "$DB" 'select count(*) from mytokens')" "$tokens_before" "the purge removed no token"
at_request "$short"
expect_status 200 "the short token survived the purge"

# --- guessing limits: 3 unknown codes per client, then 429 even for a real code ---
stop_mytokend
sed -i 's/code_rate_limits: {misses_per_ip: 100}/code_rate_limits: {misses_per_ip: 3, window: 300}/' "$MT_CONFIG"
sqlite3 "$DB" 'DELETE FROM rate_limits' # forget the misses of the sections above (test scaffolding)
sed -i 's/expires_after: 2/expires_after: 300/' "$MT_CONFIG"
sed -i '/cleanup: {interval: 1, keep_expired: 3}/d' "$MT_CONFIG"
start_mytokend
transfer "$mt"
code=$(jget .transfer_code)
remember_secret "$code"
for guess in aaaaaaaa bbbbbbbb cccccccc; do
  exchange "$guess"
  expect_error 401 invalid_token "Bad polling or transfer code"
done
exchange dddddddd
expect_error 429 too_many_requests
exchange "$code"
expect_error 429 too_many_requests
api_post /api/v0/token/my "{\"grant_type\":\"polling_code\",\"polling_code\":\"eeeeeeee\"}"
expect_error 429 too_many_requests
expect_true "the counters are kept in the database, shared by all instances" \
  test "$(sqlite3 "$DB" 'select count(*) from rate_limits')" -ge 2
expect_eq "$(sqlite3 "$DB" "select count(*) from rate_limits where key like '%127.0.0.1%' or key like '%$code%'")" 0 \
  "counter keys reveal neither the client address nor the code"

finish
