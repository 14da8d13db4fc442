#!/usr/bin/env bash
# Rotated mytokens are never lost (cli spec §4.3): written back atomically to the file they came from (--MT-file
# or a WLCG discovery file; mode and later lines kept, a symlink followed), or printed to stderr with an
# explanation when they came from elsewhere. Needs rotation with token_update on the server.
source "$(dirname "$0")/cli_lib.sh"
start_all
uid=$(id -u)

mt=$(login_mytoken '{"name":"cli-rotation","rotation":{"on_AT":true}}')
# Does the server rotate? One AT request tells; its token_update is the token from then on.
at_request "$mt"
if [[ $(jget '.token_update.mytoken // ""') == "" ]]; then
  skip "skipped: server lacks token rotation (no token_update in the AT answer)"
  cli_finish
fi
mt=$(jget .token_update.mytoken)
remember_secret "$mt"

# --- --MT-file: rewritten in place, mode and the other lines kept ---
printf '%s\nsecond line stays\n' "$mt" >"$TMP/mt"
chmod 640 "$TMP/mt"
inode_before=$(stat -c %i "$TMP/mt")
cli AT --MT-file "$TMP/mt"
expect_ok "AT with a rotating token from --MT-file"
new=$(head -n1 "$TMP/mt")
remember_secret "$new"
expect_ne "$new" "$mt" "the file now holds the rotated token"
expect_eq "$(jwt_payload "$new" | jq -r .seq_no)" $(($(jwt_payload "$mt" | jq -r .seq_no) + 1)) "seq_no + 1"
expect_eq "$(sed -n 2p "$TMP/mt")" "second line stays" "later lines kept"
expect_eq "$(stat -c %a "$TMP/mt")" 640 "mode kept"
expect_ne "$(stat -c %i "$TMP/mt")" "$inode_before" "replaced by rename (atomic), not rewritten in place"
expect_true "nothing left behind in the directory" test "$(find "$TMP" -maxdepth 1 -name '.mt.*' | wc -l)" -eq 0
expect_eq "$(wc -l <<<"$OUT")" 1 "stdout: only the access token"
expect_true "the new token is not on stdout or stderr" test "${OUT/"$new"/}${ERR/"$new"/}" == "$OUT$ERR"
cli AT --MT "$mt"
expect_rc "$EXIT_SERVER" "the old token is no longer valid"
cli AT --MT-file "$TMP/mt"
expect_ok "the written-back token works (and rotates again)"

# --- a symlink to the token file: the target is updated, the link stays ---
ln -s "$TMP/mt" "$TMP/mt-link"
before=$(head -n1 "$TMP/mt")
cli AT --MT-file "$TMP/mt-link"
expect_ok "AT through a symlinked token file"
expect_true "the link is still a link" test -L "$TMP/mt-link"
expect_ne "$(head -n1 "$TMP/mt")" "$before" "the link's target got the rotated token"

# --- WLCG discovery file ---
head -n1 "$TMP/mt" >"$CLI_RUNTIME/mt_u$uid"
before=$(cat "$CLI_RUNTIME/mt_u$uid")
cli AT
expect_ok "AT with a rotating token found by discovery"
expect_ne "$(head -n1 "$CLI_RUNTIME/mt_u$uid")" "$before" "the discovery file got the rotated token"
cp "$CLI_RUNTIME/mt_u$uid" "$TMP/mt"
rm -f "$CLI_RUNTIME/mt_u$uid"

# --- not from a file: stderr, never lost ---
current=$(head -n1 "$TMP/mt")
cli AT --MT "$current"
expect_ok "AT with a rotating token from --MT"
expect_contains "$ERR" "The used mytoken changed" "stderr explains the rotation"
rotated=$(grep -A1 "This is the updated mytoken:" <<<"$ERR" | tail -n1)
remember_secret "$rotated"
expect_eq "$(jwt_payload "$rotated" | jq -r .seq_no)" $(($(jwt_payload "$current" | jq -r .seq_no) + 1)) "stderr carries the rotated token"
expect_true "stdout has no mytoken" test "${OUT/"$rotated"/}" == "$OUT"
cli AT --MT "$rotated"
expect_ok "the token from stderr works"

# --- a file that cannot be written: the token goes to stderr instead ---
rotated=$(grep -A1 "This is the updated mytoken:" <<<"$ERR" | tail -n1)
mkdir -p "$TMP/ro"
printf '%s\n' "$rotated" >"$TMP/ro/mt"
chmod 500 "$TMP/ro"
cli AT --MT-file "$TMP/ro/mt"
chmod 700 "$TMP/ro"
if [[ $(id -u) == 0 ]]; then
  skip "skipped: running as root, a read-only directory is writable"
else
  expect_ok "AT with an unwritable token file still succeeds"
  expect_contains "$ERR" "because writing it failed" "stderr says why"
  expect_contains "$ERR" "This is the updated mytoken:" "and shows the token"
fi

cli_finish
