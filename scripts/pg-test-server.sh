#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests, from Debian's postgresql package (nothing pre-configured assumed):
# initdb in a fresh temp directory, listening on 127.0.0.1 only, on a free port, with its socket inside that
# directory. Durability is switched off (fsync, full_page_writes): the data is disposable.
#
#   scripts/pg-test-server.sh start STATE_DIR [--optional] [--password-file FILE]
#       Starts a server and prints its URL (postgresql://mytoken@127.0.0.1:PORT/mytoken); STATE_DIR receives
#       `url`, `port`, `datadir` and `user`. With --password-file, TCP logins need that password (scram).
#       With --optional and CI unset, missing PostgreSQL binaries are not an error: nothing is started and
#       STATE_DIR gets no `url` (the tests then skip); in CI (CI=true) they are always an error.
#   scripts/pg-test-server.sh restart STATE_DIR   fast restart on the same port (existing connections drop)
#   scripts/pg-test-server.sh halt STATE_DIR      stops the server but keeps its data (a database outage)
#   scripts/pg-test-server.sh resume STATE_DIR    starts a halted server again on the same port
#   scripts/pg-test-server.sh stop STATE_DIR      stops the server and deletes its data (no-op if not running)
#
# PostgreSQL refuses to run as root; as root we run it as the `postgres` system user (created by the Debian
# package) or, without it, as a system user `mytoken-test` created here.
set -euo pipefail

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

find_bin() {
  local dir
  if [[ -n ${PG_BIN-} ]]; then # an explicit choice: no search
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || return 1
    echo "$PG_BIN"
    return 0
  fi
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

server_user() {
  if ((EUID != 0)); then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    id mytoken-test >/dev/null 2>&1 ||
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin mytoken-test
    echo mytoken-test
  fi
}

as_user() { # as_user USER COMMAND...: runs COMMAND as USER (directly if that is us)
  local user=$1
  shift
  if [[ $user == "$(id -un)" ]]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((33000 + RANDOM % 12000))
    if ! (: <>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

cmd=${1-}
state=${2-}
[[ -n $cmd && -n $state ]] || die "usage: $0 start|restart|halt|resume|stop STATE_DIR [--optional] [--password-file FILE]"
shift 2

case $cmd in
start)
  optional=0 password_file=""
  while (($#)); do
    case $1 in
    --optional) optional=1 ;;
    --password-file)
      password_file=$2
      shift
      ;;
    *) die "unknown option $1" ;;
    esac
    shift
  done
  mkdir -p "$state"
  rm -f "$state/url"
  if ! bin=$(find_bin); then
    if ((optional)) && [[ ${CI:-} != true ]]; then
      echo "pg-test-server: no PostgreSQL server binaries (apt-get install postgresql); PostgreSQL tests will skip" >&2
      exit 0
    fi
    die "no PostgreSQL server binaries found (apt-get install postgresql, or set PG_BIN)"
  fi
  if [[ -f $state/datadir ]]; then "$0" stop "$state"; fi # a server left over from an aborted run
  user=$(server_user)
  data=$(mktemp -d "${TMPDIR:-/tmp}/mytoken-pg.XXXXXX")
  chmod 700 "$data"
  [[ $user == "$(id -un)" ]] || chown "$user" "$data"
  auth=(--auth=trust)
  if [[ -n $password_file ]]; then
    install -m 600 -o "$user" "$password_file" "$data/.pwfile"
    auth=(--auth-local=trust --auth-host=scram-sha-256 --pwfile="$data/.pwfile")
  fi
  as_user "$user" "$bin/initdb" -D "$data/db" -U mytoken -E UTF8 --no-locale --no-sync "${auth[@]}" \
    >"$state/initdb.log" 2>&1 || die "initdb failed: $(tail -n 5 "$state/initdb.log")"
  rm -f "$data/.pwfile"
  echo "$data" >"$state/datadir"
  echo "$user" >"$state/user"
  started=0
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    opts="-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    opts+=" -c synchronous_commit=off -c max_connections=300"
    if as_user "$user" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 -o "$opts" start >/dev/null; then
      started=1
      break
    fi
    echo "pg-test-server: start on port $port failed (attempt $attempt), trying another port" >&2
  done
  ((started)) || die "pg_ctl start failed: $(tail -n 5 "$data/server.log" 2>/dev/null)"
  echo "$port" >"$state/port"
  echo "$opts" >"$state/opts"
  # createdb over the socket: local connections are trusted even with --password-file.
  as_user "$user" "$bin/createdb" -h "$data" -p "$port" -U mytoken mytoken || die "createdb failed"
  url="postgresql://mytoken@127.0.0.1:$port/mytoken"
  echo "$url" >"$state/url"
  echo "$url"
  ;;
restart)
  [[ -f $state/datadir ]] || die "no server in $state"
  bin=$(find_bin) || die "no PostgreSQL server binaries"
  data=$(cat "$state/datadir")
  as_user "$(cat "$state/user")" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -m fast -w -t 60 restart >/dev/null
  ;;
halt | resume)
  [[ -f $state/datadir ]] || die "no server in $state"
  bin=$(find_bin) || die "no PostgreSQL server binaries"
  data=$(cat "$state/datadir")
  if [[ $cmd == halt ]]; then
    as_user "$(cat "$state/user")" "$bin/pg_ctl" -D "$data/db" -m fast -w -t 60 stop >/dev/null
  else
    as_user "$(cat "$state/user")" "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
      -o "$(cat "$state/opts")" start >/dev/null
  fi
  ;;
stop)
  [[ -f $state/datadir ]] || exit 0
  data=$(cat "$state/datadir")
  if bin=$(find_bin) && [[ -f $data/db/postmaster.pid ]]; then
    as_user "$(cat "$state/user")" "$bin/pg_ctl" -D "$data/db" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data"
  rm -f "$state/datadir" "$state/url" "$state/port" "$state/user" "$state/opts"
  ;;
*) die "unknown command $cmd" ;;
esac
