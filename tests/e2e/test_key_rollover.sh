#!/usr/bin/env bash
# Signing-key rollover (docs/operations.md): `mytokend keys rotate|stage|activate|retire|list` while two
# instances share the key files and the database. Old tokens stay valid until their key is retired; JWKS
# publishes every accepted key; both running instances follow each step without restart.
source "$(dirname "$0")/lib.sh"
B_PORT=$(free_port)
B=http://127.0.0.1:$B_PORT
B_PID=""
# shellcheck disable=SC2317 # called by the EXIT trap
rollover_cleanup() {
  local rc=$?
  stop_pid "$B_PID"
  (exit "$rc")
  cleanup
}
trap rollover_cleanup EXIT

keys() { "$MYTOKEND" keys "$@" --config "$MT_CONFIG" 2>&1; }
jwks_size() { curl -fs "$1/jwks" | jq '.keys | length'; }
# wait_for_jwks URL N: the instance at URL publishes N keys (it re-reads the key files at most once a second).
wait_for_jwks() {
  local deadline=$((SECONDS + 10))
  until [[ $(jwks_size "$1") == "$2" ]]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}
# signed_by TOKEN KID: the token verifies with the JWKS key KID (and its header has no kid, spec §3.2).
signed_by() {
  local jwk
  jwk=$(curl -fs "$ISS/jwks" | jq -c --arg kid "$2" '{keys: [.keys[] | select(.kid == $kid)]}')
  [[ $(jq -r '.kid // "none"' <<<"$(jwt_header "$1")") == none ]] && verify_jwt_with_jwks "$1" "$jwk"
}
at_status() { # at_status BASE-URL MYTOKEN
  curl -s -o /dev/null -w '%{http_code}' "$1/api/v0/token/access" -H 'Content-Type: application/json' \
    --data-binary "$(jq -nc --arg mt "$2" '{grant_type: "mytoken", mytoken: $mt}')"
}

start_all
sed -e "s|^  listen: .*|  listen: \"127.0.0.1:$B_PORT\"|" "$MT_CONFIG" >"$TMP/b.yaml"
"$MYTOKEND" --config "$TMP/b.yaml" >>"$TMP/mytokend-b.log" 2>&1 </dev/null &
B_PID=$!
wait_until_serving "$B_PID" "$B" "$TMP/mytokend-b.log"

first_kid=$(curl -fs "$ISS/jwks" | jq -r '.keys[0].kid')
expect_match "$(keys list)" "^current +$first_kid ES512 " "keys list shows the current key"
mt_old=$(login_mytoken '{"capabilities":["AT"]}')
expect_true "a token of the first key is signed by it" signed_by "$mt_old" "$first_kid"

# --- rotate: the new key signs, the old one still verifies, on both instances ---
out=$(keys rotate) || fail "keys rotate failed: $out"
second_kid=${out##* }
expect_ne "$second_kid" "$first_kid" "keys rotate made a new key"
expect_true "instance A publishes both keys" wait_for_jwks "$ISS" 2
expect_true "instance B publishes both keys" wait_for_jwks "$B" 2
expect_eq "$(curl -fs "$ISS/jwks" | jq -r '.keys[0].kid')" "$second_kid" "the new key comes first in JWKS"
expect_eq "$(at_status "$ISS" "$mt_old")" 200 "a token of the old key still gets an AT at A"
expect_eq "$(at_status "$B" "$mt_old")" 200 "... and at B"
mt_new=$(login_mytoken '{"capabilities":["AT"]}')
expect_true "a new login is signed by the new key" signed_by "$mt_new" "$second_kid"
expect_eq "$(at_status "$B" "$mt_new")" 200 "instance B accepts a token A signed with the new key"
expect_match "$(keys list)" "verification-only +$first_kid ES512 " "keys list shows the old key as verification-only"

# --- retire the old key: its tokens are refused everywhere, the new ones are not ---
out=$(keys retire "$first_kid") || fail "keys retire failed: $out"
expect_true "instance A publishes one key again" wait_for_jwks "$ISS" 1
expect_true "instance B publishes one key again" wait_for_jwks "$B" 1
at_request "$mt_old" # A verified (and cached) this token before: the cache must not vouch for it any more
expect_error 401 invalid_token "token signature invalid"
expect_eq "$(at_status "$B" "$mt_old")" 401 "... and at B"
expect_eq "$(at_status "$ISS" "$mt_new")" 200 "a token of the current key keeps working"

# --- stage, then activate: published before it signs ---
out=$(keys stage) || fail "keys stage failed: $out"
third_kid=${out##* }
expect_true "a staged key is published" wait_for_jwks "$ISS" 2
mt_staged=$(login_mytoken '{"capabilities":["AT"]}')
expect_true "a staged key does not sign yet" signed_by "$mt_staged" "$second_kid"
out=$(keys activate "$third_kid") || fail "keys activate failed: $out"
sleep 1.2 # the instances look at the key files at most once a second
mt_third=$(login_mytoken '{"capabilities":["AT"]}')
expect_true "an activated key signs" signed_by "$mt_third" "$third_kid"
expect_eq "$(jwks_size "$ISS")" 2 "after activation: the activated and the previous key"

# --- refusals: clear errors, nothing changed ---
out=$(keys retire "$third_kid") && rc=0 || rc=$?
expect_eq "$rc" 1 "retiring the current key exits 1"
expect_contains "$out" "is the current key" "... saying why"
out=$(keys activate no-such-kid) && rc=0 || rc=$?
expect_eq "$rc" 1 "activating an unknown kid exits 1"
expect_contains "$out" "no verification-only key no-such-kid" "... naming it"
out=$("$MYTOKEND" keys --config "$MT_CONFIG" 2>&1) && rc=0 || rc=$?
expect_ne "$rc" 0 "'mytokend keys' without a command fails"
expect_eq "$(jwks_size "$ISS")" 2 "refusals changed no key"

# --- a broken key file: the running servers keep their keys and say so; a start refuses it ---
echo garbage >"$TMP/verification-keys/ES512-broken.pem"
sleep 1.2
expect_eq "$(at_status "$ISS" "$mt_third")" 200 "a broken key file does not stop a running server"
expect_true "the running server logs that it kept its keys" grep -q "keeping the last good ones" "$TMP/mytokend.log"
out=$("$MYTOKEND" check-config --config "$MT_CONFIG" 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 1 "check-config fails on the broken key file"
expect_contains "$out" "ES512-broken.pem" "... naming it"
rm "$TMP/verification-keys/ES512-broken.pem"

# --- restart: tokens of every key still accepted keep working ---
stop_mytokend
start_mytokend
expect_eq "$(at_status "$ISS" "$mt_new")" 200 "after a restart: a token of the previous key"
expect_eq "$(at_status "$ISS" "$mt_third")" 200 "after a restart: a token of the current key"
expect_eq "$(stat -c %a "$TMP/verification-keys/ES512-$second_kid.pem")" 600 "verification keys are private (0600)"
expect_eq "$(stat -c %a "$TMP/signing-key.pem")" 600 "the rotated current key is private (0600)"
expect_eq "$(cat "$TMP/mytokend.log" "$TMP/mytokend-b.log" | grep -cF -- "$mt_new" || true)" 0 "no token in the logs"
finish
