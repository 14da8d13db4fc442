#!/usr/bin/env bash
# Scale-out (docs/deployment.md): two mytokend instances A and B on one PostgreSQL server of their own
# (scripts/pg-test-server.sh, password login via database.password_file), sharing signing key, pepper and
# issuer, behind nginx configured exactly as docs/deployment.md shows (the issuer is nginx's URL). Requests are
# spread over A and B directly. Checks: `mytokend migrate`; a login that starts on one instance and is polled
# on the other; 50 parallel AT requests against usages_AT 10 -> exactly 10; revocation on A rejected on B at
# once (also recursively, for a sub-token); one-time transfer codes and rotation across instances (when the
# server supports them); kill -9 of B under load (A keeps serving, no issued token lost); a PostgreSQL restart
# under light load (clean JSON 5xx at worst, recovery without restarting mytokend); X-Forwarded-For from
# nginx believed (trusted_proxies) and a client's forged one not.
source "$(dirname "$0")/lib.sh"

PG_SCRIPT=$SRC_DIR/scripts/pg-test-server.sh
PG_STATE=$TMP/pg
A_PORT=$(free_port)
B_PORT=$(free_port)
A=http://127.0.0.1:$A_PORT
B=http://127.0.0.1:$B_PORT
A_PID="" B_PID="" NGINX_PID="" LOAD_PID=""

# shellcheck disable=SC2317 # called by the EXIT trap
scale_out_cleanup() {
  local rc=$?
  set +e
  stop_pid "$LOAD_PID"
  stop_pid "$A_PID"
  stop_pid "$B_PID"
  stop_pid "$NGINX_PID"
  if [[ -s $TMP/mytokend-b.log && ${rc} != 0 ]]; then
    say "----- last 20 lines of mytokend-b.log -----"
    tail -n 20 "$TMP/mytokend-b.log" >&2
  fi
  bash "$PG_SCRIPT" stop "$PG_STATE"
  (exit "$rc")
  cleanup
}
trap scale_out_cleanup EXIT

# --- PostgreSQL with a password, and the two configurations (one directory: shared key and pepper files) ---
head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$TMP/db-password"
PG_URL=$(bash "$PG_SCRIPT" start "$PG_STATE" --password-file "$TMP/db-password") || die "PostgreSQL did not start"
say "PostgreSQL at $PG_URL"

write_mytokend_config # lib.sh: $MT_CONFIG for issuer $ISS (nginx, below), SQLite
instance_config() {   # instance_config PORT FILE: $MT_CONFIG on postgres, listening on PORT, nginx trusted
  sed -e "s|^  listen: .*|  listen: \"127.0.0.1:$1\"|" \
    -e 's|^  trusted_proxies: .*|  trusted_proxies: ["127.0.0.1/32"]|' \
    -e 's|^  backend: sqlite|  backend: postgres|' \
    -e "s|^  path: \"mytoken.db\"|  url: \"$PG_URL\"\n  password_file: \"db-password\"\n  pool_size: 4|" \
    "$MT_CONFIG" >"$2"
}
instance_config "$A_PORT" "$TMP/a.yaml"
instance_config "$B_PORT" "$TMP/b.yaml"
expect_contains "$(cat "$TMP/a.yaml")" "backend: postgres" "instance A is configured for PostgreSQL"

# --- schema: `mytokend migrate`, twice at once (advisory lock), then again (nothing to do) ---
"$MYTOKEND" migrate --config "$TMP/a.yaml" >"$TMP/migrate1.out" 2>&1 &
m1=$!
"$MYTOKEND" migrate --config "$TMP/b.yaml" >"$TMP/migrate2.out" 2>&1 &
m2=$!
rc1=0 rc2=0
wait "$m1" || rc1=$?
wait "$m2" || rc2=$?
expect_eq "$rc1/$rc2" 0/0 "two concurrent 'mytokend migrate' both succeed ($(cat "$TMP/migrate1.out" "$TMP/migrate2.out" | tr '\n' ' '))"
expect_true "'mytokend migrate' on a migrated database succeeds" "$MYTOKEND" migrate --config "$TMP/a.yaml"
wrong=$TMP/wrong.yaml
sed -e 's|^  password_file: .*|  password_file: "wrong-password"|' "$TMP/a.yaml" >"$wrong"
echo not-the-password >"$TMP/wrong-password"
out=$("$MYTOKEND" migrate --config "$wrong" 2>&1) && rc=0 || rc=$?
expect_eq "$rc" 1 "'mytokend migrate' with a wrong database password exits 1"
expect_eq "$(grep -c "$(cat "$TMP/db-password")" <<<"$out" || true)" 0 "the error message holds no password"

# --- instances and nginx ---
start_instance() { # start_instance CONFIG URL LOG: prints the pid once discovery answers
  "$MYTOKEND" --config "$1" >>"$3" 2>&1 </dev/null &
  local pid=$!
  wait_until_serving "$pid" "$2" "$3"
  echo "$pid"
}
start_op
A_PID=$(start_instance "$TMP/a.yaml" "$A" "$TMP/mytokend.log") # first alone: it creates the key files
B_PID=$(start_instance "$TMP/b.yaml" "$B" "$TMP/mytokend-b.log")
MT_PID=$A_PID # lib.sh's log display

# nginx with the site configuration from docs/deployment.md (between the nginx-site markers), pointed at our
# ports; without TLS, which a test on loopback cannot have a certificate for.
command -v nginx >/dev/null || die "nginx missing: run scripts/setup.sh"
mkdir -p "$TMP/nginx/logs"
sed -n '/<!-- nginx-site -->/,/<!-- \/nginx-site -->/p' "$SRC_DIR/docs/deployment.md" | sed -e '/^```/d' -e '/<!--/d' \
  -e "s|127.0.0.1:8001|127.0.0.1:$A_PORT|" -e "s|127.0.0.1:8002|127.0.0.1:$B_PORT|" \
  -e "s|listen 443 ssl;|listen 127.0.0.1:$MT_PORT;|" -e "s|listen \[::\]:443 ssl;||" \
  -e '/ssl_certificate/d' -e "s|server_name mytoken.example.org;|server_name 127.0.0.1;|" \
  >"$TMP/nginx/site.conf"
grep -q upstream "$TMP/nginx/site.conf" || die "no nginx site configuration found in docs/deployment.md"
# As root, nginx's workers would run as nobody, who cannot enter the private $TMP.
nginx_user=""
if ((EUID == 0)); then nginx_user="user root;"; fi
cat >"$TMP/nginx/nginx.conf" <<EOF
$nginx_user
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log;
events { worker_connections 256; }
http {
  access_log $TMP/nginx/logs/access.log;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  include $TMP/nginx/site.conf;
}
EOF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t >/dev/null 2>&1 || die "nginx -t: $(nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t 2>&1)"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" >>"$TMP/nginx/logs/stderr.log" 2>&1 &
NGINX_PID=$!
deadline=$((SECONDS + 15))
until curl -fs -o /dev/null --max-time 1 "$ISS/.well-known/mytoken-configuration"; do
  ((SECONDS < deadline)) || die "nginx did not answer at $ISS"
  sleep 0.1
done
api_get /.well-known/mytoken-configuration
expect_status 200 "discovery through nginx"
expect_json_eq .issuer "$ISS" "the issuer is nginx's URL"
for u in "$A" "$B"; do
  api_get "$u/.well-known/mytoken-configuration"
  expect_json_eq .issuer "$ISS" "instance $u has the same issuer"
done
api_get "$A/jwks"
jwks_a=$BODY
api_get "$B/jwks"
expect_eq "$BODY" "$jwks_a" "A and B publish the same signing key"

# login_split OVERRIDES: started on A, consent and OP redirect through nginx, polled on $POLL_ON (default B);
# prints the mytoken.
POLL_ON=$B
login_split() {
  ISS=$A start_login "${1:-"{}"}"
  approve_consent
  ISS=$POLL_ON complete_login
  printf '%s\n' "$MYTOKEN"
}
at_on() { # at_on URL MYTOKEN [OVERRIDES [curl args...]]
  local u=$1 t=$2 o=${3:-"{}"}
  shift 2
  shift $(($# > 0 ? 1 : 0))
  api_post "$u/api/v0/token/access" "$(jq -nc --arg mt "$t" --argjson o "$o" '{grant_type: "mytoken", mytoken: $mt} + $o')" "$@"
}
wait_all() { # wait_all PID...: waits for each, ignoring their exit status
  local p
  for p in "$@"; do wait "$p" || true; done
}

# --- a login across instances ---
mt=$(login_split '{"name":"scale-out"}')
expect_ne "$mt" "" "a login started on A and polled on B yields a mytoken"
at_on "$A" "$mt"
expect_status 200 "AT on A with the token"
at_on "$B" "$mt"
expect_status 200 "AT on B with the token"
expect_true "the AT from B is one the OP issued" op_issued "$(jget .access_token)"

# --- usage limit across instances: 50 parallel requests, usages_AT 10 ---
mt10=$(login_split '{"restrictions":[{"usages_AT":10}]}')
mkdir -p "$TMP/par"
pids=()
for i in $(seq 1 50); do
  if ((i % 2)); then u=$A; else u=$B; fi
  curl -s -o "$TMP/par/$i.body" -w '%{http_code}' --max-time 60 -X POST "$u/api/v0/token/access" \
    -H 'Content-Type: application/json' -d "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt10\"}" >"$TMP/par/$i.status" &
  pids+=($!)
done
wait_all "${pids[@]}"
ok=$(grep -lx 200 "$TMP"/par/*.status | wc -l)
restricted=0
for i in $(seq 1 50); do
  if [[ $(cat "$TMP/par/$i.status") == 403 && $(jget .error "$(cat "$TMP/par/$i.body")") == usage_restricted ]]; then
    restricted=$((restricted + 1))
  fi
done
expect_eq "$ok" 10 "usages_AT 10: exactly 10 of 50 parallel AT requests over A and B succeed"
expect_eq "$restricted" 40 "the other 40 get 403 usage_restricted"
for f in "$TMP"/par/*.status; do
  if [[ $(cat "$f") == 200 ]] && ! op_issued "$(jget .access_token "$(cat "${f%.status}.body")")"; then
    fail "every granted AT is one the OP issued" "$(cat "${f%.status}.body")"
  fi
done
api_post "$B/api/v0/tokeninfo" "{\"action\":\"introspect\",\"mytoken\":\"$mt10\"}"
if [[ $STATUS == 200 ]]; then
  expect_eq "$(jget '[.. | objects | .usages_AT_done? // empty] | max')" 10 "introspection on B counts 10 AT usages"
fi

# --- revocation on A, effect on B at once (also for a sub-token) ---
mt_r=$(login_split '{"name":"to-revoke","capabilities":["AT","tokeninfo","create_mytoken"]}')
at_on "$B" "$mt_r"
expect_status 200 "before revocation: AT on B works"
api_post "$B/api/v0/token/my" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt_r\",\"capabilities\":[\"AT\"]}"
sub=""
if [[ $STATUS == 200 ]]; then
  sub=$(jget .mytoken)
  remember_secret "$sub"
  at_on "$A" "$sub"
  expect_status 200 "a sub-token minted on B works on A"
else
  say "note: sub-token creation answered $STATUS; the recursive part is skipped"
fi
api_post "$A/api/v0/token/revoke" "{\"token\":\"$mt_r\",\"recursive\":true}"
expect_status 204 "revocation on A"
at_on "$B" "$mt_r"
expect_error 401 invalid_token
if [[ -n $sub ]]; then
  at_on "$B" "$sub"
  expect_error 401 invalid_token
fi
at_on "$A" "$mt_r"
expect_error 401 invalid_token

# --- transfer codes across instances (only if the server offers them) ---
api_get "$A/.well-known/mytoken-configuration"
if [[ $(jget '.mytoken_endpoint_grant_types_supported | index("transfer_code") != null') == true ]]; then
  api_post "$A/api/v0/token/transfer" "{\"mytoken\":\"$mt\"}"
  expect_status 200 "transfer code created on A"
  code=$(jget .transfer_code)
  remember_secret "$code"
  mkdir -p "$TMP/tc"
  pids=()
  for i in $(seq 1 10); do
    if ((i % 2)); then u=$A; else u=$B; fi
    curl -s -o "$TMP/tc/$i.body" -w '%{http_code}' --max-time 30 -X POST "$u/api/v0/token/my" \
      -H 'Content-Type: application/json' -d "{\"grant_type\":\"transfer_code\",\"transfer_code\":\"$code\"}" \
      >"$TMP/tc/$i.status" &
    pids+=($!)
  done
  wait_all "${pids[@]}"
  expect_eq "$(grep -lx 200 "$TMP"/tc/*.status | wc -l)" 1 "a transfer code exchanged 10 times in parallel on A and B works once"
else
  say "skip: the server offers no transfer_code grant yet"
fi

# --- rotation across instances (only if the server rotates) ---
mt_rot=$(login_split '{"rotation":{"on_AT":true}}')
at_on "$A" "$mt_rot"
rotated=$(jget .token_update.mytoken)
if [[ -n $rotated && $rotated != null ]]; then
  remember_secret "$rotated"
  at_on "$B" "$rotated"
  expect_status 200 "the rotated token works on B"
  at_on "$B" "$mt_rot"
  expect_error 401 invalid_token
else
  say "skip: the server does not rotate tokens yet (no token_update)"
fi

# --- kill -9 of B under load: A keeps serving, no issued token is lost ---
issued=()
for n in 1 2 3; do issued+=("$(login_split "{\"name\":\"kept-$n\"}")"); done
load() { # alternating AT requests on A and B until killed; one "URL STATUS" line each
  local i=0 u
  while :; do
    if ((i++ % 2)); then u=$A; else u=$B; fi
    printf '%s %s\n' "$u" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST "$u/api/v0/token/access" \
      -H 'Content-Type: application/json' -d "{\"grant_type\":\"mytoken\",\"mytoken\":\"${issued[0]}\"}")"
  done
}
load >"$TMP/load.log" 2>/dev/null &
LOAD_PID=$!
sleep 2
kill -9 "$B_PID"
wait "$B_PID" 2>/dev/null || true
B_PID=""
killed_at=$(wc -l <"$TMP/load.log")
# A login completed while B is dead: the OP redirect goes through nginx, which must fail over to A.
late=$(POLL_ON=$A login_split '{"name":"during-outage"}')
expect_ne "$late" "" "a login while B is dead completes (nginx fails over to A)"
issued+=("$late")
sleep 2
stop_pid "$LOAD_PID"
LOAD_PID=""
after=$(tail -n +"$((killed_at + 1))" "$TMP/load.log")
a_after=$(grep -c "^$A " <<<"$after" || true)
a_ok=$(grep -c "^$A 200\$" <<<"$after" || true)
expect_true "the load kept running on A after B was killed ($a_after requests)" test "$a_after" -gt 0
expect_eq "$a_ok" "$a_after" "every AT request on A after B's kill -9 succeeded"
i=0
for t in "${issued[@]}"; do
  i=$((i + 1))
  at_on "$A" "$t"
  expect_status 200 "issued token $i still works on A after B's kill -9"
done
api_get /.well-known/mytoken-configuration
expect_status 200 "nginx still serves with one instance gone"

# --- PostgreSQL restart under light load: clean errors at worst, then recovery without restarting mytokend ---
light_load() {
  local n=0
  while :; do
    curl -s -o "$TMP/light.$n.body" -w '%{http_code}\n' --max-time 30 -X POST "$A/api/v0/token/access" \
      -H 'Content-Type: application/json' -d "{\"grant_type\":\"mytoken\",\"mytoken\":\"${issued[1]}\"}" >>"$TMP/light.status"
    n=$((n + 1))
    sleep 0.1
  done
}
: >"$TMP/light.status"
light_load 2>/dev/null &
LOAD_PID=$!
sleep 1
bash "$PG_SCRIPT" restart "$PG_STATE" || die "PostgreSQL restart failed"
sleep 3
stop_pid "$LOAD_PID"
LOAD_PID=""
total=$(wc -l <"$TMP/light.status")
bad=0
n=0
while read -r status; do
  body=$(cat "$TMP/light.$n.body" 2>/dev/null || true)
  if [[ $status != 200 ]] && ! [[ $status -ge 500 && -n $(jget .error "$body") ]]; then
    bad=$((bad + 1))
    say "     request $n during the restart: HTTP $status, body: $(shorten "$body")"
  fi
  n=$((n + 1))
done <"$TMP/light.status"
expect_eq "$bad" 0 "during the PostgreSQL restart every answer was 200 or a JSON error with status >= 500 ($total requests, $(grep -cvx 200 "$TMP/light.status" || true) errors)"
at_on "$A" "${issued[2]}"
expect_status 200 "after the PostgreSQL restart A serves again without being restarted"
expect_true "A is still the process it was" kill -0 "$A_PID"

# --- PostgreSQL down for longer than mytokend retries (10 s): a clean error, then recovery by itself ---
bash "$PG_SCRIPT" halt "$PG_STATE" || die "PostgreSQL halt failed"
at_on "$A" "${issued[2]}"
expect_true "with the database down: an error status >= 500 (got $STATUS)" test "$STATUS" -ge 500
expect_json_eq .error internal_server_error "with the database down: the documented JSON error object"
expect_eq "$(grep -c "$(cat "$TMP/db-password")" "$TMP/mytokend.log" || true)" 0 "the log holds no database password"
bash "$PG_SCRIPT" resume "$PG_STATE" || die "PostgreSQL resume failed"
at_on "$A" "${issued[2]}"
expect_status 200 "once the database is back, A serves again by itself"

# --- client IP behind nginx (server.trusted_proxies) ---
mt_host=$(POLL_ON=$A login_split '{"restrictions":[{"hosts":["192.0.2.1"]}]}')
at_on "$A" "$mt_host" '{}' -H 'X-Forwarded-For: 192.0.2.1'
expect_status 200 "A believes X-Forwarded-For from a trusted proxy address (hosts 192.0.2.1)"
api_post /api/v0/token/access "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt_host\"}" -H 'X-Forwarded-For: 192.0.2.1'
expect_error 403 usage_restricted
finish
