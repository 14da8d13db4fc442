#!/usr/bin/env bash
# Every restriction key at use time (spec §6.1–6.4) for access tokens and for "other" uses (sub-token creation,
# tokeninfo history/subtokens/list, revocation by mom_id): nbf, exp, scope, audience, hosts (IP, CIDR, host
# names by forward-confirmed reverse DNS, *.suffix on whole labels), geoip_allow/geoip_disallow (without a
# database: the home country of loopback), usages_AT, usages_other; clause selection and per-clause counting;
# a failed OP call counts nothing. The e2e client is 127.0.0.1, whose forward-confirmed name is localhost.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
write_mytokend_config
cat >>"$MT_CONFIG" <<EOF2
geoip:
  home_country: de
EOF2
start_all
CAPS='"capabilities":["AT","tokeninfo","create_mytoken"]'
# other_use MT: one "other" use (a sub-token); sets STATUS/BODY.
other_use() { subtoken "$1" '{"capabilities":["AT"]}'; }
login_with() { login_mytoken "{$CAPS,\"restrictions\":$1}"; }
past=$(($(now) - 100))
future=$(($(now) + 3600))

# --- nbf / exp: checked for every use ---
mt=$(login_with "[{\"nbf\":$future},{\"hosts\":[\"192.0.2.1\"]}]")
at_request "$mt"
expect_error 403 usage_restricted
other_use "$mt"
expect_error 403 usage_restricted "The restrictions of this token does not allow this usage"
mt=$(login_with "[{\"exp\":$past},{\"hosts\":[\"192.0.2.1\"]}]")
at_request "$mt"
expect_error 403 usage_restricted
other_use "$mt"
expect_error 403 usage_restricted
tokeninfo event_history "$mt"
expect_error 403 usage_restricted
mt=$(login_with "[{\"exp\":$past},{\"exp\":$future}]")
at_request "$mt"
expect_status 200 "an expired clause is skipped, a valid one is used"
other_use "$mt"
expect_status 200 "other use through the valid clause"

# --- scope / audience: they restrict ATs, not other uses ---
mt=$(login_with '[{"scope":"storage.read","audience":["https://storage.example.org"]}]')
at_request "$mt" '{"scope":"compute.create"}'
expect_error 403 usage_restricted
at_request "$mt" '{"audience":"https://other.example.org"}'
expect_error 403 usage_restricted
at_request "$mt"
expect_status 200 "AT with the clause's scope and audience"
expect_json_eq .audience '["https://storage.example.org"]' "the clause's audience is the default (spec §21 item 3)"
other_use "$mt"
expect_status 200 "scope and audience do not restrict other uses"
unrestricted=$(login_mytoken "{$CAPS}")
at_request "$unrestricted" '{"scope":"storage.read"}'
expect_status 200
op_introspect "$(jget .access_token)"
expect_eq "$(jget '.scope | split(" ") - ["offline_access"] | join(" ")')" storage.read \
  "an unrestricted token's AT honours the requested scope (spec §21 item 3)"

# --- hosts ---
host_case() { # host_case HOSTS-JSON EXPECTED-STATUS MESSAGE
  local mt
  mt=$(login_with "[{\"hosts\":$1}]")
  at_request "$mt"
  expect_status "$2" "AT, hosts $1: $3"
  other_use "$mt"
  expect_status "$2" "other use, hosts $1: $3"
}
host_case '["127.0.0.1"]' 200 "the caller's IP"
host_case '["192.0.2.1"]' 403 "another IP"
host_case '["127.0.0.0/8"]' 200 "a CIDR containing the caller"
host_case '["10.0.0.0/8","192.0.2.0/24"]' 403 "CIDRs not containing the caller"
host_case '["localhost"]' 200 "the caller's forward-confirmed host name"
host_case '["LOCALHOST."]' 200 "host names compare case-insensitively, trailing dot ignored"
host_case '["example.org"]' 403 "another host name"
host_case '["*.localhost"]' 403 "a wildcard matches whole labels below the suffix only"
host_case '["*.host"]' 403 "a wildcard never matches part of a label (localhost is not *.host)"
mt=$(login_with '[{"hosts":["127.0.0.9/8"]}]')
expect_eq "$(claims "$mt" | jq -c .restrictions)" '[{"hosts":["127.0.0.0/8"]}]' "a non-aligned CIDR is normalised to its network"
at_request "$mt"
expect_status 200 "the normalised CIDR contains the caller"
api_post /api/v0/token/my "{\"grant_type\":\"oidc_flow\",\"oidc_flow\":\"authorization_code\",\"oidc_issuer\":\"$OP\",\"restrictions\":[{\"hosts\":[\"*calhost\"]}]}"
expect_error 400 invalid_request

# --- geo-IP without a database: loopback is the configured home country (DE) ---
geo_case() {
  local mt
  mt=$(login_with "[{$1}]")
  at_request "$mt"
  expect_status "$2" "AT, {$1}: $3"
  other_use "$mt"
  expect_status "$2" "other use, {$1}: $3"
}
geo_case '"geoip_allow":["DE"]' 200 "home country allowed"
geo_case '"geoip_allow":["de","fr"]' 200 "country codes are case-insensitive"
geo_case '"geoip_allow":["FR"]' 403 "home country not allowed"
geo_case '"geoip_disallow":["DE"]' 403 "home country disallowed"
geo_case '"geoip_disallow":["US"]' 200 "another country disallowed"

# --- usages_AT: first matching clause, counted per clause; introspection shows it ---
mt=$(login_with '[{"scope":"storage.read","usages_AT":1},{"usages_AT":1}]')
at_request "$mt" '{"scope":"storage.read"}'
expect_status 200 "first AT through clause 1"
at_request "$mt" '{"scope":"storage.read"}'
expect_status 200 "second AT through clause 2 (clause 1 used up)"
at_request "$mt" '{"scope":"storage.read"}'
expect_error 403 usage_restricted
tokeninfo introspect "$mt"
expect_json_eq '[.token.restrictions[].usages_AT_done] | tostring' '[1,1]' "usages_AT_done per clause"

# --- a failed OP call consumes no usage (spec §6.4) ---
mt=$(login_with '[{"usages_AT":1}]')
at_request "$mt" '{"scope":"not-a-scope-of-this-op"}'
expect_true "AT with a scope the OP refuses -> OP error (got $STATUS)" test "$STATUS" -ge 400
expect_json_eq .error oidc_error
at_request "$mt"
expect_status 200 "the usage refused by the OP is still there"
at_request "$mt"
expect_error 403 usage_restricted

# --- usages_other: every other use counts, introspection never does ---
mt=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken","manage_mytokens"],"restrictions":[{"usages_other":4}]}')
tokeninfo event_history "$mt"
expect_status 200 "other use 1: history"
tokeninfo subtokens "$mt"
expect_status 200 "other use 2: subtokens"
tokeninfo list_mytokens "$mt"
expect_status 200 "other use 3: list_mytokens"
child=$(new_subtoken "$mt" '{"capabilities":["AT"]}')
tokeninfo introspect "$mt"
expect_status 200 "introspection is not an other use"
expect_json_eq '.token.restrictions[0].usages_other_done' 4 "four other uses counted"
expect_json_eq '.token.restrictions[0] | has("usages_AT_done")' false "no AT counted"
revoke_mom_id "$mt" "$(mom_id_of "$child")"
expect_error 403 usage_restricted
tokeninfo event_history "$mt"
expect_error 403 usage_restricted
subtoken "$mt"
expect_error 403 usage_restricted
at_request "$mt"
expect_status 200 "ATs are not limited by usages_other"
tokeninfo introspect "$mt"
expect_json_eq '.token.restrictions[0].usages_other_done' 4 "refused uses are not counted"
mt=$(login_with '[{"usages_other":0}]')
other_use "$mt"
expect_error 403 usage_restricted
mt=$(login_with '[{"usages_AT":0}]')
at_request "$mt"
expect_error 403 usage_restricted

finish
