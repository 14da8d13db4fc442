# shellcheck shell=bash
# Helpers of the end-to-end tests of the `mytoken` command line client (tests/e2e/test_cli_*.sh); sources lib.sh.
# The CLI runs with a private HOME, XDG_RUNTIME_DIR and no BEARER_TOKEN*, so nothing of the user's own setup
# (config file, token files) leaks in. Every run sets OUT (stdout), ERR (stderr) and RC (exit status).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MYTOKEN_CLI=${MYTOKEN_CLI:-$SRC_DIR/build/mytoken}
[[ -x $MYTOKEN_CLI ]] || die "mytoken binary not found at $MYTOKEN_CLI (build first, or set MYTOKEN_CLI)"
CLI_HOME=$TMP/home
CLI_RUNTIME=$TMP/run
mkdir -p "$CLI_HOME" "$CLI_RUNTIME"
chmod 700 "$CLI_RUNTIME"
OUT="" ERR="" RC=0

# The documented exit codes (docs/cli.md).
EXIT_OK=0 EXIT_FAILURE=1 EXIT_USAGE=2 EXIT_SERVER=3 EXIT_NETWORK=4

# cli_env VAR=value... -- : the environment every CLI run gets (extra assignments first).
cli_env() {
  env -u BEARER_TOKEN -u BEARER_TOKEN_FILE -u MYTOKEN_URL -u MYTOKEN_SERVER -u MYTOKEN_CONFIG -u MYTOKEN_CONF \
    -u MYTOKEN_TC -u MYTOKEN_PROVIDER -u MYTOKEN_RESTRICTIONS -u MYTOKEN_ROTATION -u MYTOKEN_PROFILE -u MOM_ID \
    HOME="$CLI_HOME" XDG_RUNTIME_DIR="$CLI_RUNTIME" XDG_CONFIG_HOME="$CLI_HOME/.config" NO_COLOR=1 "$@"
}
# cli ARGS...: run the CLI (stdin from /dev/null) with MYTOKEN_URL=$ISS.
cli() { cli_with MYTOKEN_URL="$ISS" -- "$@" </dev/null; }
# cli_with VAR=value... -- ARGS...: the same with extra environment (and stdin as given by the caller).
cli_with() {
  local vars=()
  while [[ $1 != -- ]]; do
    vars+=("$1")
    shift
  done
  shift
  RC=0
  cli_env "${vars[@]}" "$MYTOKEN_CLI" "$@" >"$TMP/.cli-out" 2>"$TMP/.cli-err" || RC=$?
  OUT=$(cat "$TMP/.cli-out")
  ERR=$(cat "$TMP/.cli-err")
}
cli_context() { printf 'exit %s, stdout [%s], stderr [%s]' "$RC" "$(shorten "$OUT")" "$(shorten "$ERR")"; }
expect_rc() { # expect_rc CODE MESSAGE
  if [[ $RC == "$1" ]]; then pass "$2"; else fail "$2" "expected exit $1; $(cli_context)"; fi
}
expect_ok() { expect_rc 0 "$1"; }

# --- skipping what the server does not have yet (counted apart from passed and failed) ---
skip() {
  echo SKIP >>"$RESULTS"
  say "skip $1"
}
cli_finish() {
  local skipped
  skipped=$(count SKIP)
  if ((skipped > 0)); then say "$TEST_NAME: $skipped skipped"; fi
  finish
}
DISCOVERY=""
discovery() {
  [[ -n $DISCOVERY ]] || DISCOVERY=$(curl -fsS --max-time 10 "$ISS/.well-known/mytoken-configuration")
  printf '%s' "$DISCOVERY"
}
# server_has KIND VALUE: the discovery document lists VALUE under KIND (grant | response | tokeninfo |
# endpoint). Prints nothing; status only.
server_has() {
  local filter
  case $1 in
    grant) filter='.mytoken_endpoint_grant_types_supported // [] | index($v) != null' ;;
    response) filter='.response_types_supported // [] | index($v) != null' ;;
    tokeninfo) filter='.tokeninfo_endpoint_actions_supported // [] | index($v) != null' ;;
    endpoint) filter='has($v) and .[$v] != ""' ;;
    *) die "server_has: unknown kind $1" ;;
  esac
  [[ $(jq -r --arg v "$2" "$filter" <<<"$(discovery)") == true ]]
}
# requires KIND VALUE WHAT: true if the server has it, else records a skip "skipped: server lacks WHAT".
requires() {
  if server_has "$1" "$2"; then return 0; fi
  skip "skipped: server lacks $3"
  return 1
}

# --- the OIDC flow through the CLI ---
# cli_login [CLI args...]: runs `mytoken MT --oidc --provider $OP [args]` in the background (no --provider if
# CLI_LOGIN_PROVIDER is set and empty), waits for the
# consent URL on its stderr, approves it as the consent page would (cli_consent.mjs), logs in at the dev OP
# (login.mjs) while the CLI polls, and waits for the CLI. Sets OUT/ERR/RC; LOGIN_CONSENT_URI.
cli_login() {
  local pid deadline auth provider=()
  RC=0
  if [[ -n ${CLI_LOGIN_PROVIDER-$OP} ]]; then provider=(--provider "${CLI_LOGIN_PROVIDER-$OP}"); fi
  cli_env MYTOKEN_URL="$ISS" "$MYTOKEN_CLI" MT --oidc "${provider[@]}" "$@" \
    </dev/null >"$TMP/.cli-out" 2>"$TMP/.cli-err" &
  pid=$!
  deadline=$((SECONDS + 20))
  LOGIN_CONSENT_URI=""
  while [[ -z $LOGIN_CONSENT_URI ]]; do
    # Only a complete line counts: the CLI may be half-way through writing the URL.
    if [[ $(cat "$TMP/.cli-err") =~ ($ISS/c/[A-Za-z0-9_-]+)$'\n' ]]; then
      LOGIN_CONSENT_URI=${BASH_REMATCH[1]}
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      wait "$pid" || RC=$?
      OUT=$(cat "$TMP/.cli-out") ERR=$(cat "$TMP/.cli-err")
      fail "the CLI printed a consent URL" "$(cli_context)"
      return 1
    fi
    sleep 0.1
  done
  remember_secret "${LOGIN_CONSENT_URI##*/}"
  if auth=$(node "$E2E_DIR/cli_consent.mjs" "$LOGIN_CONSENT_URI") &&
    node "$OP_DIR/login.mjs" --follow "$auth" >/dev/null; then
    :
  else
    say "     (consent approval or OP login failed)"
  fi
  wait "$pid" || RC=$?
  OUT=$(cat "$TMP/.cli-out")
  ERR=$(cat "$TMP/.cli-err")
  remember_secret "$OUT"
}
# cli_login_token [CLI args...]: cli_login that must succeed; prints the mytoken.
cli_login_token() {
  cli_login "$@"
  [[ $RC == 0 && -n $OUT ]] || die "mytoken MT --oidc failed: $(cli_context)"
  printf '%s\n' "$OUT"
}
