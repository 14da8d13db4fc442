#!/usr/bin/env bash
# Installs everything the build and the tests need on Debian 12 (bookworm); idempotent and non-interactive.
# Runs apt only when a package is missing (so reruns are fast), checks Node.js >= 20.18 and runs `npm ci` in
# dev/op when its node_modules are missing or older than package-lock.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# chromium: the browser tests of the HTML pages (tests/browser, driven by playwright-core from npm).
# libsystemd-dev: sd_notify for the systemd unit (docs/packaging.md); dpkg-dev (in build-essential) runs
# dpkg-shlibdeps for scripts/package-deb.sh.
# clang, libclang-rt-14-dev (ASan/UBSan/TSan/libFuzzer runtimes) and llvm (llvm-symbolizer for readable
# reports): scripts/sanitize.sh and scripts/fuzz.
# python3-prometheus-client: tests/e2e/test_metrics.sh parses /metrics with the reference parser (tests only).
# systemd (systemd-analyze verify), adduser (the package's maintainer scripts), man-db, util-linux (setpriv):
# tests/e2e/test_package.sh and test_systemd_notify.sh; usually present on Debian, listed so CI never assumes it.
packages=(
  build-essential cmake ninja-build ccache pkg-config git curl jq ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libsodium-dev libcurl4-openssl-dev
  libsqlite3-dev libsqlitecpp-dev libpq-dev libcli11-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libmaxminddb-dev libqrencode-dev libgtest-dev libbenchmark-dev libsystemd-dev
  clang-format clang-tidy sqlite3 mmdb-bin libmaxmind-db-writer-perl postgresql nginx wrk zsh
  clang libclang-rt-14-dev llvm
  chromium
  python3-prometheus-client systemd adduser man-db util-linux
)

# One dpkg-query for all: installed packages print "name ii"; unknown ones only an error (ignored).
declare -A installed=()
while read -r name status; do
  if [[ $status == ii* ]]; then installed[$name]=1; fi
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for p in "${packages[@]}"; do
  [[ -n ${installed[$p]-} ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# oidc-provider 9 (dev/op) needs Node.js >= 20.18 (URL.parse, crypto.hash); Debian 12's nodejs is 18.
node_version=$(node --version 2>/dev/null || true)
if ! [[ $node_version =~ ^v([0-9]+)\.([0-9]+) ]] ||
  ((BASH_REMATCH[1] < 20 || (BASH_REMATCH[1] == 20 && BASH_REMATCH[2] < 18))); then
  cat >&2 <<MSG
setup: Node.js >= 20.18 with npm is required for the dev OpenID provider (dev/op); found: ${node_version:-none}.
Debian 12's own nodejs package (18.x) is too old. Install Node.js 20 or 22 LTS from a source your machine
trusts, e.g. the NodeSource apt repository (https://github.com/nodesource/distributions) or the official
binaries (https://nodejs.org/en/download), make sure \`node\` and \`npm\` are on PATH, and run this again.
MSG
  exit 1
fi
command -v npm >/dev/null || { echo "setup: npm is missing (it comes with Node.js)" >&2; exit 1; }

# npm ci only when node_modules does not match package-lock.json (stamp = hash of the lock file):
# dev/op (the OpenID provider of the tests), tests/browser (playwright-core driving Debian's chromium).
for dir in "$root/dev/op" "$root/tests/browser"; do
  stamp=$dir/node_modules/.setup-lock-hash
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ $(cat "$stamp" 2>/dev/null) != "$want" ]]; then
    echo "setup: npm ci in ${dir#"$root"/}" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    echo "$want" >"$stamp"
  fi
done
