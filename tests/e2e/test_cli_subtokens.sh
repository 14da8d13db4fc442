#!/usr/bin/env bash
# `mytoken MT` with a parent mytoken (cli spec §7.3, §8): each restriction shorthand, --restrictions as JSON,
# file and template name, --capability, --name, --rotation, --token-type token|short|transfer, --out, --json,
# the request going to the parent's own server, and the server's refusal of a wider request.
# Needs sub-tokens on the server (discovery: mytoken_endpoint_grant_types_supported has "mytoken").
source "$(dirname "$0")/cli_lib.sh"
start_all
requires grant mytoken "sub-tokens (grant_type mytoken)" || cli_finish

parent=$(login_mytoken '{"name":"parent","capabilities":["AT","tokeninfo","create_mytoken"]}')
claims() { jwt_payload "$OUT" | jq -c "$1"; }
sub() { # sub ARGS...: mytoken MT --MT $parent ARGS, which must succeed
  cli MT --MT "$parent" "$@"
  expect_ok "MT $*: exit 0"
  remember_secret "$OUT"
}

# --- each shorthand on its own ---
sub --exp +2h
expect_true "--exp +2h ≈ now + 7200" test $(($(claims '.restrictions[0].exp') - $(now) - 7200)) -le 60
sub --exp "2099-01-31 18:00"
expect_eq "$(claims '.restrictions[0].exp')" "$(date -d '2099-01-31 18:00' +%s)" "--exp 'YYYY-MM-DD HH:MM' is local time"
sub --exp 2099-01-31T18:00Z
expect_eq "$(claims '.restrictions[0].exp')" 4073565600 "--exp ISO 8601 UTC"
sub --nbf +1m --exp +1d
expect_true "--nbf +1m ≈ now + 60" test $(($(claims '.restrictions[0].nbf') - $(now) - 60)) -le 60
sub --scope openid --scope storage.read
expect_eq "$(claims '.restrictions[0].scope')" '"openid storage.read"' "--scope (repeated)"
sub --aud https://a.example.org,https://b.example.org
expect_eq "$(claims '.restrictions[0].audience')" '["https://a.example.org","https://b.example.org"]' "--aud a,b"
sub --ip 192.0.2.0/24 --ip 198.51.100.7
expect_eq "$(claims '.restrictions[0].hosts')" '["192.0.2.0/24","198.51.100.7"]' "--ip (repeated)"
sub --ip-this
expect_eq "$(claims '.restrictions[0].hosts')" '["127.0.0.1"]' "--ip-this"
sub --geo-ip-allow de,fr
expect_eq "$(claims '.restrictions[0].geoip_allow')" '["DE","FR"]' "--geo-ip-allow"
sub --geo-ip-disallow us
expect_eq "$(claims '.restrictions[0].geoip_disallow')" '["US"]' "--geo-ip-disallow alone is sent"
sub --usages-AT 0
expect_eq "$(claims '.restrictions[0].usages_AT')" 0 "--usages-AT 0 is a real value"
sub --usages-other 3
expect_eq "$(claims '.restrictions[0].usages_other')" 3 "--usages-other"
sub --capability AT
expect_eq "$(claims .capabilities)" '["AT"]' "--capability AT"
sub --name child
expect_eq "$(claims .name)" "\"$(hostname):child\"" "--name with the default prefix"
sub --rotation-on-other --rotation-auto-revoke
expect_eq "$(claims .rotation)" '{"on_other":true,"auto_revoke":true}' "rotation flags"
sub --rotation '{"on_AT":true}' --rotation-lifetime 60
expect_eq "$(claims .rotation)" '{"on_AT":true,"lifetime":60}' "--rotation JSON plus a flag"

# --- --restrictions: JSON object, array, file ---
sub --restrictions '{"scope":"openid","usages_AT":2}'
expect_eq "$(claims .restrictions)" '[{"scope":"openid","usages_AT":2}]' "--restrictions JSON object"
sub --restrictions '[{"scope":"openid"},{"scope":"profile"}]' --scope ignored
expect_eq "$(claims '.restrictions | length')" 2 "--restrictions JSON array"
expect_contains "$ERR" "shorthand flags are ignored" "--restrictions with a shorthand: warning"
echo '[{"hosts":["192.0.2.1"]}]' >"$TMP/restr.json"
sub --restrictions "$TMP/restr.json"
expect_eq "$(claims .restrictions)" '[{"hosts":["192.0.2.1"]}]' "--restrictions /path/to/file"
cli_with MYTOKEN_URL="$ISS" MYTOKEN_RESTRICTIONS='{"usages_other":1}' -- MT --MT "$parent" </dev/null
expect_eq "$(claims .restrictions)" '[{"usages_other":1}]' "MYTOKEN_RESTRICTIONS"
cli MT --MT "$parent" --restrictions '{"scope":'
expect_rc "$EXIT_USAGE" "bad --restrictions JSON -> usage error"
cli MT --MT "$parent" --exp tomorrow
expect_rc "$EXIT_USAGE" "bad --exp -> usage error"
expect_contains "$ERR" "invalid --exp 'tomorrow'" "bad --exp: message"
cli MT --MT "$parent" --restrictions "$TMP/nonexistent.json"
expect_rc "$EXIT_FAILURE" "missing restrictions file -> exit 1"

# --- output forms ---
sub --out "$TMP/child"
expect_eq "$OUT" "" "--out: nothing on stdout"
expect_eq "$(stat -c %a "$TMP/child")" 600 "--out: mode 0600"
cli AT --MT-file "$TMP/child"
expect_ok "the sub-token from --out works for AT"
sub --json
expect_eq "$(jq -r .mytoken_type <<<"$OUT")" token "--json: mytoken_type"
expect_ne "$(jq -r '.mom_id // ""' <<<"$OUT")" "" "--json: mom_id"
if requires response short_token "short tokens (response type short_token)"; then
  sub --token-type short
  expect_match "$OUT" '^[A-Za-z]{32,}$' "--token-type short: a short token"
  cli AT --MT "$OUT" --url "$ISS"
  expect_ok "the short token works for AT"
fi
if requires response transfer_code "transfer codes (response type transfer_code)"; then
  sub --token-type transfer
  expect_match "$OUT" '^[A-Za-z]{4,31}$' "--token-type transfer prints the transfer code (cli spec §17 item 1)"
  code=$OUT
  cli MT --TC "$code"
  expect_ok "MT --TC of that code"
  expect_eq "$(jwt_payload "$OUT" | jq -r .iss)" "$ISS" "the code stands for a mytoken"
fi

# --- the parent's own server gets the request, whatever MYTOKEN_URL says ---
cli_with MYTOKEN_URL="http://127.0.0.1:1" -- MT --MT "$parent" --capability AT </dev/null
expect_ok "sub-token request goes to the parent's iss"
expect_contains "$ERR" "warning: the mytoken was issued by $ISS" "a differing explicit URL gets a warning"

# --- refused by the server ---
narrow=$(login_mytoken '{"capabilities":["AT","create_mytoken"],"restrictions":[{"scope":"openid"}]}')
cli MT --MT "$narrow" --scope "openid profile"
expect_rc "$EXIT_SERVER" "wider than the parent -> server error"
expect_contains "$ERR" "invalid_request: " "the server's description is shown"
no_create=$(login_mytoken '{"capabilities":["AT"]}')
cli MT --MT "$no_create"
expect_rc "$EXIT_SERVER" "parent without create_mytoken -> server error"
expect_contains "$ERR" "insufficient_capabilities" "capability error"

cli_finish
