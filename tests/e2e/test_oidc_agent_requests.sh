#!/usr/bin/env bash
# The requests oidc-agent (>= 4.4, `oidc-gen --mytoken-url=… --mytoken-profile=agent`, then `oidc-token`)
# sends to a mytoken server, replayed exactly (docs/oidc-agent.md; server spec §13.1, §21 "oidc-agent's view").
# Not the real client: Debian 12 ships oidc-agent 4.2.6, which has no mytoken support (it arrived in 4.4.0), and
# no newer package can be installed here. What the test sends follows oidc-agent's source: discovery through
# openid-configuration, the native oidc_flow with its profile as `include`, JSON polling, form AT requests with
# grant_type=refresh_token, and sub-tokens with its default profile `{"include":"web-default"}` via POST /c.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
start_all

# 1. Discovery: only /.well-known/openid-configuration; oidc-agent needs these members.
api_get /.well-known/openid-configuration
expect_status 200
expect_json_eq .issuer "$ISS"
expect_json_eq .token_endpoint "$API/token/access"
expect_json_eq .mytoken_endpoint "$API/token/my"
expect_json_eq '.providers_supported[0].issuer' "$OP"

# 2. oidc-gen --mytoken-profile=agent: the profile name is sent as `include`, with oidc-agent's application name.
# The user approves the consent page as pre-filled: its checked capabilities are what the page's JS posts.
start_login '{"client_type":"native","include":"agent","application_name":"oidc-agent","name":"oidc-agent:laptop"}'
http GET "$LOGIN_CONSENT_URI"
checked=$(grep -o 'name="cap" value="[^"]*" checked' <<<"$BODY" | sed 's/.*value="\([^"]*\)".*/\1/' | jq -Rsc 'split("\n") | map(select(. != ""))')
LOGIN_REQUEST=$(jq -c --argjson caps "$checked" '. + {capabilities: $caps}' <<<"$LOGIN_REQUEST")
approve_consent
complete_login
agent_mt=$MYTOKEN
BODY=$LOGIN_RESPONSE
expect_json_eq .capabilities '["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]' \
  "the agent profile's capabilities (consent approved as pre-filled)"

# 3. oidc-token <account>: form AT request, no client authentication.
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$agent_mt" scope=openid
expect_status 200 "form AT request with grant_type=refresh_token"
expect_ne "$(jget .access_token)" "" "an access token"

# 4. oidc-token --mytoken <account>: the consent page for its default sub-token profile, then the sub-token.
api_post /c "$(jq -nc --arg mt "$agent_mt" --arg op "$OP" '{mytoken:$mt, oidc_issuer:$op, include:"web-default",
  application_name:"oidc-agent"}')"
expect_status 200 "POST /c with include web-default"
expect_contains "$BODY" "_approve" "the page calls oidc-agent's approve()"
expect_contains "$BODY" '&quot;usages_AT&quot;:15' "restrictions of web-default pre-filled"
subtoken "$agent_mt" '{"include":"web-default","application_name":"oidc-agent"}'
expect_status 200 "sub-token with include web-default"
expect_json_eq .capabilities '["AT","tokeninfo"]'
expect_json_eq '.restrictions[0].usages_AT' 15
expect_json_eq '.restrictions[0].hosts' '["127.0.0.1"]'
remember_secret "$(jget .mytoken)"
finish
