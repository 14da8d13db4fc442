# shellcheck shell=bash disable=SC2034,SC2154 # globals shared by bench/run and its parts
# mytokend and its database for bench/run (the dev OP and the login come from tests/e2e/lib.sh).

# Optional configuration keys other work adds; a build that does not know a key ignores it silently, so
# whether the binary contains the key's name decides (bench/README.md).
binary_knows() { grep -qa -- "$1" "$MYTOKEND"; }

# bench_config FILE ALG [DB-YAML] [EXTRA-FEATURES-YAML] [EXTRA-PROVIDER-YAML]: the configuration of one
# bench server: loopback, no DNS or geo-IP, the given signing algorithm (own key file per algorithm, so
# tokens of another run stay invalid), request rate limits off when the build has them.
bench_config() {
  local file=$1 alg=$2 db=${3:-'{backend: sqlite, path: "mytoken.db"}'} features=${4-} provider=${5-}
  if [[ -z $features ]] && binary_knows request_rate_limits; then features="request_rate_limits: {enabled: false}"; fi
  cat >"$file" <<YAML
issuer: "$ISS"
server:
  listen: "127.0.0.1:$MT_PORT"
  trusted_proxies: []
admin: {listen: ""}  # the admin listener is measured separately (docs/monitoring.md)
database: $db
signing:
  mytoken:
    alg: $alg
    key_file: "signing-key-$alg.pem"
secrets:
  pepper_file: "pepper"
logging:
  level: info
features:
  polling_codes: {len: 8, expires_after: 300, polling_interval: 1}
  ${features}
providers:
  - issuer: "$OP"
    name: "Dev OP"
    client_id: mytoken-test
    client_secret: mytoken-test-secret
    scopes: [openid, profile, email, offline_access, storage.read, compute.create]
    audience: {use_rfc8707: true}
    ${provider}
YAML
}

# start_server CONFIG: starts mytokend and waits until GET /health answers; STARTUP_MS = exec to first answer.
# Returns 1 (no server running) if mytokend exits during start-up, e.g. on a configuration it rejects.
start_server() {
  local config=$1 t0 deadline=$((SECONDS + 60))
  t0=$(date +%s%N)
  "$MYTOKEND" --config "$config" >>"$TMP/mytokend.log" 2>&1 </dev/null &
  MT_PID=$!
  until curl -fs -o /dev/null --max-time 1 "$ISS/health"; do
    if ! kill -0 "$MT_PID" 2>/dev/null; then
      MT_PID=""
      return 1
    fi
    ((SECONDS < deadline)) || die "mytokend did not answer at $ISS/health within 60 s"
    sleep 0.01
  done
  STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
}
restart_server() { # restart_server CONFIG
  stop_mytokend
  start_server "$1" || die "mytokend did not start with $1: $(tail -3 "$TMP/mytokend.log")"
}

# bench_login: a real native login (dev OP forms via login.mjs) for a token that may create sub-tokens and
# has no usage limits; prints the mytoken.
bench_login() { login_mytoken '{"name":"bench","capabilities":["AT","tokeninfo","create_mytoken"]}' 2>>"$TMP/login.log"; }

# --- PostgreSQL (scripts/pg-test-server.sh) ---
PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
PG_URL=""
start_postgres() { PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE" --optional) && [[ -n $PG_URL ]]; }
stop_postgres() { [[ -z $PG_URL ]] || bash "$PG_SCRIPT" stop "$PG_STATE" >/dev/null 2>&1 || true; }
