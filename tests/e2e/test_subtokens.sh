#!/usr/bin/env bash
# Sub-mytokens (spec §5.5): grant_type mytoken and its alias refresh_token, Tighten (§6.5) with the parent's
# remaining usages as budget (§21 item 4), TightenCapabilities (§8.3), rotation as requested, the events, the
# parent's usages_other and on_other rotation, validation of every request member, and POST /c (§5.3).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
start_all

parent=$(login_mytoken '{"name":"laptop","capabilities":["AT","tokeninfo","create_mytoken"],
  "restrictions":[{"scope":"openid profile storage.read compute.create","usages_AT":100}]}')
parent_id=$(mom_id_of "$parent")

# --- the issue's batch job: only storage.read, one subnet, 20 ATs, 3 days ---
t0=$(now)
subtoken "$parent" '{"name":"batch job","capabilities":["AT"],
  "restrictions":[{"scope":"storage.read","hosts":["127.0.0.0/24"],"usages_AT":20,"exp":"+3d"}]}'
expect_status 200 "sub-token request -> 200"
expect_json_eq .mytoken_type token
expect_json_eq .capabilities '["AT"]'
expect_json_eq '.restrictions | length' 1
expect_json_eq '.restrictions[0] | [.scope, .hosts, .usages_AT] | tostring' '["storage.read",["127.0.0.0/24"],20]'
expect_json_true ".restrictions[0].exp >= $t0 + 259200 and .restrictions[0].exp <= $(now) + 259200" "exp +3d resolved"
expect_json_true '.expires_in > 259100 and .expires_in <= 259200' "expires_in is three days"
expect_json_eq 'has("token_update")' false "the parent does not rotate"
batch=$(jget .mytoken)
batch_id=$(jget .mom_id)
remember_secret "$batch"
expect_eq "$batch_id" "$(mom_id_of "$batch")" "mom_id is the hash of the child's jti"
BODY=$(claims "$batch") LAST_REQUEST="claims of the sub-token"
pclaims=$(claims "$parent")
expect_json_eq .oidc_sub "$(jq -r .oidc_sub <<<"$pclaims")" "child has the parent's oidc_sub"
expect_json_eq .oidc_iss "$OP" "child has the parent's oidc_iss"
expect_json_eq .auth_time "$(jq -r .auth_time <<<"$pclaims")" "child has the parent's auth_time"
expect_json_eq .seq_no 1
expect_json_eq .name "batch job"
expect_json_eq 'has("rotation")' false
expect_ne "$(jget .jti)" "$(jq -r .jti <<<"$pclaims")" "child has its own jti"

at_request "$batch" '{"scope":"storage.read"}'
expect_status 200 "child: AT with scope storage.read"
op_introspect "$(jget .access_token)"
expect_eq "$(jget '.scope | split(" ") - ["offline_access"] | join(" ")')" storage.read "the child's AT carries storage.read only"
at_request "$batch"
expect_status 200 "child: AT without scope uses the clause's scope"
op_introspect "$(jget .access_token)"
expect_eq "$(jget '.scope | split(" ") - ["offline_access"] | join(" ")')" storage.read "default scope is the clause's"
at_request "$batch" '{"scope":"compute.create"}'
expect_error 403 usage_restricted
tokeninfo introspect "$batch"
expect_error 403 insufficient_capabilities
subtoken "$batch"
expect_error 403 insufficient_capabilities
at_request "$parent" '{"scope":"compute.create"}'
expect_status 200 "the parent keeps its own powers"

# --- alias and token sources ---
api_post /api/v0/token/my "{\"grant_type\":\"refresh_token\",\"mytoken\":\"$parent\",\"capabilities\":[\"AT\"]}"
expect_status 200 "grant_type refresh_token is an alias of mytoken"
api_post '/api/v0/token/my?grant_type=mytoken' '{"capabilities":["AT"]}' -H "Authorization: Bearer $parent"
expect_status 200 "grant_type in the query, parent in the Authorization header"
api_post /api/v0/token/my '{"grant_type":"mytoken"}'
expect_error 401 invalid_token
subtoken "$(cut -d. -f1-2 <<<"$parent").AAAA"
expect_error 401 invalid_token

# --- inheritance: omitted capabilities and restrictions are the parent's ---
# The parent has used one AT (compute.create above), so its 100 usages_AT have 99 left (spec §21 item 4).
inherited='[{"scope":"openid profile storage.read compute.create","usages_AT":99}]'
subtoken "$parent"
expect_status 200
expect_json_eq .capabilities '["AT","tokeninfo","create_mytoken"]' "omitted capabilities: the parent's"
expect_json_eq .restrictions "$inherited" "omitted restrictions: the parent's, with the usages it has left"

# --- capabilities are intersected (spec §8.3) ---
subtoken "$parent" '{"capabilities":["AT","manage_mytokens","settings"]}'
expect_status 200
expect_json_eq .capabilities '["AT"]' "capabilities the parent lacks are dropped"
subtoken "$parent" '{"capabilities":["tokeninfo:introspect","read@settings"]}'
expect_json_eq .capabilities '["tokeninfo:introspect"]' "a parent's tokeninfo grants tokeninfo:introspect"
subtoken "$parent" '{"capabilities":["manage_mytokens"]}'
expect_error 400 invalid_request "mytoken to be issued cannot have any of the requested capabilities"

# --- clauses are kept or dropped whole (spec §6.5) ---
subtoken "$parent" '{"restrictions":[{"scope":"email"}]}'
expect_status 200 "a wider clause is dropped silently"
expect_json_eq .restrictions "$inherited" "... and the child gets the parent's clauses"
subtoken "$parent" '{"restrictions":[{"scope":"email"}],"error_on_restrictions":true}'
expect_error 400 invalid_request "requested restrictions are not subset of original restrictions"
subtoken "$parent" '{"restrictions":[{"scope":"storage.read","usages_AT":200}],"error_on_restrictions":true}'
expect_error 400 invalid_request "requested restrictions are not subset of original restrictions"
subtoken "$parent" '{"restrictions":[{"scope":"storage.read","usages_AT":60},{"scope":"openid","usages_AT":60}]}'
expect_status 200
expect_json_eq '[.restrictions[].usages_AT] | tostring' '[60]' "the second clause exceeds the rest of the budget (99-60) and is dropped"
subtoken "$parent" '{"restrictions":[{"scope":"storage.read","usages_AT":60},{"scope":"openid","usages_AT":39}],"error_on_restrictions":true}'
expect_status 200 "two clauses that exactly use up the budget"

# --- spec §21 item 4: the budget is what the parent has left ---
limited=$(login_mytoken '{"capabilities":["AT","create_mytoken"],"restrictions":[{"usages_AT":5}]}')
for _ in 1 2 3; do at_request "$limited" >/dev/null; done
subtoken "$limited" '{"restrictions":[{"usages_AT":3}],"error_on_restrictions":true}'
expect_error 400 invalid_request "requested restrictions are not subset of original restrictions"
subtoken "$limited" '{"restrictions":[{"usages_AT":2}],"error_on_restrictions":true}'
expect_status 200 "a child may get the 2 usages the parent has left"
subtoken "$limited" '{"capabilities":["AT"]}'
expect_json_eq .restrictions '[{"usages_AT":2}]' "an inheriting child gets the parent's remaining usages"

# --- rotation: exactly as requested for the child; the parent's on_other applies ---
subtoken "$parent" '{"capabilities":["AT"],"rotation":{"on_AT":true,"lifetime":3600}}'
expect_json_eq .rotation '{"on_AT":true,"lifetime":3600}' "the child's rotation is as requested"
rot=$(jget .mytoken)
at_request "$rot"
expect_json_true 'has("token_update")' "the child rotates on AT"
rotating=$(login_mytoken '{"capabilities":["AT","create_mytoken"],"rotation":{"on_other":true}}')
subtoken "$rotating" '{"capabilities":["AT"]}'
expect_status 200
expect_json_true '.token_update.mytoken | length > 0' "a parent with on_other rotates: token_update"
expect_json_eq .token_update.capabilities '["AT","create_mytoken"]' "token_update is the parent"
rotated=$(jget .token_update.mytoken)
BODY=$(claims "$rotated") LAST_REQUEST="claims of the rotated parent"
expect_json_eq .seq_no 2
subtoken "$rotating"
expect_error 401 invalid_token
subtoken "$rotated" '{"capabilities":["AT"]}'
expect_status 200 "the rotated parent works"

# --- the parent's usages_other (spec §6.3) ---
once=$(login_mytoken '{"capabilities":["AT","create_mytoken"],"restrictions":[{"usages_other":1}]}')
subtoken "$once" '{"capabilities":["AT"]}'
expect_status 200 "usages_other 1: first sub-token"
subtoken "$once" '{"capabilities":["AT"]}'
expect_error 403 usage_restricted "The restrictions of this token does not allow this usage"

# --- capability create_mytoken ---
plain=$(login_mytoken '{"capabilities":["AT","tokeninfo"]}')
subtoken "$plain"
expect_error 403 insufficient_capabilities

# --- issuer ---
subtoken "$parent" '{"oidc_issuer":"https://op.invalid"}'
expect_error 400 invalid_request "token not for specified issuer"
subtoken "$parent" "{\"oidc_issuer\":\"$OP\",\"capabilities\":[\"AT\"]}"
expect_status 200 "the parent's issuer is accepted"

# --- sub-sub-tokens: never more than any ancestor ---
mid=$(new_subtoken "$parent" '{"capabilities":["AT","create_mytoken"],"restrictions":[{"scope":"storage.read","usages_AT":10}]}')
subtoken "$mid" '{"capabilities":["AT","tokeninfo"],"restrictions":[{"scope":"storage.read","usages_AT":5}]}'
expect_status 200 "a grandchild"
expect_json_eq .capabilities '["AT"]' "tokeninfo was lost one level up and does not come back"
subtoken "$mid" '{"restrictions":[{"scope":"openid"}],"error_on_restrictions":true}'
expect_error 400 invalid_request "requested restrictions are not subset of original restrictions"

# --- events (spec §5.5) ---
tokeninfo event_history "$parent" '{"mom_ids":["this"]}'
expect_status 200
expect_json_true '[.events[] | select(.event == "MT_created" and .comment == "Created MT batch job")] | length == 1' \
  "parent: MT_created \"Created MT batch job\""
tokeninfo event_history "$parent" "{\"mom_ids\":[\"$batch_id\"]}"
expect_json_eq '[.events[] | .event] | sort | tostring' '["AT_created","AT_created","created","inherited_RT"]' \
  "child: created, inherited_RT and its two ATs"
expect_json_eq '.events[] | select(.event == "created") | .comment' "Used grant_type mytoken"
expect_json_eq '.events[] | select(.event == "inherited_RT") | .comment' "Got RT from parent"

# --- validation: clear 400s and nothing stored ---
before=$(db_count "SELECT count(*) FROM mytokens")
bad() { # bad JSON-OVERRIDES DESCRIPTION-PART
  subtoken "$parent" "$1"
  if [[ $STATUS == 400 && $(jget .error) == invalid_request && $(jget .error_description) == *"$2"* ]]; then
    pass "400 for $1"
  else
    fail "400 invalid_request containing [$2] for $1" "$(last_request_context)"
  fi
}
bad '{"capabilities":["AT","fly"]}' "unknown capability 'fly'"
bad '{"capabilities":5}' capabilities
bad '{"capabilities":[1]}' capabilities
bad '{"capabilities":[]}' "capabilities must not be empty" # explicit [] is not "everything" (issue 13 item 5)
bad '{"restrictions":[{"hosts":["10.0.0.0/33"]}]}' hosts
bad '{"restrictions":[{"hosts":["300.1.1.1"]}]}' hosts
bad '{"restrictions":[{"hosts":"127.0.0.1"}]}' hosts
bad '{"restrictions":[{"geoip_allow":["DEU"]}]}' geoip_allow
bad '{"restrictions":[{"geoip_disallow":["1X"]}]}' geoip_disallow
bad '{"restrictions":[{"exp":"+1x"}]}' exp
bad '{"restrictions":[{"exp":"tomorrow"}]}' exp
bad '{"restrictions":[{"nbf":-5}]}' nbf
bad '{"restrictions":[{"usages_AT":-1}]}' usages_AT
bad '{"restrictions":[{"usages_other":"3"}]}' usages_other
bad '{"restrictions":[{"scope":["a"]}]}' scope
bad '{"restrictions":"not-a-clause"}' "unknown include name: 'not-a-clause'" # a string names templates (spec §13.1)
bad '{"restrictions":5}' restrictions
bad '{"restrictions":[{"exp":1000,"scope":"openid","usages_AT":1}]}' "token would already be expired"
bad '{"rotation":{"on_AT":"yes"}}' on_AT
bad '{"rotation":[]}' rotation
bad '{"error_on_restrictions":"true"}' error_on_restrictions
bad '{"max_token_len":-1}' max_token_len
bad '{"name":5}' name
bad "{\"name\":\"$(printf 'x%.0s' {1..101})\"}" "100 characters"
bad '{"oidc_issuer":["x"]}' oidc_issuer
bad "{\"name\":\"$(printf '\xc3\xa4%.0s' {1..101})\"}" "100 characters" # characters, not bytes
expect_eq "$(db_count "SELECT count(*) FROM mytokens")" "$before" "no invalid request stored a token"
subtoken "$parent" '{"restrictions":[{"exp":"+1d12h","scope":"storage.read","usages_AT":5}],"capabilities":"AT tokeninfo"}'
expect_status 200 "exp \"+1d12h\" and capabilities as a space-separated string"
expect_json_true ".restrictions[0].exp >= $(now) + 129590 and .restrictions[0].exp <= $(now) + 129600" "+1d12h is 36 hours"
subtoken "$parent" "{\"name\":\"$(printf '\xc3\xa4%.0s' {1..100})\"}"
expect_status 200 "a name of 100 two-byte characters (200 bytes) is accepted"

# --- representations (spec §4.4), when the server offers them ---
api_get /.well-known/mytoken-configuration
if [[ $(jget '.response_types_supported | index("short_token")') != null ]]; then
  subtoken "$parent" '{"capabilities":["AT"],"response_type":"short_token"}'
  expect_json_eq .mytoken_type short_token
  short=$(jget .mytoken)
  remember_secret "$short"
  at_request "$short"
  expect_status 200 "a short sub-token gets an AT"
fi

# --- POST /c: oidc-agent's consent page for a sub-token (spec §5.3) ---
api_post /c "{\"mytoken\":\"$parent\",\"oidc_issuer\":\"$OP\",\"name\":\"agent\",\"capabilities\":[\"AT\",\"settings\"],
  \"restrictions\":[{\"scope\":\"storage.read\",\"usages_AT\":3}],\"application_name\":\"oidc-agent\"}"
expect_status 200 "POST /c -> 200"
expect_contains "$(header content-type)" text/html "POST /c answers HTML"
expect_contains "$BODY" "function _approve()" "the page defines _approve()"
expect_contains "$BODY" "approve({oidc_issuer: state.oidc_issuer, restrictions, capabilities," "_approve() calls approve({...})"
expect_contains "$BODY" 'value="AT" checked' "the derived capability is pre-filled"
expect_eq "$(grep -c 'value="settings"' <<<"$BODY" || true)" 0 "a capability the parent lacks is not offered"
expect_contains "$BODY" "storage.read" "the derived restrictions are pre-filled"
expect_eq "$(grep -c 'fetch(' <<<"$BODY" || true)" 0 "no posting JS: oidc-agent supplies approve()"
api_post /c "{\"mytoken\":\"$parent\"}"
expect_error 400 invalid_request "required parameter 'oidc_issuer' missing"
api_post /c "{\"mytoken\":\"$plain\",\"oidc_issuer\":\"$OP\"}"
expect_error 403 insufficient_capabilities

finish
