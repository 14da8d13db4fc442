#!/usr/bin/env bash
# The Debian package (docs/packaging.md): scripts/package-deb.sh packages the current build directory; the test
# installs it with dpkg, checks its files, the mytoken user and the state directory, points the packaged
# /etc/mytoken/config.yaml at the test OP, runs the installed /usr/bin/mytokend as user mytoken (no --config:
# the packaged path), logs in and gets an access token (also with the installed client), stops it, purges the
# package and checks that nothing of it is left. Needs root (or sudo -n); the package is purged even on failure.
source "$(dirname "$0")/lib.sh"

as_root=()
if ((EUID != 0)); then
  sudo -n true 2>/dev/null || die "test_package needs root or password-less sudo (it runs dpkg -i / --purge)"
  as_root=(sudo -n)
fi
root() { "${as_root[@]}" "$@"; }
BUILD_DIR=$(dirname "$MYTOKEND")
installed_by_us=0
if dpkg-query -W -f='${db:Status-Abbrev}' mytoken 2>/dev/null | grep -q '^i'; then
  die "a mytoken package is installed already; not touching it (dpkg --purge mytoken first)"
fi
getent passwd mytoken >/dev/null && die "a user mytoken exists already; not touching it"

# Runs before lib.sh's cleanup (which reports the results): whatever happened, the machine is left as it was.
purge_package() {
  set +e
  stop_pid "$MT_PID"
  MT_PID=""
  if ((installed_by_us)); then
    root dpkg --purge mytoken >>"$TMP/dpkg.log" 2>&1
    installed_by_us=0
  fi
}
trap 'rc=$?; purge_package; (exit $rc); cleanup' EXIT

# --- build ---
started=$SECONDS
deb=$("$SRC_DIR/scripts/package-deb.sh" "$TMP/pkg" "$BUILD_DIR" 2>"$TMP/package.log") ||
  die "scripts/package-deb.sh failed: $(tail -n 20 "$TMP/package.log")"
say "     package $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, built in $((SECONDS - started)) s"
expect_match "$(basename "$deb")" '^mytoken_[0-9.]+_[a-z0-9]+\.deb$' "the package file is named mytoken_VERSION_ARCH.deb"
fields=$(dpkg-deb -f "$deb" Package Depends)
expect_contains "$fields" "Package: mytoken" "control: Package mytoken"
for dep in adduser libc6 libsystemd0 libsodium23 libcurl4; do
  expect_match "$fields" "Depends:.*\\b$dep\\b" "control: Depends names $dep (dpkg-shlibdeps)"
done
contents=$(dpkg-deb -c "$deb")
expect_eq "$(grep -c '/usr/lib/debug\|\.a$' <<<"$contents" || true)" 0 "no static libraries or debug files in the package"
expect_contains "$(dpkg-deb -I "$deb" conffiles)" /etc/mytoken/config.yaml "/etc/mytoken/config.yaml is a conffile"

# --- install ---
root dpkg -i "$deb" >"$TMP/dpkg.log" 2>&1 || {
  installed_by_us=1
  die "dpkg -i failed: $(tail -n 20 "$TMP/dpkg.log")"
}
installed_by_us=1
pass "dpkg -i installs the package"
FILES=(/usr/bin/mytokend /usr/bin/mytoken /usr/share/man/man8/mytokend.8.gz /usr/share/man/man1/mytoken.1.gz
  /usr/share/bash-completion/completions/mytoken /usr/share/zsh/vendor-completions/_mytoken
  /lib/systemd/system/mytokend.service /etc/mytoken/config.yaml /usr/share/doc/mytoken/packaging.md)
for f in "${FILES[@]}"; do expect_true "installed: $f" test -e "$f"; done
expect_eq "$(/usr/bin/mytokend --version)" "$("$MYTOKEND" --version)" "the installed mytokend is the one built"
expect_true "the man page renders" bash -c 'man -l /usr/share/man/man8/mytokend.8.gz 2>/dev/null | grep -q SIGHUP'
expect_true "the mytoken system user exists" getent passwd mytoken >/dev/null
expect_match "$(getent passwd mytoken | cut -d: -f3)" '^[0-9]{1,3}$' "mytoken is a system user (uid < 1000)"
expect_eq "$(getent passwd mytoken | cut -d: -f7)" /usr/sbin/nologin "mytoken has no login shell"
expect_eq "$(stat -c '%U:%G %a' /var/lib/mytoken)" "mytoken:mytoken 750" "/var/lib/mytoken: mytoken's, 0750"
expect_eq "$(stat -c '%U:%G %a' /etc/mytoken/config.yaml)" "root:mytoken 640" "config.yaml: root:mytoken 0640"
expect_true "the packaged config uses /var/lib/mytoken" grep -q '"/var/lib/mytoken/mytoken.db"' /etc/mytoken/config.yaml
if out=$(systemd-analyze verify /lib/systemd/system/mytokend.service 2>&1); then
  expect_eq "$out" "" "systemd-analyze verify: the installed unit has no findings"
else
  fail "systemd-analyze verify accepts the installed unit" "$out"
fi

# --- run the installed server with its packaged config, pointed at the test OP ---
start_op
ADMIN_PORT=$(free_port)
root python3 - "$ISS" "$MT_PORT" "$OP" "$ADMIN_PORT" <<'PY'
import re, sys
iss, port, op, admin_port = sys.argv[1:]
path = "/etc/mytoken/config.yaml"
text = open(path).read()
text = re.sub(r'(?m)^issuer: .*$', f'issuer: "{iss}"', text)
# server.listen and admin.listen: the first "  listen:" below each of the two keys
for section, value in (("server", port), ("admin", admin_port)):
    text, n = re.subn(rf'(?m)^({section}:\n(?:[ #].*\n)*?)  listen: .*$', rf'\g<1>  listen: "127.0.0.1:{value}"', text)
    assert n == 1, f"no {section}.listen in the packaged config"
text = re.sub(r'(?m)^    polling_interval: \d+', '    polling_interval: 1', text)
# The providers block (up to the next top-level key) becomes the test OP; other sections stay as packaged.
ours = f"""providers:
  - issuer: "{op}"
    name: "Dev OP"
    client_id: mytoken-test
    client_secret: mytoken-test-secret
    scopes: [openid, profile, email, offline_access]
"""
text, n = re.subn(r'(?m)^providers:\n(?:(?:[ #].*)?\n)*', lambda _: ours, text + "\n")
assert n == 1, "no providers block in the packaged config"
open(path, "w").write(text)
PY
# setpriv execs (no forked parent in between), so MT_PID is mytokend itself (or sudo, which passes signals on).
# Not through root(): a backgrounded function is a subshell, whose pid would be MT_PID.
"${as_root[@]}" setpriv --reuid=mytoken --regid=mytoken --init-groups --inh-caps=-all /usr/bin/mytokend \
  >>"$TMP/mytokend.log" 2>&1 </dev/null &
MT_PID=$!
wait_until_serving "$MT_PID" "$ISS" "$TMP/mytokend.log"
expect_eq "$(ps -o user= -p "$MT_PID")" mytoken "the installed mytokend runs as user mytoken"
mt=$(login_mytoken '{"name":"package-test"}')
at_request "$mt"
expect_status 200 "installed server: AT request -> 200"
expect_true "installed server: the access token is one the OP issued" op_issued "$(jget .access_token)"
at=$(/usr/bin/mytoken AT --MT "$mt" 2>"$TMP/cli.err") || true
expect_true "installed client: mytoken AT prints an access token the OP issued" op_issued "$at"
expect_eq "$(curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/health/ready")" '{"status":"ok"}' \
  "installed server: the admin listener answers /health/ready"
/usr/bin/mytokend check-config --config /etc/mytoken/config.yaml >"$TMP/check-config.out" 2>&1 || true
expect_contains "$(cat "$TMP/check-config.out")" "is valid" "installed server: mytokend check-config accepts the packaged config"
for f in mytoken.db signing-key.pem pepper; do
  expect_eq "$(stat -c '%U %a' "/var/lib/mytoken/$f" 2>&1)" "mytoken 600" "state: /var/lib/mytoken/$f is mytoken's, 0600"
done
kill -TERM "$MT_PID"
status=0
wait "$MT_PID" || status=$?
MT_PID=""
expect_eq "$status" 0 "installed server: SIGTERM -> exit 0"
# Admin commands run as root on the stopped server's database leave nothing the server (user mytoken) can't open.
root /usr/bin/mytokend check-config --config /etc/mytoken/config.yaml >>"$TMP/check-config.out" 2>&1 || true
root /usr/bin/mytokend backup "$TMP/package-backup.db" --config /etc/mytoken/config.yaml >>"$TMP/check-config.out" 2>&1 || true
root /usr/bin/mytokend keys rotate --config /etc/mytoken/config.yaml >>"$TMP/check-config.out" 2>&1 || true
expect_true "root's backup of the installed database exists" test -s "$TMP/package-backup.db"
expect_eq "$(find /var/lib/mytoken/verification-keys -name 'ES512-*.pem' 2>/dev/null | wc -l)" 1 "root's keys rotate kept the old key"
expect_eq "$(find /var/lib/mytoken ! -user mytoken | wc -l)" 0 \
  "admin commands run as root (check-config, backup, keys rotate) leave nothing in /var/lib/mytoken that root owns"

# --- purge ---
root dpkg --purge mytoken >>"$TMP/dpkg.log" 2>&1 && installed_by_us=0
expect_eq "$installed_by_us" 0 "dpkg --purge removes the package"
for f in "${FILES[@]}" /var/lib/mytoken /var/log/mytoken /etc/mytoken; do
  expect_true "purged: $f is gone" test ! -e "$f"
done
expect_true "purged: the mytoken user is gone" bash -c '! getent passwd mytoken'
expect_true "purged: the mytoken group is gone" bash -c '! getent group mytoken'
finish
