#!/usr/bin/env bash
# `mytoken info` (cli spec §10): the local decode (no server contact), introspect / history / subtokens /
# list-mytokens as readable text and tables and as --json (parsed and checked). Actions the server does not
# advertise in tokeninfo_endpoint_actions_supported are skipped.
source "$(dirname "$0")/cli_lib.sh"
start_all
mt=$(login_mytoken '{"name":"cli-info","capabilities":["AT","tokeninfo","create_mytoken","manage_mytokens"],"restrictions":[{"usages_AT":5}]}')
cli AT --MT "$mt" "first AT" >/dev/null

# --- local decode: works with the server down, and for short tokens says what it can't do ---
stop_mytokend
cli info --MT "$mt"
expect_ok "info: exit 0 with the server down (local only)"
expect_eq "$(jq -r .name <<<"$OUT")" cli-info "info: the payload as JSON"
expect_eq "$(jq -r .iss <<<"$OUT")" "$ISS" "info: iss"
expect_eq "$(jq -c .capabilities <<<"$OUT")" '["AT","tokeninfo","create_mytoken","manage_mytokens"]' "info: capabilities"
cli info --MT "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMN"
expect_rc "$EXIT_FAILURE" "info of a short token -> exit 1"
expect_contains "$ERR" "not a JWT" "info of a short token: message"
start_mytokend

# --- introspect ---
if requires tokeninfo introspect "tokeninfo introspect"; then
  cli info introspect --MT "$mt" --json
  expect_ok "introspect --json"
  expect_eq "$(jq -r .valid <<<"$OUT")" true "introspect: valid"
  expect_eq "$(jq -r .token.name <<<"$OUT")" cli-info "introspect: token.name"
  expect_eq "$(jq -r '.token.restrictions[0].usages_AT_done' <<<"$OUT")" 1 "introspect: usages_AT_done 1"
  cli info introspect --MT "$mt"
  expect_ok "introspect (text)"
  expect_match "$OUT" "Valid: +yes" "introspect text: Valid: yes"
  expect_match "$OUT" "Name: +cli-info" "introspect text: name"
  expect_contains "$OUT" "access tokens: 1 of 5 used" "introspect text: usages"
  cli info --MT "$mt" introspect
  expect_ok "token flag on the parent command (info --MT X introspect)"
  cli tokeninfo introspect --MT "garbage"
  expect_rc "$EXIT_SERVER" "introspect of a bad token -> server error"
fi

# --- history ---
if requires tokeninfo event_history "tokeninfo event_history"; then
  cli info history --MT "$mt" --json
  expect_ok "history --json"
  expect_eq "$(jq -r '[.events[].event] | index("AT_created") != null' <<<"$OUT")" true "history has AT_created"
  expect_eq "$(jq -r '[.events[].event] | index("created") != null' <<<"$OUT")" true "history has created"
  cli info history --MT "$mt"
  expect_ok "history (table)"
  expect_match "$OUT" "│ +EVENT +│ +COMMENT +│ +TIME +│ +IP +│ +USER AGENT +│" "history table header"
  expect_contains "$OUT" "AT_created" "history table has AT_created"
  expect_match "$OUT" "│ created +│" "history table has the creation"
fi

# --- subtokens and list-mytokens need sub-tokens to show a tree ---
child=""
if server_has grant mytoken; then
  cli MT --MT "$mt" --name child --capability AT
  child=$OUT
  remember_secret "$child"
fi
if requires tokeninfo subtokens "tokeninfo subtokens"; then
  cli info subtokens --MT "$mt" --json
  expect_ok "subtokens --json"
  expect_eq "$(jq -r .mytokens.token.name <<<"$OUT")" cli-info "subtokens: root is the token"
  cli info tree --MT "$mt"
  expect_ok "subtokens (table, alias tree)"
  expect_match "$OUT" "│ +NAME +│ +CREATED +│ +EXPIRES +│ +IP +│" "subtokens table header"
  expect_contains "$OUT" "does not expire" "subtokens: a token without expiry"
  if [[ -n $child ]]; then
    expect_contains "$OUT" "└─ $(hostname):child" "subtokens: the child is indented under its parent"
  else
    skip "skipped: server lacks sub-tokens (no child in the tree)"
  fi
fi
if requires tokeninfo list_mytokens "tokeninfo list_mytokens"; then
  cli info list-mytokens --MT "$mt" --json
  expect_ok "list-mytokens --json"
  expect_eq "$(jq -r '[.mytokens[].token.name] | index("cli-info") != null' <<<"$OUT")" true "list: our token is a root"
  cli info list --MT "$mt" --include-mom-id
  expect_ok "list-mytokens (table)"
  expect_match "$OUT" "│ +MOM-ID +│ +NAME" "list table with MOM-ID column"
  expect_contains "$OUT" "cli-info" "list table has the token"
fi

cli_finish
