#!/usr/bin/env bash
# Provider policies (spec §5.3 step 6, §6.5, §16): mytokens_max_lifetime and default_restrictions on the
# authorization code flow, and enforced restrictions chosen by the user's `groups` claim with the dev OP's two
# users: bob (groups ["students"]) gets the students' template; alice (no groups) is refused with the
# documented 403 page and the operator's help text, or, with forbid_on_default off, gets the default template.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"

policy_config() { # policy_config FORBID_ON_DEFAULT
  write_mytokend_config
  cat >>"$MT_CONFIG" <<EOF2
    mytokens_max_lifetime: 864000
    default_restrictions: "1w"
    enforced_restrictions:
      claim_sources: {userinfo: groups}
      forbid_on_default: $1
      default_template: "1d"
      help_html: '<p>Ask <a href="mailto:help@example.org">the help desk</a> for access.</p>'
      mapping:
        students: '[{"exp":"+2d","usages_AT":50}]'
        staff: ""
EOF2
}
# login_redirect USER [JSON]: the native flow up to mytokend's /redirect; STATUS/BODY are its answer.
login_redirect() {
  start_login "${2:-"{}"}"
  approve_consent
  local back
  back=$(node "$OP_DIR/login.mjs" --user "$1" "$LOGIN_AUTH_URI") || die "login at the OP failed"
  http GET "$back"
}

policy_config true
start_all

# --- bob: the students' template tightens what he asks for ---
t0=$(now)
bob=$(login_as bob '{"capabilities":["AT","tokeninfo"],"restrictions":[{"exp":"+1d","usages_AT":10},{"exp":"+30d"}]}')
BODY=$(claims "$bob") LAST_REQUEST="claims of bob's token"
expect_json_eq '.restrictions | length' 1 "the clause the students' template does not allow is dropped"
expect_json_eq '.restrictions[0].usages_AT' 10
expect_json_true ".restrictions[0].exp <= $(now) + 86400 and .restrictions[0].exp >= $t0 + 86400" "bob: +1d kept"
bob2=$(login_as bob '{"capabilities":["AT"]}')
BODY=$(claims "$bob2") LAST_REQUEST="claims of bob's token without restrictions"
expect_json_eq '.restrictions | map(.usages_AT)' '[50]' "no restrictions asked: the students' template (default 1w is wider)"
expect_json_true ".restrictions[0].exp <= $(now) + 172800" "bob: at most 2 days"

# --- alice: no groups claim and forbid_on_default → 403 page with the help text, no token ---
login_redirect alice '{"capabilities":["AT"]}'
expect_status 403 "alice is refused"
expect_contains "$BODY" "access_denied: you do not have the required attributes to use this service" "documented text"
expect_contains "$BODY" '<a href="mailto:help@example.org">the help desk</a>' "operator's help HTML"
poll_login
expect_ne "$STATUS" 200 "no token for the refused login"

# --- forbid_on_default off: alice gets the default template, and the default restrictions and max lifetime apply ---
stop_mytokend
policy_config false
start_mytokend
t0=$(now)
start_login '{"capabilities":["AT"]}'
http GET "$LOGIN_CONSENT_URI"
expect_contains "$BODY" "&quot;exp&quot;:" "the consent page shows the default restrictions (1w)"
alice=$(login_mytoken '{"capabilities":["AT"],"restrictions":[{"exp":"+1h","scope":"openid"}]}')
BODY=$(claims "$alice") LAST_REQUEST="claims of alice's token"
expect_json_eq '.restrictions[0].scope' openid "alice: within the default template 1d"
login_polled '{"capabilities":["AT"],"restrictions":[{"exp":"+30d"}]}'
expect_status 200
BODY=$(claims "$(jget .mytoken)") LAST_REQUEST="claims of alice's +30d request"
expect_json_true ".restrictions[0].exp <= $(now) + 86400" "+30d is outside the enforced 1d: the template itself applies"
remember_secret "$(jget .mytoken)"
finish
