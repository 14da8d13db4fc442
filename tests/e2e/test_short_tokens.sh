#!/usr/bin/env bash
# Short mytokens (spec §4.3–4.5, §5.7, §11 A): response_type short_token and max_token_len (decision table of
# §4.4), the short token at the AT endpoint (JSON, form, Bearer), tokeninfo, transfer and revocation, bad short
# tokens, discovery, and the features.short_tokens / transfer_codes settings.
source "$(dirname "$0")/lib.sh"
write_mytokend_config
start_all
SHORT='^[abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTUVWXYZ]+$'

add_feature() { sed -i "/^features:\$/a\\  $1" "$MT_CONFIG"; }
supports() { api_get /.well-known/mytoken-configuration; [[ $(jget "$1") == true ]]; }

# --- discovery (spec §3.1, §21 item 13) ---
api_get /.well-known/mytoken-configuration
expect_json_true '.response_types_supported | index("short_token") != null' "discovery: response type short_token"
expect_json_true '.response_types_supported | index("transfer_code") != null' "discovery: response type transfer_code"
expect_json_true '.mytoken_endpoint_grant_types_supported | index("transfer_code") != null' "discovery: grant transfer_code"
expect_json_eq .token_transfer_endpoint "$API/token/transfer"

# --- response_type short_token ---
login_polled '{"response_type":"short_token","name":"short one","capabilities":["AT","tokeninfo","create_mytoken"]}'
expect_status 200 "polling a login with response_type short_token -> 200"
expect_json_eq .mytoken_type short_token
st=$(jget .mytoken)
mom_id=$(jget .mom_id)
remember_secret "$st"
expect_eq "${#st}" 64 "the short token has 64 characters (default features.short_tokens.len)"
expect_match "$st" "$SHORT" "the short token uses the 50-letter alphabet"
expect_json_eq '.capabilities | sort | join(",")' "AT,create_mytoken,tokeninfo"

# works everywhere a JWT works
at_request "$st"
expect_status 200 "AT request with the short token (JSON) -> 200"
expect_true "the access token is one the OP issued" op_issued "$(jget .access_token)"
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$st"
expect_status 200 "AT request with the short token as form refresh_token (oidc-agent) -> 200"
api_post /api/v0/token/access '{"grant_type":"mytoken"}' -H "Authorization: Bearer $st"
expect_status 200 "AT request with the short token as Bearer -> 200"
api_post /api/v0/tokeninfo "$(jq -nc --arg t "$st" '{action: "introspect", mytoken: $t}')"
expect_status 200 "tokeninfo introspect with the short token -> 200"
expect_json_eq .token_type short_token "tokeninfo tells it is a short token"
expect_json_eq .mom_id "$mom_id"
expect_json_eq .token.name "short one"

# sub-tokens from a short token (spec §5.5) once this server offers grant_type=mytoken
if supports '.mytoken_endpoint_grant_types_supported | index("mytoken") != null'; then
  api_post /api/v0/token/my "$(jq -nc --arg t "$st" --arg op "$OP" \
    '{grant_type: "mytoken", mytoken: $t, oidc_issuer: $op, capabilities: ["AT"], response_type: "short_token"}')"
  expect_status 200 "sub-token from a short token -> 200"
  expect_json_eq .mytoken_type short_token "the sub-token is a short token as requested"
  remember_secret "$(jget .mytoken)"
else
  say "     (grant_type=mytoken not offered by this build: sub-token checks skipped)"
fi

# --- transfer keeps the representation (spec §21 item 7) ---
api_post /api/v0/token/transfer "$(jq -nc --arg t "$st" '{mytoken: $t}')"
expect_status 200 "transfer of a short token -> 200"
code=$(jget .transfer_code)
remember_secret "$code"
api_post /api/v0/token/my "$(jq -nc --arg c "$code" '{grant_type: "transfer_code", transfer_code: $c}')"
expect_status 200 "exchange of the short token's code -> 200"
expect_json_eq .mytoken "$st" "a transferred short token comes back as the same short token"
expect_json_eq .mytoken_type short_token

# --- max_token_len (spec §4.4) ---
login_polled '{"max_token_len":100}'
expect_json_eq .mytoken_type short_token "max_token_len 100 < JWT length -> short_token"
remember_secret "$(jget .mytoken)"
login_polled '{"max_token_len":100000,"response_type":"short_token"}'
expect_json_eq .mytoken_type token "max_token_len above the JWT length -> token, whatever response_type says"
jwt=$(jget .mytoken)
remember_secret "$jwt"
expect_eq "$(cut -d. -f1 <<<"$jwt" | b64url_decode | jq -r .typ)" MT+JWT "it is the JWT"
login_polled '{"max_token_len":40}'
expect_json_eq .mytoken_type transfer_code "max_token_len 40 < short token length 64 -> transfer_code"
remember_secret "$(jget .transfer_code)"
login_polled '{"response_type":"no-such-type"}'
expect_json_eq .mytoken_type token "unknown response_type -> token"
remember_secret "$(jget .mytoken)"

# --- bad short tokens (spec §4.3 step 1) ---
at_request "abcdefghijkmnopqrstuvwxyzABCDE" # 30 letters
expect_error 401 invalid_token "token not valid"
at_request "$(printf 'a%.0s' $(seq 64))"
expect_error 401 invalid_token
at_request "${st:0:63}"
expect_error 401 invalid_token

# --- revocation of a short token (spec §11 A) ---
login_polled '{"response_type":"short_token"}'
st2=$(jget .mytoken)
remember_secret "$st2"
at_request "$st2"
expect_status 200 "second short token works"
api_post /api/v0/token/revoke "$(jq -nc --arg t "$st2" '{token: $t}')"
expect_status 204 "revoking a short token -> 204"
at_request "$st2"
expect_error 401 invalid_token
api_post /api/v0/token/revoke "$(jq -nc --arg t "$st2" '{token: $t}')"
expect_status 204 "revoking it again -> 204 (RFC 7009)"
at_request "$st"
expect_status 200 "the other short token is not affected"

# --- features.short_tokens.len ---
stop_mytokend
add_feature 'short_tokens: {enabled: true, len: 40}'
start_mytokend
login_polled '{"response_type":"short_token"}'
expect_json_eq .mytoken_type short_token
st40=$(jget .mytoken)
remember_secret "$st40"
expect_eq "${#st40}" 40 "features.short_tokens.len 40 -> 40 characters"
at_request "$st40"
expect_status 200 "the 40-character short token works"
at_request "$st"
expect_status 200 "the earlier 64-character short token still works"
login_polled '{"max_token_len":40}'
expect_json_eq .mytoken_type short_token "max_token_len 40 now fits a short token"
remember_secret "$(jget .mytoken)"

# --- both features disabled ---
stop_mytokend
sed -i 's/short_tokens: {enabled: true, len: 40}/short_tokens: {enabled: false}\n  transfer_codes: {enabled: false}/' "$MT_CONFIG"
start_mytokend
api_get /.well-known/mytoken-configuration
expect_json_eq '.response_types_supported | join(",")' token "disabled: only response type token advertised"
expect_json_eq '.mytoken_endpoint_grant_types_supported | index("transfer_code")' null "disabled: no grant transfer_code"
expect_json_eq 'has("token_transfer_endpoint")' false "disabled: no transfer endpoint advertised"
login_polled '{"response_type":"short_token"}'
expect_json_eq .mytoken_type token "short_token requested while disabled -> token"
jwt=$(jget .mytoken)
remember_secret "$jwt"
login_polled '{"max_token_len":100}'
expect_json_eq .mytoken_type token "max_token_len with both disabled -> token"
remember_secret "$(jget .mytoken)"
api_post /api/v0/token/transfer "$(jq -nc --arg t "$jwt" '{mytoken: $t}')"
expect_error 404 not_found
api_post /api/v0/token/my '{"grant_type":"transfer_code","transfer_code":"abcdefgh"}'
expect_error 400 invalid_grant "Unsupported grant_type"
at_request "$st"
expect_status 200 "existing short tokens keep working while new ones are disabled"

finish
