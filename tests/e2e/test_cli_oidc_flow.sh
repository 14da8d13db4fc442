#!/usr/bin/env bash
# `mytoken MT` through the OIDC flow (cli spec §7.4): consent URL and QR code on stderr, polling with a
# progress indicator, the token alone on stdout, --out written 0600, the request built from the shorthand flags
# (checked in the issued token, consent approved unchanged), the server's error for a bad provider, and a
# login that is never completed (the polling code expires).
source "$(dirname "$0")/cli_lib.sh"
start_all

# --- the plain flow, with QR code ---
cli_login --name laptop
expect_ok "mytoken MT --oidc: exit 0"
mt=$OUT
expect_eq "$(wc -l <<<"$OUT")" 1 "stdout is exactly one line"
expect_eq "$(jwt_payload "$mt" | jq -r .iss)" "$ISS" "stdout is a mytoken of our server"
expect_contains "$ERR" "Using any device please visit the following url" "stderr: instructions"
expect_contains "$ERR" "$LOGIN_CONSENT_URI" "stderr: the consent URL"
expect_match "$ERR" "[█▀▄]" "stderr: a QR code"
expect_contains "$ERR" "Starting polling" "stderr: progress (not a terminal: the reference's dots)"
expect_contains "$ERR" "success" "stderr: success"
expect_true "stderr does not contain the mytoken" test "${ERR/"$mt"/}" == "$ERR"
expect_eq "$(jwt_payload "$mt" | jq -r .name)" "$(hostname):laptop" "name gets the default <hostname> prefix"
expect_eq "$(jwt_payload "$mt" | jq -c .capabilities)" '["AT","tokeninfo"]' "default capabilities from the config defaults"
expect_eq "$(jwt_payload "$mt" | jq -r .oidc_iss)" "$OP" "the token is for the dev OP"

# --- --out FILE, --no-qr, shorthand restrictions, capabilities, rotation and a config file ---
mkdir -p "$CLI_HOME/.config/mytoken"
cat >"$CLI_HOME/.config/mytoken/config.yaml" <<YAML
token_name_prefix: ""
default_provider: dev
providers:
  dev: "$OP"
YAML
exp=$(($(now) + 86400))
CLI_LOGIN_PROVIDER="" cli_login --no-qr -n job --out "$TMP/mt.out" --exp +1d --nbf 1700000000 -s openid,storage.read --scope profile \
  --aud https://storage.example.org --ip 127.0.0.1,10.0.0.0/8 --usages-AT 5 --usages-other 7 \
  --capability "AT tokeninfo" --capability '["create_mytoken"]' --rotation-on-AT --rotation-lifetime 3600
expect_ok "mytoken MT with every shorthand: exit 0"
expect_eq "$OUT" "" "with --out nothing on stdout"
expect_true "no QR code with --no-qr" test "${ERR//[█▀▄]/}" == "$ERR"
expect_eq "$(stat -c %a "$TMP/mt.out")" 600 "--out file has mode 0600"
mt2=$(head -n1 "$TMP/mt.out")
remember_secret "$mt2"
claims=$(jwt_payload "$mt2")
expect_eq "$(jq -r .name <<<"$claims")" job "empty token_name_prefix: no prefix"
expect_eq "$(jq -c .capabilities <<<"$claims")" '["AT","tokeninfo","create_mytoken"]' "--capability: space list and JSON array, merged"
clause=$(jq -c '.restrictions[0]' <<<"$claims")
expect_eq "$(jq -r .scope <<<"$clause")" "openid storage.read profile" "--scope a,b --scope c -> one scope string"
expect_eq "$(jq -c .audience <<<"$clause")" '["https://storage.example.org"]' "--aud"
expect_eq "$(jq -c .hosts <<<"$clause")" '["127.0.0.1","10.0.0.0/8"]' "--ip"
expect_eq "$(jq -r .usages_AT <<<"$clause")" 5 "--usages-AT"
expect_eq "$(jq -r .usages_other <<<"$clause")" 7 "--usages-other"
expect_eq "$(jq -r .nbf <<<"$clause")" 1700000000 "--nbf unix time"
expect_true "--exp +1d is now + 86400 (±60 s)" test $(($(jq -r .exp <<<"$clause") - exp)) -le 60 -a \
  $(($(jq -r .exp <<<"$clause") - exp)) -ge -60
expect_eq "$(jq -c .rotation <<<"$claims")" '{"on_AT":true,"lifetime":3600}' "rotation flags alone make a rotation object"
expect_eq "$(jq -r .oidc_iss <<<"$claims")" "$OP" "provider from the config's default_provider"

# --- --ip-this: the server fills in the address it sees ---
cli_login --no-qr --ip-this --geo-ip-disallow xx
expect_ok "mytoken MT --ip-this"
expect_eq "$(jwt_payload "$OUT" | jq -c '.restrictions[0].hosts')" '["127.0.0.1"]' "--ip-this -> the caller's address"
expect_eq "$(jwt_payload "$OUT" | jq -c '.restrictions[0].geoip_disallow')" '["XX"]' "--geo-ip-disallow is sent (cli spec §17 item 3)"

# --- --json prints the polling answer ---
cli_login --no-qr --json
expect_ok "mytoken MT --oidc --json"
expect_eq "$(jq -r .mytoken_type <<<"$OUT")" token "--json: mytoken_type token"
expect_ne "$(jq -r '.mom_id // ""' <<<"$OUT")" "" "--json: mom_id"
remember_secret "$(jq -r .mytoken <<<"$OUT")"

# --- errors ---
cli MT --oidc --provider https://op.invalid --no-qr
expect_rc "$EXIT_SERVER" "unknown provider -> server error exit code"
expect_contains "$ERR" "invalid_request: The provided issuer is not supported" "the server's error_description"
cli MT --oidc --provider nosuchname --no-qr
expect_rc "$EXIT_USAGE" "unknown provider name -> usage error"
expect_contains "$ERR" "Provider name 'nosuchname' not found" "message names the provider"
expect_eq "$OUT" "" "nothing on stdout on errors"

# A login nobody completes: the polling code runs out (2 s lifetime).
stop_mytokend
sed -i 's/expires_after: 300/expires_after: 2/' "$MT_CONFIG"
start_mytokend
start=$SECONDS
cli MT --oidc --provider "$OP" --no-qr
expect_rc "$EXIT_FAILURE" "polling code expired -> exit 1"
expect_contains "$ERR" "expired" "message says the code expired"
expect_true "gave up within 15 s" test $((SECONDS - start)) -le 15

cli_finish
