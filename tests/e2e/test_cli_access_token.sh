#!/usr/bin/env bash
# `mytoken AT` (cli spec §6) with every way of passing the mytoken (§4.1, WLCG discovery §4.2) and their order,
# --scope/--aud/--out/--json/comment, the server found from the token's iss, and the error paths: no token,
# bad token, server down, TLS/--insecure.
source "$(dirname "$0")/cli_lib.sh"
start_all
mt=$(login_mytoken '{"name":"cli-at","restrictions":[{"audience":["https://storage.example.org"]}]}')
uid=$(id -u)

at_ok() { # at_ok MESSAGE: the last run printed exactly one access token the OP issued
  expect_ok "$1: exit 0"
  expect_eq "$(wc -l <<<"$OUT")" 1 "$1: one line on stdout"
  expect_true "$1: stdout is an access token the OP issued" op_issued "$OUT"
  expect_true "$1: no mytoken on stdout/stderr" test "${OUT/"$mt"/}${ERR/"$mt"/}" == "$OUT$ERR"
}

# --- each way of passing the token ---
cli AT --MT "$mt"
at_ok "--MT"
printf '%s\n# a comment line\n' "$mt" >"$TMP/mt-file"
cli AT --MT-file "$TMP/mt-file"
at_ok "--MT-file (first line)"
cli_with MYTOKEN_URL="$ISS" MY_MT="$mt" -- AT --MT-env MY_MT </dev/null
at_ok "--MT-env"
cli_with MYTOKEN_URL="$ISS" -- AT --MT-prompt <<<"$mt"
at_ok "--MT-prompt from a pipe"
expect_true "--MT-prompt: no prompt text on stdout" test "${OUT#Enter}" == "$OUT"
# On a terminal: prompt on stderr, no echo. `script` gives the CLI a pseudo-terminal; the typed token must not
# come back in the transcript.
if command -v script >/dev/null; then
  transcript=$( (sleep 1; printf '%s\n' "$mt"; sleep 3) | cli_env MYTOKEN_URL="$ISS" \
    script -qec "$MYTOKEN_CLI AT --MT-prompt --out $TMP/at-tty" /dev/null 2>&1 || true)
  expect_contains "$transcript" "Enter mytoken:" "--MT-prompt on a terminal: prompt shown"
  expect_true "--MT-prompt on a terminal: the token is not echoed" test "${transcript/"$mt"/}" == "$transcript"
  expect_true "--MT-prompt on a terminal: an access token was written" op_issued "$(cat "$TMP/at-tty" 2>/dev/null)"
else
  skip "skipped: no 'script' command for a pseudo-terminal"
fi

# --- WLCG bearer token discovery, in its order ---
cli_with MYTOKEN_URL="$ISS" BEARER_TOKEN="$mt" -- AT </dev/null
at_ok "\$BEARER_TOKEN"
printf '  %s  \n' "$mt" >"$TMP/bearer-file"
cli_with MYTOKEN_URL="$ISS" BEARER_TOKEN_FILE="$TMP/bearer-file" -- AT </dev/null
at_ok "\$BEARER_TOKEN_FILE (trimmed)"
printf '%s\n' "$mt" >"$CLI_RUNTIME/bt_u$uid"
cli AT
at_ok "\$XDG_RUNTIME_DIR/bt_u<uid>"
printf 'not-a-token-at-all-but-long-enough-to-be-a-short-token-xxxxxxxx\n' >"$CLI_RUNTIME/bt_u$uid"
printf '%s\n' "$mt" >"$CLI_RUNTIME/mt_u$uid"
cli AT
at_ok "\$XDG_RUNTIME_DIR/mt_u<uid> before bt_u<uid>"
cli_with MYTOKEN_URL="$ISS" BEARER_TOKEN="garbage" -- AT --MT "$mt" </dev/null
at_ok "--MT beats \$BEARER_TOKEN"
cli_with MYTOKEN_URL="$ISS" BEARER_TOKEN="$mt" -- AT --MT-env UNSET_VARIABLE </dev/null
at_ok "--MT-env of an unset variable falls through to discovery"
rm -f "$CLI_RUNTIME/mt_u$uid" "$CLI_RUNTIME/bt_u$uid"
if [[ ! -e /tmp/mt_u$uid && ! -e /tmp/bt_u$uid ]]; then
  printf '%s\n' "$mt" >"/tmp/mt_u$uid"
  cli AT
  at_ok "/tmp/mt_u<uid>"
  rm -f "/tmp/mt_u$uid"
  cli AT
  expect_rc "$EXIT_USAGE" "no token anywhere -> usage error exit code"
  expect_contains "$ERR" "No mytoken provided" "no token: clear message"
else
  skip "skipped: /tmp/mt_u$uid or /tmp/bt_u$uid belongs to the real user; /tmp discovery and 'no token' not tested"
fi

# --- server from the token's iss: no --url, no MYTOKEN_URL, no config ---
cli_with -- AT --MT "$mt" </dev/null
at_ok "server found from the token's iss"
cli_with MYTOKEN_URL="http://127.0.0.1:1" -- AT --MT "$mt" </dev/null
at_ok "the token's iss wins over MYTOKEN_URL"

# --- scope, audience, comment, --out, --json ---
mt_plain=$(login_mytoken '{"name":"cli-at-plain"}')
cli AT --MT "$mt_plain" --scope storage.read
expect_true "--scope: an access token the OP issued" op_issued "$OUT"
op_introspect "$OUT"
expect_eq "$(jget '.scope | split(" ") - ["offline_access"] | join(" ")')" storage.read "--scope: the AT has only that scope"
cli AT --MT "$mt" --aud https://storage.example.org "nightly backup"
expect_ok "--aud and a comment: exit 0"
expect_eq "$(jwt_payload "$OUT" | jq -r .aud)" https://storage.example.org "--aud: the AT's aud"
cli AT --MT "$mt" -o "$TMP/at.out"
expect_ok "--out: exit 0"
expect_eq "$OUT" "" "--out: stdout empty"
expect_eq "$(stat -c %a "$TMP/at.out")" 600 "--out: created 0600"
expect_true "--out: the file holds an access token" op_issued "$(cat "$TMP/at.out")"
cli AT --MT "$mt" --json
expect_ok "--json: exit 0"
expect_eq "$(jq -r .token_type <<<"$OUT")" Bearer "--json: token_type"
expect_true "--json: access_token issued by the OP" op_issued "$(jq -r .access_token <<<"$OUT")"
cli --json AT --MT "$mt"
expect_eq "$(jq -r .token_type <<<"$OUT")" Bearer "global flag before the command works too"

# --- errors ---
cli AT --MT "$(cut -d. -f1-2 <<<"$mt").AAAA"
expect_rc "$EXIT_SERVER" "bad signature -> server error exit code"
expect_match "$ERR" "^invalid_token" "bad token: the server's error"
expect_eq "$OUT" "" "bad token: nothing on stdout"
cli AT --MT "definitely-not-a-token"
expect_rc "$EXIT_SERVER" "garbage token -> server error exit code"
expect_eq "$(wc -l <<<"$ERR")" 1 "errors are one line"
mt_ti=$(login_mytoken '{"capabilities":["tokeninfo"]}')
cli AT --MT "$mt_ti"
expect_rc "$EXIT_SERVER" "no AT capability -> server error"
expect_contains "$ERR" "insufficient_capabilities: " "capability error with its description"
cli AT --MT "$mt" --scope nosuchscope
expect_rc "$EXIT_SERVER" "scope the token does not allow -> server error"
down=$(free_port)
cli_with MYTOKEN_URL="http://127.0.0.1:$down" -- AT --MT "short-token-without-iss-aaaaaaaaaaaaaaaaaaaaaa" </dev/null
expect_rc "$EXIT_NETWORK" "server down -> network error exit code"
expect_contains "$ERR" "could not initialize mytoken server" "server down: message"
cli AT --bogus-flag
expect_rc "$EXIT_USAGE" "unknown flag -> usage error"
expect_contains "$ERR" "Incorrect Usage" "unknown flag: message"
# TLS is verified; --insecure warns loudly. A TLS server that is not one (plain HTTP port) fails either way.
cli_with -- AT --url "https://127.0.0.1:$MT_PORT" --MT "short-token-without-iss-aaaaaaaaaaaaaaaaaaaaaa" </dev/null
expect_rc "$EXIT_NETWORK" "https to a plain HTTP server -> network error"
cli_with -- AT --insecure --url "https://127.0.0.1:$MT_PORT" --MT "short-token-without-iss-aaaaaaaaaaaaaaaaaaaaaa" </dev/null
expect_contains "$ERR" "warning: --insecure" "--insecure prints a warning"

# --- help and version ---
cli AT --help
expect_ok "AT --help: exit 0"
expect_contains "$OUT" "--MT-file" "AT --help lists the token flags"
cli --version
expect_match "$OUT" "^mytoken version [0-9]" "--version"

cli_finish
