#!/usr/bin/env bash
# Malformed and hostile requests get the documented errors (spec §1, §4.3, §15) and never hurt the server.
source "$(dirname "$0")/lib.sh"
start_all

mt=$(login_mytoken '{}')

# --- bodies ---
api_post /api/v0/token/my '{"grant_type":'
expect_error 400 invalid_request
api_post /api/v0/token/my '[{"grant_type":"oidc_flow"}]'
expect_error 400 invalid_request
api_post /api/v0/token/my '"oidc_flow"'
expect_error 400 invalid_request
flow() { jq -nc --arg op "$OP" --argjson o "$1" '{grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: $op} + $o'; }
for bad in '{"capabilities":5}' '{"capabilities":{"AT":true}}' '{"restrictions":"x"}' '{"restrictions":5}' \
  '{"restrictions":[{"exp":"soon"}]}' '{"restrictions":[{"usages_AT":"many"}]}' '{"restrictions":[{"hosts":"127.0.0.1"}]}' \
  '{"rotation":"nope"}' '{"rotation":5}' '{"oidc_issuer":5}' '{"name":{"a":1}}'; do
  api_post /api/v0/token/my "$(flow "$bad")"
  expect_error 400 invalid_request
  [[ $STATUS == 400 ]] || say "     (body was $(flow "$bad"))"
done
api_post /api/v0/token/my $'{"grant_type":"oidc_flow","name":"\xff\xfe"}'
expect_error 400 invalid_request
deep=$(printf '%0.s[' {1..5000})$(printf '%0.s]' {1..5000})
api_post /api/v0/token/my "$deep"
expect_error 400 invalid_request
api_post /api/v0/token/access '{"grant_type":"mytoken","mytoken":'
expect_error 400 invalid_request
head -c 102400 /dev/zero | tr '\0' x | jq -Rc '{grant_type: "oidc_flow", pad: .}' >"$TMP/big.json"
http POST /api/v0/token/my -H 'Content-Type: application/json' --data-binary "@$TMP/big.json"
expect_status 413 "100 KiB body -> 413"
expect_json_true '.error | type == "string" and length > 0' "413 answer is an error object"
http GET /.well-known/mytoken-configuration -H "X-Big: $(head -c 65536 /dev/zero | tr '\0' x)"
# 431 (or 400) is best; closing the connection (curl: 000) is acceptable too — but never 2xx or 5xx.
expect_match "$STATUS" '^(4[0-9][0-9]|000)$' "64 KiB header -> a 4xx answer or a closed connection (got $STATUS)"

# --- paths ---
api_get /api/v0/nope
expect_error 404 not_found
api_post /api/v0/token/nope '{}'
expect_error 404 not_found
api_get /nope
expect_status 404 "unknown non-API path -> 404"

# --- forged and broken mytokens (spec §4.3: signature, pinned alg, typ, claims, DB row) ---
# Checked at introspection, which needs nothing but a valid token (the AT endpoint would also need the refresh
# token, whose key is derived from the exact token string, so any re-encoded token fails there anyway).
introspect() { api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$1" '{action: "introspect", mytoken: $mt}')"; }
key=$TMP/signing-key.pem
expect_true "mytokend created its signing key at signing.mytoken.key_file" test -s "$key"
header=$(jwt_header "$mt") claims=$(jwt_payload "$mt")
encode() { printf %s "$1" | jq -c . | tr -d '\n' | b64url_encode; }
# resign HEADER CLAIMS: a token signed with mytokend's own key (only a test can do that)
resign() {
  local input
  input="$(encode "$1").$(encode "$2")"
  printf '%s.%s' "$input" "$(sign_es512 "$key" "$input")"
}
introspect "$(resign "$header" "$claims")"
expect_status 200 "control: the same claims re-signed with the server's key pass introspection"

introspect "$(encode '{"alg":"none","typ":"MT+JWT"}').$(encode "$claims")."
expect_error 401 invalid_token
input="$(encode '{"alg":"HS256","typ":"MT+JWT"}').$(encode "$claims")"
pub=$(openssl pkey -in "$key" -pubout)
introspect "$input.$(printf %s "$input" | openssl dgst -sha256 -hmac "$pub" -binary | b64url_encode)"
expect_error 401 invalid_token
introspect "$(resign '{"alg":"ES384","typ":"MT+JWT"}' "$claims")"
expect_error 401 invalid_token
introspect "$(resign '{"alg":"ES512","typ":"JWT"}' "$claims")"
expect_error 401 invalid_token
introspect "$(resign '{"alg":"ES512"}' "$claims")"
expect_error 401 invalid_token
tampered="$(cut -d. -f1 <<<"$mt").$(encode "$(jq -c '.capabilities += ["create_mytoken"]' <<<"$claims")").$(cut -d. -f3 <<<"$mt")"
introspect "$tampered"
expect_error 401 invalid_token
at_request "$tampered"
expect_error 401 invalid_token
for change in '.aud = "https://evil.example"' '.iss = "https://evil.example"' ".exp = $(($(now) - 10))" \
  ".nbf = $(($(now) + 3600))" ".iat = $(($(now) + 3600))" '.oidc_sub = "bob"' '.seq_no = 2' \
  '.jti = "0b6ef2d4-6d8e-4f5b-9c4e-2a7c1d3e4f50"'; do
  introspect "$(resign "$header" "$(jq -c "$change" <<<"$claims")")"
  expect_error 401 invalid_token
  [[ $STATUS == 401 ]] || say "     (claims changed with: $change)"
done

# --- still healthy ---
api_get /.well-known/mytoken-configuration
expect_status 200 "discovery still answers after all that"
at_request "$mt"
expect_status 200 "a valid AT request still works after all that"
expect_true "mytokend is still running" kill -0 "$MT_PID"

finish
