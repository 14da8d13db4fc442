#!/usr/bin/env bash
# The access token endpoint (spec §7): request forms, the docs' curl one-liner, scope and audience,
# restrictions and capabilities enforced, missing/bad tokens, and an unreachable OP.
source "$(dirname "$0")/lib.sh"
start_all
STORAGE=https://storage.example.org

mt=$(login_mytoken '{"name":"at-test"}')

# --- JSON body ---
at_request "$mt"
expect_status 200 "AT request with JSON body -> 200"
expect_json_eq .token_type Bearer
expect_json_true '.expires_in > 0 and .expires_in <= 3600'
at=$(jget .access_token)
expect_true "the access token is one the OP issued" op_issued "$at"
expect_json_eq 'has("token_update")' false "no token_update for a non-rotating token"
op_userinfo "$at"
expect_status 200 "the AT works at the OP's userinfo endpoint"
expect_json_eq .sub alice "userinfo: sub alice"

# --- form body, OAuth style (oidc-agent) ---
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$mt"
expect_status 200 "AT request as form grant_type=refresh_token&refresh_token=<MT> -> 200"
expect_true "form: the access token is one the OP issued" op_issued "$(jget .access_token)"
# oidc-agent may add a meaningless Basic header (spec §7)
http POST /api/v0/token/access --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$mt" \
  -u someone:something
expect_status 200 "form AT request with a Basic header -> 200"

# --- mytoken in the Authorization header ---
api_post /api/v0/token/access '{"grant_type":"mytoken"}' -H "Authorization: Bearer $mt"
expect_status 200 "AT request with Authorization: Bearer <MT> -> 200"
expect_true "Bearer: the access token is one the OP issued" op_issued "$(jget .access_token)"

# --- the documentation's one-liner, verbatim, in a plain shell ---
one_liner='curl -s -X POST "$(curl -s "$(echo "$MYTOKEN" | cut -d. -f2 | base64 -d 2>/dev/null | jq -r .iss)/.well-known/mytoken-configuration" | jq -r .access_token_endpoint)" -H '"'"'Content-Type: application/json'"'"' -d "{\"grant_type\":\"mytoken\",\"mytoken\":\"$MYTOKEN\"}" | jq -r .access_token'
at=$(bash -c "MYTOKEN=$mt; $one_liner" </dev/null)
expect_ne "$at" "" "one-liner prints an access token"
expect_ne "$at" null "one-liner prints an access token, not null"
expect_true "one-liner: the access token is one the OP issued" op_issued "$at"
op_introspect "$at"
expect_json_eq .active true "one-liner: the OP's introspection says the AT is active"
expect_json_eq .sub alice "one-liner: the OP's introspection says sub alice"

# --- down-scoping (spec §7 step 2) ---
at_request "$mt" '{"scope":"storage.read"}'
expect_status 200 "AT request with scope=storage.read -> 200"
scope=$(jget .scope)
expect_contains " $scope " " storage.read " "response scope has storage.read"
expect_eq "$(tr ' ' '\n' <<<"$scope" | grep -cvxE 'storage\.read|offline_access' || true)" 0 \
  "response scope [$scope] has nothing but storage.read (+ offline_access)"
op_introspect "$(jget .access_token)"
expect_eq "$(jget '.scope | split(" ") - ["offline_access"] | join(" ")')" storage.read "the OP's AT carries only storage.read"

# --- audience (RFC 8707): the token is restricted to the audience so it is in the authorization request ---
mt_aud=$(login_mytoken "{\"restrictions\":[{\"audience\":[\"$STORAGE\"]}]}")
at_request "$mt_aud" "{\"audience\":\"$STORAGE\"}"
expect_status 200 "AT request with audience -> 200"
expect_json_eq .audience "[\"$STORAGE\"]" "response audience is the requested one"
at=$(jget .access_token)
expect_true "audience: the access token is one the OP issued" op_issued "$at"
BODY=$(jwt_payload "$at") LAST_REQUEST="claims of the audience AT"
expect_json_eq .aud "$STORAGE" "the AT is a JWT whose aud is the requested resource"
expect_json_eq .iss "$OP" "the JWT AT comes from the OP"
expect_json_eq .sub alice
# spec §21 row 3: without a requested audience, the clause's audiences are used
at_request "$mt_aud"
expect_status 200 "AT request without audience on an audience-restricted token -> 200"
expect_json_eq .audience "[\"$STORAGE\"]" "the clause's audience is used by default"
# spec §21 row 17: RFC 8707 `resource` in a form request (oidc-agent) is an alias of `audience`
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$mt_aud" "resource=$STORAGE"
expect_status 200 "form AT request with resource= -> 200"
expect_json_eq .audience "[\"$STORAGE\"]" "form resource= is used as the audience"
at_request "$mt_aud" '{"audience":"https://other.example.org"}'
expect_error 403 usage_restricted "The restrictions of this token does not allow this usage"

# --- usages_AT ---
mt2=$(login_mytoken '{"restrictions":[{"usages_AT":2}]}')
at_request "$mt2"
expect_status 200 "usages_AT 2: first AT"
at_request "$mt2"
expect_status 200 "usages_AT 2: second AT"
at_request "$mt2"
expect_error 403 usage_restricted "The restrictions of this token does not allow this usage"
at_request "$mt2"
expect_error 403 usage_restricted

# --- hosts ---
mt_host=$(login_mytoken '{"restrictions":[{"hosts":["192.0.2.1"]}]}')
at_request "$mt_host"
expect_error 403 usage_restricted
mt_this=$(login_mytoken '{"restrictions":[{"hosts":["this"]}]}')
expect_eq "$(jwt_payload "$mt_this" | jq -c .restrictions)" '[{"hosts":["127.0.0.1"]}]' "host \"this\" became the caller's address"
at_request "$mt_this"
expect_status 200 "hosts [this] -> AT from 127.0.0.1 works"

# --- nbf in the future ---
future=$(($(now) + 3600))
# One clause with nbf: the JWT's own nbf is that time (spec §4.1), so the token is not valid yet (§4.3).
# Polling hands out the finished token whatever its nbf (spec §5.4); only using it is refused.
if mt_nbf=$(login_mytoken "{\"restrictions\":[{\"nbf\":$future}]}"); then
  pass "polling hands out a token whose nbf is in the future"
  expect_eq "$(jwt_payload "$mt_nbf" | jq .nbf)" "$future" "JWT nbf = the clause's nbf"
  at_request "$mt_nbf"
  expect_error 401 invalid_token
else
  fail "polling hands out a token whose nbf is in the future" "the login failed (see above)"
fi
# A second clause without nbf keeps the JWT valid now; neither clause allows the request -> restricted.
mt_nbf2=$(login_mytoken "{\"restrictions\":[{\"nbf\":$future},{\"hosts\":[\"192.0.2.1\"]}]}")
at_request "$mt_nbf2"
expect_error 403 usage_restricted
# ... and a clause that allows it wins (restrictions are a disjunction, spec §6.1).
mt_or=$(login_mytoken "{\"restrictions\":[{\"nbf\":$future},{\"hosts\":[\"127.0.0.1\"]}]}")
at_request "$mt_or"
expect_status 200 "a second, matching clause allows the AT"

# --- capabilities ---
mt_ti=$(login_mytoken '{"capabilities":["tokeninfo"]}')
at_request "$mt_ti"
expect_error 403 insufficient_capabilities

# --- no token, bad tokens, bad grant ---
api_post /api/v0/token/access '{"grant_type":"mytoken"}'
expect_error 401 invalid_token
api_post /api/v0/token/access '{"grant_type":"mytoken","mytoken":"garbage"}'
expect_error 401 invalid_token
at_request "$(cut -d. -f1-2 <<<"$mt").AAAA"
expect_error 401 invalid_token
api_post /api/v0/token/access "{\"grant_type\":\"password\",\"mytoken\":\"$mt\"}"
expect_error 400 invalid_grant "Unsupported grant_type"
at_request "$mt" '{"oidc_issuer":"https://op.invalid"}'
expect_error 400 invalid_request "token not for specified issuer"

# --- the OP is down: an OP error, and mytokend keeps serving ---
stop_op
at_request "$mt"
expect_true "AT request with the OP down -> an error status >= 500 (got $STATUS)" test "$STATUS" -ge 500
expect_json_eq .error oidc_error
api_get /.well-known/mytoken-configuration
expect_status 200 "discovery still answers with the OP down"

finish
