#!/usr/bin/env bash
# The native authorization code flow (spec §5.2–5.4, §5.7) and the mytoken it yields (§4.1, §4.2), plus its
# error paths: unknown codes, declined consent, OP errors, bad requests.
source "$(dirname "$0")/lib.sh"
start_all

# --- happy path, step by step ---
start_login '{"name":"e2e laptop"}'
expect_match "$LOGIN_CONSENT_URI" "^$ISS/c/[A-Za-z]+\$" "consent_uri is $ISS/c/<letters>"
expect_match "$LOGIN_POLLING_CODE" '^[A-Za-z]{8}$' "polling code has polling_codes.len (8) letters"
expect_json_eq .expires_in 300
expect_json_eq .interval 1
poll_login
expect_error 428 authorization_pending
api_get "$LOGIN_CONSENT_URI"
expect_status 200 "GET consent page -> 200"
expect_contains "$(header content-type)" text/html "consent page is HTML"
approve_consent
expect_match "$LOGIN_AUTH_URI" "^$OP/auth\\?" "authorization_uri points at the OP"
for p in response_type=code client_id=mytoken-test "redirect_uri=$ISS/redirect" code_challenge_method=S256; do
  expect_eq "$(url_param "${p%%=*}" "$LOGIN_AUTH_URI")" "${p#*=}" "authorization request: $p"
done
expect_contains " $(url_param prompt "$LOGIN_AUTH_URI") " " consent " "authorization request: prompt has consent"
expect_match "$(url_param code_challenge "$LOGIN_AUTH_URI")" '^[A-Za-z0-9_-]{43}$' "authorization request: PKCE challenge"
expect_match "$(url_param state "$LOGIN_AUTH_URI")" '.{16,}' "authorization request: a state"
scope=" $(url_param scope "$LOGIN_AUTH_URI") "
for s in openid offline_access profile email storage.read compute.create; do
  expect_contains "$scope" " $s " "authorization request asks for scope $s (provider's scopes)"
done
complete_login
resp=$LOGIN_RESPONSE mt=$MYTOKEN
expect_json_eq .mytoken_type token "polling answer: mytoken_type token"
expect_json_eq '.mom_id | length' 88 "polling answer: mom_id (88 characters)"
expect_json_eq 'has("expires_in")' false "no expires_in for a token without exp"
expect_json_eq .capabilities '["AT","tokeninfo"]' "polling answer: default capabilities"

# JWT (spec §4.1)
expect_eq "$(jwt_header "$mt" | jq -cS .)" '{"alg":"ES512","typ":"MT+JWT"}' "JWT header is exactly {alg ES512, typ MT+JWT}"
claims=$(jwt_payload "$mt")
BODY=$claims LAST_REQUEST="mytoken claims"
expect_json_eq .ver 0.7
expect_json_eq .token_type mytoken
expect_json_eq .iss "$ISS"
expect_json_eq .aud "$ISS"
expect_json_eq .seq_no 1
expect_json_eq .oidc_iss "$OP"
expect_json_eq .oidc_sub alice
expect_json_eq .name "e2e laptop"
expect_json_eq .capabilities '["AT","tokeninfo"]'
expect_json_eq 'has("exp")' false "no exp claim without restrictions"
expect_json_eq 'has("restrictions")' false "no restrictions claim without restrictions"
expect_json_true '(.iat | type) == "number" and (.nbf | type) == "number" and .nbf <= now + 1 and .iat <= now + 1'
expect_json_true '.auth_time <= now + 1 and .auth_time >= .iat - 60' "auth_time is the login time"
jti=$(jget .jti)
expect_match "$jti" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "jti is a UUIDv4"
sub=$(printf '%s' "alice@$OP" | openssl dgst -sha3-256 -binary | base64 -w0)
expect_json_eq .sub "$sub" "sub = base64(SHA3-256(oidc_sub@oidc_iss))"
mom_id=$(printf '%b' "$(tr -d - <<<"$jti" | sed 's/../\\x&/g')" | openssl dgst -sha512 -binary | base64 -w0)
expect_eq "$(jget .mom_id "$resp")" "$mom_id" "mom_id = base64(SHA-512(raw jti bytes))"
api_get /jwks
expect_true "the mytoken's signature verifies with the key from /jwks" verify_jwt_with_jwks "$mt" "$BODY"

# The polling code is one-time.
poll_login
expect_error 401 invalid_token "Bad polling or transfer code"
api_post /api/v0/token/my '{"grant_type":"polling_code","polling_code":"AAAAbbbb"}'
expect_error 401 invalid_token "Bad polling or transfer code"

# A token with restrictions: expires_in, exp (spec §4.1, §5.7).
exp=$(($(now) + 3600))
mt=$(login_mytoken "{\"restrictions\":[{\"exp\":$exp}],\"capabilities\":[\"AT\"]}")
BODY=$(last_login_response) LAST_REQUEST="polling answer (restricted token)"
expect_json_true ".expires_in > 3500 and .expires_in <= 3600" "expires_in counts down to exp"
expect_json_eq .restrictions "[{\"exp\":$exp}]"
expect_json_eq .capabilities '["AT"]'
BODY=$(jwt_payload "$mt") LAST_REQUEST="restricted token claims"
expect_json_eq .exp "$exp"
expect_json_eq .restrictions "[{\"exp\":$exp}]"
expect_json_eq .capabilities '["AT"]'

# --- declined consent (spec §5.3, §5.4) ---
start_login '{}'
api_post "$LOGIN_CONSENT_URI" ''
expect_status 278 "empty consent POST (decline) -> 278"
expect_contains "$(jget .url)" /native/abort "decline forwards to /native/abort"
poll_login
expect_error 401 access_denied "user declined consent"
api_get "$LOGIN_CONSENT_URI"
expect_status 404 "a declined consent page is gone"

# --- unknown consent code ---
api_get /c/UnknownX
expect_status 404 "GET unknown consent code -> 404"
api_post /c/UnknownX "$(jq -nc --arg op "$OP" '{oidc_issuer: $op, capabilities: ["AT"], restrictions: []}')"
expect_status 404 "POST unknown consent code -> 404"

# --- the consent POST checks capabilities (spec §5.3) ---
start_login '{}'
api_post "$LOGIN_CONSENT_URI" "$(jq -nc --arg op "$OP" '{oidc_issuer: $op, capabilities: ["AT", "fly"], restrictions: []}')"
expect_error 400 invalid_request "unknown capability 'fly'"

# --- bad flow starts ---
api_post /api/v0/token/my '{"grant_type":"oidc_flow","oidc_flow":"authorization_code","oidc_issuer":"https://op.invalid"}'
expect_error 400 invalid_request "The provided issuer is not supported"
api_post /api/v0/token/my "$(jq -nc --arg op "$OP" '{grant_type: "oidc_flow", oidc_flow: "device", oidc_issuer: $op}')"
expect_error 400 invalid_grant "Unsupported oidc_flow"
api_post /api/v0/token/my "$(jq -nc --arg op "$OP" '{grant_type: "password", oidc_issuer: $op}')"
expect_error 400 invalid_grant "Unsupported grant_type"
api_post /api/v0/token/my '{}'
expect_error 400 invalid_grant "Unsupported grant_type"
api_post /api/v0/token/my "$(jq -nc --arg op "$OP" --argjson e $(($(now) - 60)) \
  '{grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: $op, restrictions: [{exp: $e}]}')"
expect_error 400 invalid_request "token would already be expired"

# --- the OP redirects back with an error (spec §5.3 /redirect step 1) ---
start_login '{}'
approve_consent
rc=0
back=$(node "$OP_DIR/login.mjs" --deny "$LOGIN_AUTH_URI") || rc=$?
expect_eq "$rc" 3 "login helper: the OP answered with error= (user cancelled)"
api_get "$back"
expect_status 555 "GET /redirect?error=access_denied -> 555 error page"
expect_contains "$BODY" access_denied "the error page names the OP's error"
poll_login
expect_error 401 invalid_token "Bad polling or transfer code"
api_get "/redirect?error=access_denied&error_description=nope&state=x"
expect_true "GET /redirect with error and unknown state -> an error status ($STATUS)" test "$STATUS" -ge 400
expect_ne "$STATUS" 200 "GET /redirect with error is not 200"

# --- /redirect with an unknown state ---
api_get "/redirect?code=abc&state=unknownstate"
expect_status 400 "GET /redirect with unknown state -> 400"
expect_contains "$BODY" "State mismatched" "the error page says State mismatched"

finish
