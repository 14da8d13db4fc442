#!/usr/bin/env bash
# Token rotation (spec §9, §4.3 step 4, §21 "rotation seen by OAuth clients"): on_AT and on_other with JWTs and
# short tokens, token_update and the top-level refresh_token, old seq_no never accepted again, auto_revoke reuse
# detection, lifetime, and what concurrent uses of one rotating token get (docs/tokens.md).
source "$(dirname "$0")/lib.sh"
start_all

seq_no() { jwt_payload "$1" | jq -r .seq_no; }
supports() { api_get /.well-known/mytoken-configuration; [[ $(jget "$1") == true ]]; }

# --- on_AT with a JWT ---
mt=$(login_mytoken '{"rotation":{"on_AT":true}}')
expect_eq "$(jwt_payload "$mt" | jq -c .rotation)" '{"on_AT":true}' "the JWT carries the rotation policy"
expect_eq "$(seq_no "$mt")" 1 "a new token has seq_no 1"
at_request "$mt"
expect_status 200 "AT request with an on_AT token -> 200"
expect_json_eq .token_update.mytoken_type token
mt2=$(jget .token_update.mytoken)
remember_secret "$mt2"
expect_json_eq .refresh_token "$mt2" "the new token is also the top-level refresh_token (OAuth clients keep it)"
expect_json_eq .token_update.mom_id "$(jget .mom_id "$(last_login_response)")"
expect_eq "$(seq_no "$mt2")" 2 "the rotated token has seq_no 2"
expect_eq "$(jwt_payload "$mt2" | jq -r .jti)" "$(jwt_payload "$mt" | jq -r .jti)" "same jti after rotation"
at_request "$mt"
expect_error 401 invalid_token
at_request "$mt2"
expect_status 200 "the rotated token works"
mt3=$(jget .token_update.mytoken)
remember_secret "$mt3"
expect_eq "$(seq_no "$mt3")" 3 "and rotates to seq_no 3"
for old in "$mt" "$mt2"; do
  at_request "$old"
  expect_error 401 invalid_token
done
api_post /api/v0/tokeninfo "$(jq -nc --arg t "$mt3" '{action: "introspect", mytoken: $t}')"
expect_status 200 "introspection with the current token -> 200"
expect_json_eq 'has("token_update")' false "introspection never rotates (spec §9)"
# form request, as oidc-agent sends it
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$mt3"
expect_status 200 "form AT request with a rotating token -> 200"
mt4=$(jget .refresh_token)
remember_secret "$mt4"
expect_eq "$(seq_no "$mt4")" 4 "form answer: refresh_token is the rotated token"

# --- on_AT does not rotate on other uses, on_other does ---
api_post /api/v0/token/transfer "$(jq -nc --arg t "$mt4" '{mytoken: $t}')"
expect_status 200 "transfer with an on_AT token -> 200"
expect_json_eq 'has("token_update")' false "on_AT: an other use does not rotate"
remember_secret "$(jget .transfer_code)"
mo=$(login_mytoken '{"rotation":{"on_other":true}}')
at_request "$mo"
expect_json_eq 'has("token_update")' false "on_other: an AT request does not rotate"
api_post /api/v0/token/transfer "$(jq -nc --arg t "$mo" '{mytoken: $t}')"
expect_status 200 "transfer with an on_other token -> 200"
mo2=$(jget .token_update.mytoken)
code=$(jget .transfer_code)
remember_secret "$mo2"
remember_secret "$code"
expect_eq "$(seq_no "$mo2")" 2 "the transfer (an other use) rotated the token"
api_post /api/v0/token/my "$(jq -nc --arg c "$code" '{grant_type: "transfer_code", transfer_code: $c}')"
expect_json_eq .mytoken "$mo2" "the code carries the rotated (current) token"
at_request "$mo"
expect_error 401 invalid_token

# --- auto_revoke: reuse of an old token revokes the token ---
ma=$(login_mytoken '{"rotation":{"on_AT":true,"auto_revoke":true},"capabilities":["AT","create_mytoken"]}')
ma_mom_id=$(jget .mom_id "$(last_login_response)")
child=""
if supports '.mytoken_endpoint_grant_types_supported | index("mytoken") != null'; then
  api_post /api/v0/token/my "$(jq -nc --arg t "$ma" --arg op "$OP" \
    '{grant_type: "mytoken", mytoken: $t, oidc_issuer: $op, capabilities: ["AT"]}')"
  child=$(jget .mytoken)
  remember_secret "$child"
  ma=$(jget '.token_update.mytoken // empty' | grep . || printf '%s' "$ma")
fi
at_request "$ma"
ma2=$(jget .token_update.mytoken)
remember_secret "$ma2"
at_request "$ma2"
expect_status 200 "the rotated auto_revoke token works"
ma3=$(jget .token_update.mytoken)
remember_secret "$ma3"
at_request "$ma"
expect_error 401 invalid_token
at_request "$ma3"
expect_error 401 invalid_token
expect_eq "$(sqlite3 "$TMP/mytoken.db" "select count(*) from mytokens where mom_id = '$ma_mom_id'")" 0 \
  "presenting a superseded seq_no with auto_revoke revoked the token"
if [[ -n $child ]]; then
  at_request "$child"
  expect_error 401 invalid_token
else
  say "     (grant_type=mytoken not offered by this build: subtree check skipped)"
fi

# --- short tokens rotate to new short tokens (spec §4.5, §9) ---
login_polled '{"response_type":"short_token","rotation":{"on_AT":true,"auto_revoke":true}}'
st=$(jget .mytoken)
remember_secret "$st"
expect_json_eq .mytoken_type short_token
at_request "$st"
expect_status 200 "AT request with a rotating short token -> 200"
expect_json_eq .token_update.mytoken_type short_token "a short token rotates to a short token"
st2=$(jget .token_update.mytoken)
remember_secret "$st2"
expect_eq "${#st2}" 64 "the new short token has 64 characters"
expect_ne "$st2" "$st" "it is a new short token"
expect_json_eq .refresh_token "$st2" "the new short token is the top-level refresh_token"
at_request "$st2"
expect_status 200 "the new short token works"
st3=$(jget .token_update.mytoken)
remember_secret "$st3"
api_post /api/v0/tokeninfo "$(jq -nc --arg t "$st3" '{action: "introspect", mytoken: $t}')"
expect_json_eq .token.seq_no 3 "tokeninfo of the newest short token: seq_no 3"
expect_json_eq .token_type short_token
at_request "$st"
expect_error 401 invalid_token
at_request "$st3"
expect_error 401 invalid_token

# --- lifetime: an unused rotating token dies lifetime seconds after its last rotation ---
ml=$(login_mytoken '{"rotation":{"on_AT":true,"lifetime":4}}')
at_request "$ml"
expect_status 200 "AT with a lifetime token -> 200"
ml2=$(jget .token_update.mytoken)
remember_secret "$ml2"
expect_eq "$(jwt_payload "$ml2" | jq '.exp - .iat')" 4 "after rotation exp = now + lifetime"
sleep 5 # let the rotation window pass
at_request "$ml2"
expect_error 401 invalid_token

# --- concurrent uses of one rotating token (docs/tokens.md) ---
mc=$(login_mytoken '{"rotation":{"on_AT":true}}')
mkdir -p "$TMP/concurrent"
body=$(jq -nc --arg t "$mc" '{grant_type: "mytoken", mytoken: $t}')
pids=()
for i in $(seq 1 6); do
  curl -sS -o "$TMP/concurrent/$i.json" -w '%{http_code}\n' --max-time 30 -H 'Content-Type: application/json' \
    --data-binary "$body" "$API/token/access" >"$TMP/concurrent/$i.status" 2>/dev/null &
  pids+=($!)
done
wait "${pids[@]}"
statuses=$(sort "$TMP"/concurrent/*.status | uniq -c | tr -s ' ' | tr '\n' ';')
expect_true "every concurrent use got 200 or 401 ($statuses)" \
  test -z "$(cat "$TMP"/concurrent/*.status | grep -vxE '200|401' || true)"
updates=$(cat "$TMP"/concurrent/*.json | jq -r 'select(.token_update) | .token_update.mytoken')
expect_eq "$(grep -c . <<<"$updates" || true)" 1 "exactly one concurrent use carries a token_update"
newest=$(head -n1 <<<"$updates")
remember_secret "$newest"
at_request "$newest"
expect_status 200 "the token_update of the concurrent uses works"
at_request "$mc"
expect_error 401 invalid_token

finish
