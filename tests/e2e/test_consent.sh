#!/usr/bin/env bash
# The consent decision (spec §5.3, docs/decisions.md "Consent"): taken once, and only by the consent page itself.
# A second approval (which used to overwrite the first while state and PKCE stayed valid), a decline after an
# approval and a racing pair are refused with 409 and change nothing: the token issued is exactly the first
# approved request. Cross-site requests (Origin, Sec-Fetch-Site) get 403, non-JSON decisions 415; oidc-agent's
# requests without Origin keep working. Consent codes fall under the code guessing limits (429 + Retry-After).
# The page runs no inline script (CSP script-src 'self') and works in real Chromium (tests/browser).
source "$(dirname "$0")/lib.sh"
BROWSER_DIR=$SRC_DIR/tests/browser
[[ -d $BROWSER_DIR/node_modules/playwright-core ]] || die "tests/browser/node_modules missing: run scripts/setup.sh"

write_mytokend_config
sed -i '/^features:$/a\  code_rate_limits: {misses_per_ip: 6}' "$MT_CONFIG"
start_all
consent_json() { jq -nc --arg op "$OP" --argjson caps "$1" '{oidc_issuer: $op, name: "", capabilities: $caps, restrictions: []}'; }
row_count() { sqlite3 "$TMP/mytoken.db" "SELECT count(*) FROM pending_logins WHERE $1"; }

# --- a decision is taken once ---
start_login '{"capabilities":["AT"]}'
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT"]')"
expect_status 278 "first approval -> 278"
LOGIN_AUTH_URI=$(jget .authorization_uri)
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT","create_mytoken","manage_mytokens","tokeninfo"]')"
expect_error 409 invalid_request "this consent request was already decided" # a second approval (wider) is refused
api_post "$LOGIN_CONSENT_URI" ''
expect_error 409 invalid_request "this consent request was already decided" # a decline after the approval is refused
api_get "$LOGIN_CONSENT_URI"
expect_status 409 "the consent page of a decided request -> 409"
expect_contains "$(header content-type)" text/html "... as an HTML page"
complete_login
expect_json_eq .capabilities '["AT"]' "the token has exactly the first approved capabilities"
expect_eq "$(jwt_payload "$MYTOKEN" | jq -c .capabilities)" '["AT"]' "... and so has its JWT"
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT","create_mytoken"]')"
expect_error 404 not_found "unknown or expired consent code" # after the login the consent code is gone

# --- racing decisions: exactly one wins ---
start_login '{}'
racers=()
for i in $(seq 1 12); do
  if ((i % 3 == 0)); then body=''; else body=$(consent_json '["AT"]'); fi
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'Content-Type: application/json' --data-binary "$body" \
    "$LOGIN_CONSENT_URI" >"$TMP/race.$i" &
  racers+=($!)
done
wait "${racers[@]}"
codes=$(cat "$TMP"/race.* | sort | uniq -c | awk '{print $2 "x" $1}' | tr '\n' ' ')
expect_eq "$(cat "$TMP"/race.* | grep -c '^278$')" 1 "12 racing decisions: one 278 ($codes)"
expect_eq "$(cat "$TMP"/race.* | grep -vc '^278$\|^409$\|^404$' || true)" 0 "... the others 409 or 404 ($codes)"
rm -f "$TMP"/race.*

# --- only the page itself decides ---
start_login '{}'
pending=${LOGIN_CONSENT_URI##*/}
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT"]')" -H 'Origin: https://evil.example'
expect_error 403 access_denied "a consent decision must come from the consent page" # a decision from another origin is refused
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT"]')" -H 'Origin: null'
expect_error 403 access_denied "a consent decision must come from the consent page" # a decision from an opaque origin (null) is refused
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT"]')" -H 'Sec-Fetch-Site: cross-site'
expect_error 403 access_denied "a consent decision must come from the consent page" # Sec-Fetch-Site: cross-site is refused
api_post "$LOGIN_CONSENT_URI" '' -H 'Origin: https://evil.example'
expect_error 403 access_denied "a consent decision must come from the consent page" # a cross-site decline is refused too
http POST "$LOGIN_CONSENT_URI" -H 'Content-Type: text/plain' --data-binary "$(consent_json '["AT"]')"
expect_error 415 invalid_request "a consent decision must be application/json" # a text/plain decision (a cross-site form's) is refused
http POST "$LOGIN_CONSENT_URI" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'a=b'
expect_error 415 invalid_request "a consent decision must be application/json" # a form-encoded decision is refused
http POST "$LOGIN_CONSENT_URI" -H 'Content-Type:' --data-binary "$(consent_json '["AT"]')"
expect_error 415 invalid_request "a consent decision must be application/json" # a JSON decision without Content-Type is refused
expect_eq "$(row_count "consented = 0")" 1 "the refused decisions changed nothing: the login is undecided"
api_post "$LOGIN_CONSENT_URI" "$(consent_json '["AT"]')" -H "Origin: $ISS" -H 'Sec-Fetch-Site: same-origin'
expect_status 278 "a same-origin decision (the page's own fetch) is accepted"

# oidc-agent's sub-token consent (POST /c, no Origin) keeps working
start_login '{"capabilities":["AT","create_mytoken","tokeninfo"]}'
approve_consent
complete_login >/dev/null
api_post /c "$(jq -nc --arg mt "$MYTOKEN" --arg op "$OP" '{mytoken: $mt, oidc_issuer: $op, capabilities: ["AT"]}')"
expect_status 200 "POST /c without Origin (oidc-agent) -> the consent HTML"

# --- the page runs no inline script, and works in Chromium ---
start_login '{"capabilities":["AT","tokeninfo"]}'
api_get "$LOGIN_CONSENT_URI"
expect_status 200 "GET consent page"
csp=$(header content-security-policy)
expect_contains "$csp" "script-src 'self';" "CSP: scripts only from the server itself"
expect_contains "$csp" "frame-ancestors 'none'" "CSP: the page cannot be framed"
expect_eq "$(grep -c '<script>' <<<"$BODY" || true)" 0 "the page has no inline <script>"
expect_eq "$(grep -Ec ' on[a-z]+=' <<<"$BODY" || true)" 0 "the page has no inline event handlers"
api_get /static/consent.js
expect_status 200 "GET /static/consent.js"
expect_contains "$(header content-type)" text/javascript "the script is text/javascript"
if target=$(node "$BROWSER_DIR/consent_page.mjs" "$LOGIN_CONSENT_URI" approve tokeninfo 2>"$TMP/browser.err"); then
  pass "Chromium: the page's Approve button works under the CSP"
  expect_match "$target" "^$OP/auth\\?" "Chromium: the page sends the browser to the OP"
else
  fail "Chromium: the page's Approve button works under the CSP" "$(cat "$TMP/browser.err")"
fi
LOGIN_AUTH_URI=$target
complete_login
expect_json_eq .capabilities '["AT"]' "Chromium: the unticked capability is not in the token"
start_login '{"application_name":"e2e app"}'
if target=$(node "$BROWSER_DIR/consent_page.mjs" "$LOGIN_CONSENT_URI" decline 2>"$TMP/browser.err"); then
  expect_match "$target" "/native/abort\\?application=e2e" "Chromium: Decline goes to /native/abort"
else
  fail "Chromium: the page's Decline button works" "$(cat "$TMP/browser.err")"
fi
poll_login
expect_error 401 access_denied "user declined consent"

# --- consent codes fall under the code guessing limits (misses_per_ip: 6) ---
# (earlier misses of this test count too, so the 429 comes within the first seven)
statuses=""
for i in $(seq 1 7); do
  api_get "/c/Unknown$i"
  statuses+="$STATUS "
  [[ $STATUS == 429 ]] && break
done
expect_match "$statuses" '^(404 )*429 $' "unknown consent codes: 404 until the limit, then 429 ($statuses)"
expect_contains "$BODY" "too_many_requests: rate limit exceeded" "over the limit: the HTML error page says so"
expect_match "$(header retry-after)" '^[0-9]+$' "429 carries Retry-After"
api_post /c/UnknownY "$(consent_json '["AT"]')"
expect_error 429 too_many_requests "rate limit exceeded, retry later" # POST of an unknown consent code is limited too
api_get /health
expect_status 200 "the server keeps serving"
finish
