#!/usr/bin/env bash
# Tokeninfo action introspect (spec §10).
source "$(dirname "$0")/lib.sh"
start_all

mt=$(login_mytoken '{"name":"introspect me","restrictions":[{"usages_AT":5}]}')
mom_id=$(last_login_response | jq -r .mom_id)
claims=$(jwt_payload "$mt")

api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt\"}"
expect_status 200 "introspect -> 200"
expect_json_eq .valid true
expect_json_eq .token_type token
expect_json_eq .mom_id "$mom_id"
for c in ver token_type iss sub aud seq_no oidc_sub oidc_iss capabilities jti iat nbf name; do
  expect_json_eq ".token.$c" "$(jget ".$c" "$claims")" "introspect: token.$c is the JWT's"
done
expect_json_eq '.token.restrictions | length' 1
expect_json_eq '.token.restrictions[0].usages_AT' 5
expect_json_eq '.token.restrictions[0] | has("usages_AT_done")' false "no usages_AT_done before any AT"

at_request "$mt"
expect_status 200 "one AT"
api_post /api/v0/tokeninfo '{"action":"introspect"}' -H "Authorization: Bearer $mt"
expect_status 200 "introspect with the token in the Authorization header -> 200"
expect_json_eq '.token.restrictions[0].usages_AT_done' 1 "introspect reports usages_AT_done 1 after one AT"
expect_json_eq '.token.restrictions[0].usages_AT' 5

# The capability tokeninfo:introspect is needed (tokeninfo includes it).
mt_at=$(login_mytoken '{"capabilities":["AT"]}')
api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt_at\"}"
expect_error 403 insufficient_capabilities
mt_ti=$(login_mytoken '{"capabilities":["tokeninfo:introspect"]}')
api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt_ti\"}"
expect_status 200 "tokeninfo:introspect alone is enough"
expect_json_eq '.token.capabilities' '["tokeninfo:introspect"]'

api_post /api/v0/tokeninfo '{"action":"introspect"}'
expect_error 401 invalid_token
api_post /api/v0/tokeninfo '{"action":"introspect","mytoken":"garbage"}'
expect_error 401 invalid_token
api_post /api/v0/tokeninfo "{\"action\":\"fly\",\"mytoken\":\"$mt\"}"
expect_status 400 "unknown action -> 400"
# spec §21 row 6: a missing action is an error, not introspect
api_post /api/v0/tokeninfo "{\"mytoken\":\"$mt\"}"
expect_status 400 "missing action -> 400"

finish
