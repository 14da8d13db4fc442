#!/usr/bin/env bash
# `mytoken profiles …` (cli spec §12) in text and --json form, and the template names of `mytoken MT`
# (--profile, --restrictions, --capability @…, --rotation) against the server's built-ins (server spec §13);
# `mytoken MT` with a parent and no capability/restriction/profile option asks for the parent's own contents.
source "$(dirname "$0")/cli_lib.sh"
start_all

# --- profiles ---
cli profiles groups
expect_ok "profiles groups"
expect_eq "$OUT" "_" "one group"
cli profiles
expect_ok "profiles (alone = list)"
expect_eq "$OUT" "$(printf '\nGroup: _\n----------\n  agent\n  web-default')" "profile names"
cli profiles rotation
expect_contains "$OUT" "  at-other-auto-revoke" "rotation templates"
cli profiles capabilities --groups _
expect_eq "$OUT" "$(printf '\nGroup: _\n----------\n  all\n  default\n  default+MT')" "capability templates"
cli profiles list-all
expect_ok "profiles list-all"
expect_contains "$OUT" "$(printf 'Restrictions:\n============\n\n  Group: _\n  ----------\n    - 12h')" "list-all sections"
cli --json profiles restrictions
expect_ok "--json profiles restrictions"
expect_eq "$(jq -c '._[] | select(.name=="web-default") | .payload' <<<"$OUT")" \
  '[{"usages_AT":15,"exp":"+12h","hosts":["this"]}]' "--json has the resolved payloads"
cli profiles list --groups nosuchgroup
expect_ok "an unknown group is skipped"
expect_eq "$OUT" "" "nothing to show"

# --- MT with template names ---
parent=$(login_mytoken '{"name":"parent","capabilities":["AT","tokeninfo","create_mytoken","manage_mytokens","settings"]}')
claims() { jwt_payload "$OUT" | jq -c "$1"; }
cli MT --MT "$parent" --profile agent
expect_ok "MT --profile agent"
remember_secret "$OUT"
expect_eq "$(claims .capabilities)" '["AT","tokeninfo","manage_mytokens","create_mytoken","settings"]' "agent = @all"
cli MT --MT "$parent" --restrictions 1d
expect_ok "MT --restrictions 1d"
remember_secret "$OUT"
expect_true "--restrictions 1d ≈ now + 1 day" test $(($(now) + 86400 - $(claims '.restrictions[0].exp'))) -le 60
cli MT --MT "$parent" --capability @default
expect_ok "MT --capability @default"
remember_secret "$OUT"
expect_eq "$(claims .capabilities)" '["AT","tokeninfo"]' "@default"
cli MT --MT "$parent" --rotation at-other-auto-revoke --capability AT
expect_ok "MT --rotation at-other-auto-revoke"
remember_secret "$OUT"
expect_eq "$(claims .rotation)" '{"on_AT":true,"on_other":true,"auto_revoke":true}' "rotation template"
cli MT --MT "$parent" --profile nope
expect_rc 3 "MT --profile nope fails (server error)"
expect_contains "$ERR" "unknown include name: 'nope'" "the server's reason"

# --- no option: the same capabilities and restrictions as the parent ---
narrow=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken"],"restrictions":[{"scope":"openid","usages_AT":7}]}')
cli MT --MT "$narrow"
expect_ok "MT without options"
remember_secret "$OUT"
expect_eq "$(claims .capabilities)" '["AT","tokeninfo","create_mytoken"]' "the parent's capabilities"
expect_eq "$(claims '.restrictions | map({scope,usages_AT})')" '[{"scope":"openid","usages_AT":7}]' "the parent's restrictions"
cli_finish
