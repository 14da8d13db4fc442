#!/usr/bin/env bash
# The revocation endpoint, by token (spec §11 A).
source "$(dirname "$0")/lib.sh"
start_all

mt=$(login_mytoken '{"name":"revoke me"}')
at_request "$mt"
expect_status 200 "the token works before revocation"
api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt\"}"
expect_status 200 "introspection works before revocation"
# The OP's tokens of this login (refresh token and access tokens; JWTs excluded: the OP does not store them).
mapfile -t op_tokens < <(grep -v '\.' "$OP_TOKEN_LOG" | sort -u)
expect_true "the OP issued an opaque access and a refresh token (${#op_tokens[@]})" test "${#op_tokens[@]}" -ge 2

api_post /api/v0/token/revoke "{\"token\":\"$mt\"}"
expect_status 204 "revoke by token -> 204"
expect_eq "$BODY" "" "204 has no body"
at_request "$mt"
expect_error 401 invalid_token
api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt\"}"
expect_error 401 invalid_token
# The last token of the login is gone, so mytokend revoked the refresh token at the OP (which revokes the grant).
active=0
for t in "${op_tokens[@]}"; do
  op_introspect "$t"
  [[ $(jget .active) == false ]] || active=$((active + 1))
done
expect_eq "$active" 0 "after revocation the OP reports none of this login's tokens active"
api_post /api/v0/token/revoke "{\"token\":\"$mt\"}"
expect_status 204 "revoking an already revoked token -> 204"

api_post /api/v0/token/revoke '{"token":"garbage"}'
expect_status 204 "revoking garbage -> 204"
api_post /api/v0/token/revoke "{\"token\":\"$(cut -d. -f1-2 <<<"$mt").AAAA\"}"
expect_status 204 "revoking a token with a bad signature -> 204"

mt2=$(login_mytoken '{}')
api_post /api/v0/token/revoke "{\"token\":\"$mt2\",\"recursive\":true}"
expect_status 204 "revoke with recursive=true -> 204"
at_request "$mt2"
expect_error 401 invalid_token

# form-capable
mt3=$(login_mytoken '{}')
api_post_form /api/v0/token/revoke "token=$mt3" recursive=true
expect_status 204 "revoke as form -> 204"
at_request "$mt3"
expect_error 401 invalid_token

mt4=$(login_mytoken '{}')
api_post /api/v0/token/revoke "{\"token\":\"$mt4\",\"oidc_issuer\":\"https://op.invalid\"}"
expect_error 400 invalid_request "token not for specified issuer"
at_request "$mt4"
expect_status 200 "a refused revocation leaves the token valid"

api_post /api/v0/token/revoke '{}'
expect_error 400 invalid_request "no token given"
api_post /api/v0/token/revoke '{"recursive":true}'
expect_error 400 invalid_request

finish
