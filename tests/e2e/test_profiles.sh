#!/usr/bin/env bash
# Server profiles and templates (spec §13): every mytoken request kind resolves `include`, `@capability`
# templates, restriction and rotation template names against the built-ins and the operator's files
# (features.server_profiles.dir); GET API/pt lists them resolved; profiles_endpoint in discovery.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"

# Operator templates: a new profile and a capability template in group `_`, one in group `team`, and a
# restriction template that replaces the built-in `1d`.
tdir=$TMP/templates
mkdir -p "$tdir"/{profiles,capabilities/team,restrictions,rotation}
echo '{"include":"agent","restrictions":"1d","rotation":"at"}' >"$tdir/profiles/laptop.json"
echo '"AT tokeninfo:introspect"' >"$tdir/capabilities/team/reader.json"
echo '{"exp":"+2d","scope":"openid"}' >"$tdir/restrictions/1d.json"
echo 'this is not a template' >"$tdir/README"
write_mytokend_config
sed -i 's|^features:|features:\n  server_profiles: {dir: "templates"}|' "$MT_CONFIG"
start_all

api_get /.well-known/mytoken-configuration
expect_json_eq .profiles_endpoint "$API/pt"

# --- API/pt reads (unauthenticated, includes resolved) ---
api_get /api/v0/pt
expect_status 200
expect_json_eq . '["_","team"]'
api_get /api/v0/pt/profiles
expect_status 200
expect_json_eq '[.[].name]' '["agent","laptop","web-default"]'
expect_json_eq '.[] | select(.name=="web-default") | .payload' \
  '{"restrictions":[{"usages_AT":15,"exp":"+12h","hosts":["this"]}],"capabilities":["AT","tokeninfo"]}'
expect_json_eq '.[] | select(.name=="agent") | .payload.capabilities' \
  '["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]'
expect_json_eq '.[] | select(.name=="laptop") | .payload.restrictions' '[{"exp":"+2d","scope":"openid"}]' \
  "the operator's 1d replaces the built-in"
api_get /api/v0/pt/_/rotation
expect_json_eq '.[] | select(.name=="at-other-auto-revoke") | .payload' '{"on_AT":true,"on_other":true,"auto_revoke":true}'
api_get /api/v0/pt/team/capabilities
expect_json_eq . '[{"id":"file:capabilities/team/reader","name":"reader","payload":["AT","tokeninfo:introspect"]}]'
api_get /api/v0/pt/team/profiles
expect_json_eq . '[]'
api_get /api/v0/pt/nonsense
expect_status 404

# --- oidc_flow: the consent page shows the resolved request; the token carries it ---
start_login '{"include":"agent","restrictions":"1w","rotation":"at-other-auto-revoke"}'
http GET "$LOGIN_CONSENT_URI"
expect_status 200
for c in AT tokeninfo manage_mytokens create_mytoken settings; do
  expect_contains "$BODY" "value=\"$c\"" "consent page pre-fills capability $c"
done
expect_contains "$BODY" "&quot;exp&quot;:" "consent page pre-fills the 1w restriction"
expect_contains "$BODY" '"on_AT":true' "consent page pre-fills the rotation"
LOGIN_REQUEST=$(jq -nc --arg op "$OP" '{oidc_issuer:$op, capabilities:["AT","tokeninfo","manage_mytokens","create_mytoken","settings"],
  restrictions:[{exp:"+7d"}], rotation:{on_AT:true,on_other:true,auto_revoke:true}}')
approve_consent
complete_login
agent=$MYTOKEN
BODY=$LOGIN_RESPONSE
expect_json_eq .capabilities '["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]'
expect_json_eq .rotation '{"on_AT":true,"on_other":true,"auto_revoke":true}'

# A template request without consent changes: the pending request as stored is already resolved.
parent=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken"],"restrictions":[{"usages_AT":100}]}')

# --- grant_type mytoken: oidc-agent's default sub-token request ---
t0=$(now)
subtoken "$parent" '{"include":"web-default"}'
expect_status 200 "include web-default -> 200"
expect_json_eq .capabilities '["AT","tokeninfo"]'
expect_json_eq '.restrictions | length' 1
expect_json_eq '.restrictions[0] | [.hosts, .usages_AT] | tostring' '[["127.0.0.1"],15]' "ip-this = the caller"
expect_json_true ".restrictions[0].exp >= $t0 + 43200 and .restrictions[0].exp <= $(now) + 43200" "12 h"
subtoken "$parent" '{"capabilities":"@team/reader","restrictions":[{"include":"1d","usages_AT":5}],"rotation":"at daily"}'
expect_status 200
expect_json_eq .capabilities '["AT","tokeninfo:introspect"]'
expect_json_eq '.restrictions[0].scope' openid
expect_json_eq .rotation '{"on_AT":true,"lifetime":86400}'
subtoken "$parent" '{"restrictions":[{"include":"1w","usages_AT":3}]}'
expect_status 200
expect_json_eq '.restrictions[0].usages_AT' 3

# --- POST /c: oidc-agent's consent page with the resolved request ---
api_post /c "$(jq -nc --arg mt "$parent" --arg op "$OP" '{mytoken:$mt, oidc_issuer:$op, include:"web-default"}')"
expect_status 200
expect_contains "$BODY" 'value="tokeninfo"' "POST /c pre-fills the profile's capabilities"
expect_contains "$BODY" '&quot;usages_AT&quot;:15' "POST /c pre-fills the profile's restrictions"

# --- bad references: 400 with the name, nothing issued ---
for body in '{"include":"nope"}' '{"capabilities":["@nope"]}' '{"restrictions":"nope"}' '{"rotation":"nope"}'; do
  subtoken "$parent" "$body"
  expect_error 400 invalid_request "unknown include name: 'nope'"
done
subtoken "$parent" '{"include":7}'
expect_error 400 invalid_request "include must be a string or an array of strings"
api_post /api/v0/token/my "$(jq -nc --arg op "$OP" '{grant_type:"oidc_flow",oidc_flow:"authorization_code",oidc_issuer:$op,include:["agent","missing"]}')"
expect_error 400 invalid_request "unknown include name: 'missing'"
api_post /c "$(jq -nc --arg mt "$parent" --arg op "$OP" '{mytoken:$mt, oidc_issuer:$op, include:"nope"}')"
expect_error 400 invalid_request "unknown include name: 'nope'"
remember_secret "$agent"

# --- a malformed operator file stops the server with its name ---
stop_mytokend
echo '{"broken":' >"$tdir/restrictions/broken.json"
if "$MYTOKEND" --config "$MT_CONFIG" >"$TMP/broken.log" 2>&1; then fail "mytokend started with a malformed template"; else pass "malformed template file refused"; fi
expect_contains "$(cat "$TMP/broken.log")" "restrictions/broken.json is not valid JSON" "the error names the file"
finish
