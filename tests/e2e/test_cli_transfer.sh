#!/usr/bin/env bash
# Transfer codes with the CLI (cli spec §9, §19): `mytoken transfer` makes a code for an existing mytoken,
# `mytoken MT --TC CODE` (or MYTOKEN_TC) turns it back into that mytoken — there and back; one-time codes;
# bad and expired codes. Needs the transfer endpoint and grant_type transfer_code (discovery).
source "$(dirname "$0")/cli_lib.sh"
start_all
requires endpoint token_transfer_endpoint "the token transfer endpoint" || cli_finish
requires grant transfer_code "transfer code exchange (grant_type transfer_code)" || cli_finish

mt=$(login_mytoken '{"name":"cli-transfer"}')

cli transfer --MT "$mt"
expect_ok "mytoken transfer: exit 0"
expect_match "$OUT" '^[A-Za-z]{4,31}$' "stdout is just the transfer code"
expect_contains "$ERR" "mytoken MT --TC" "stderr tells how to redeem it"
code=$OUT
remember_secret "$code"

cli MT --TC "$code"
expect_ok "mytoken MT --TC: exit 0"
back=$OUT
expect_eq "$(jwt_payload "$back" | jq -r .jti)" "$(jwt_payload "$mt" | jq -r .jti)" "there and back: the same token"
cli AT --MT "$back"
expect_ok "the redeemed token works"

cli MT --TC "$code"
expect_rc "$EXIT_SERVER" "a used code -> server error"
expect_contains "$ERR" "invalid_token" "a used code is unknown"

printf '%s\n' "$mt" >"$TMP/mt"
cli transfer --MT-file "$TMP/mt" --json
expect_ok "transfer --json"
expect_eq "$(jq -r .mytoken_type <<<"$OUT")" transfer_code "--json: mytoken_type transfer_code"
code=$(jq -r .transfer_code <<<"$OUT")
remember_secret "$code"
cli_with MYTOKEN_URL="$ISS" MYTOKEN_TC="$code" -- MT --out "$TMP/from-tc" </dev/null
expect_ok "MYTOKEN_TC + --out"
expect_eq "$(cat "$TMP/from-tc")" "$mt" "--out holds the token"

cli MT --TC nosuchcode
expect_rc "$EXIT_SERVER" "unknown code -> server error"
expect_contains "$ERR" "invalid_token: Bad polling or transfer code" "the server's message"

# An expired code: restart mytokend with 2 s code lifetime.
stop_mytokend
sed -i 's/expires_after: 300/expires_after: 2/' "$MT_CONFIG"
start_mytokend
cli transfer --MT "$mt"
code=$OUT
remember_secret "$code"
sleep 3 # the code's lifetime (2 s) must pass; there is nothing to poll for
cli MT --TC "$code"
expect_rc "$EXIT_SERVER" "expired code -> server error"
expect_contains "$ERR" "expired_token" "expired code: the server's error"

cli transfer
expect_rc "$EXIT_USAGE" "transfer without a token -> usage error"

cli_finish
