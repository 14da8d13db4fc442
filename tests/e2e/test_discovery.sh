#!/usr/bin/env bash
# Discovery (spec §3.1) at both well-known paths, and the JWKS (spec §3.2).
source "$(dirname "$0")/lib.sh"
start_all

api_get /.well-known/mytoken-configuration
expect_status 200
expect_contains "$(header content-type)" application/json "discovery is JSON"
conf=$BODY
expect_json_eq .issuer "$ISS"
expect_json_eq .access_token_endpoint "$API/token/access"
expect_json_eq .token_endpoint "$API/token/access"
expect_json_eq .mytoken_endpoint "$API/token/my"
expect_json_eq .jwks_uri "$ISS/jwks"
expect_json_eq .token_signing_alg_value ES512
expect_json_eq '.providers_supported | length' 1
expect_json_eq '.providers_supported[0].issuer' "$OP"
expect_json_eq '.providers_supported[0].name' "Dev OP"
expect_json_eq '.providers_supported[0].scopes_supported' \
  '["openid","profile","email","offline_access","storage.read","compute.create"]'
for g in oidc_flow mytoken polling_code; do
  expect_json_true "(.mytoken_endpoint_grant_types_supported | index(\"$g\")) != null"
done
expect_json_true '.access_token_endpoint_grant_types_supported | index("mytoken") != null'
expect_json_true '.mytoken_endpoint_oidc_flows_supported | index("authorization_code") != null'
expect_json_true '.response_types_supported | index("token") != null'
# Revocation and introspection are on by default and used by the other tests.
expect_json_eq .revocation_endpoint "$API/token/revoke"
expect_json_eq .tokeninfo_endpoint "$API/tokeninfo"
# Transfer codes may come later: advertised only once implemented (spec §21 row 13), then at the documented URL.
if [[ $(jget .token_transfer_endpoint) != null ]]; then
  expect_json_eq .token_transfer_endpoint "$API/token/transfer"
fi
expect_json_true '.tokeninfo_endpoint_actions_supported | index("introspect") != null'

api_get /.well-known/openid-configuration
expect_status 200
expect_eq "$(jq -S . <<<"$BODY")" "$(jq -S . <<<"$conf")" "openid-configuration is the same document"

api_get /jwks
expect_status 200
expect_json_eq '.keys | length' 1
expect_json_eq '.keys[0].kty' EC
expect_json_eq '.keys[0].crv' P-521
expect_json_eq '.keys[0].use' sig
expect_json_eq '.keys[0].alg' ES512
expect_json_true '(.keys[0].x | length) > 0 and (.keys[0].y | length) > 0'
expect_json_true '.keys[0] | has("d") | not' "the JWK has no private part"
# kid = RFC 7638 thumbprint: SHA-256 over {"crv","kty","x","y"} in that order, no whitespace.
thumbprint=$(jq -cj '.keys[0] | {crv, kty, x, y}' <<<"$BODY" | openssl dgst -sha256 -binary | b64url_encode)
expect_json_eq '.keys[0].kid' "$thumbprint" "kid is the RFC 7638 thumbprint"

finish
