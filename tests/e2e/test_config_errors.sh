#!/usr/bin/env bash
# Start-up with a bad configuration (issue "mytokend core"): one clear line naming the key, exit code != 0,
# nothing listening. Also: first start generates the signing key and server secret with mode 0600.
source "$(dirname "$0")/lib.sh"

# run_config NAME: runs mytokend on $TMP/NAME.yaml; sets RC and OUT (its stderr).
run_config() {
  set +e
  OUT=$(timeout 20 "$MYTOKEND" --config "$TMP/$1.yaml" 2>&1 </dev/null)
  RC=$?
  set -e
}
# bad_config NAME EXPECTED-TEXT YAML: the server refuses to start with a message containing EXPECTED-TEXT.
bad_config() {
  printf '%s\n' "$3" >"$TMP/$1.yaml"
  run_config "$1"
  expect_true "$1: exits non-zero (got $RC)" test "$RC" -ne 0 -a "$RC" -ne 124
  expect_contains "$OUT" "$2" "$1: the message names the problem"
  expect_eq "$(wc -l <<<"$OUT")" 1 "$1: one line"
}

provider='providers:
  - {issuer: "http://127.0.0.1:9", client_id: c, client_secret: s, scopes: [openid]}'
bad_config no_issuer "'issuer'" "$provider"
bad_config no_providers "'providers'" 'issuer: "http://127.0.0.1:9"'
bad_config no_client_id "'providers[0].client_id'" 'issuer: "http://127.0.0.1:9"
providers:
  - {issuer: "http://127.0.0.1:9", client_secret: s, scopes: [openid]}'
bad_config bad_port "'server.listen'" "issuer: \"http://127.0.0.1:9\"
server: {listen: \"127.0.0.1:notaport\"}
$provider"
bad_config bad_alg "'signing.mytoken.alg'" "issuer: \"http://127.0.0.1:9\"
signing: {mytoken: {alg: HS256}}
$provider"
bad_config bad_backend "'database.backend'" "issuer: \"http://127.0.0.1:9\"
database: {backend: mongodb}
$provider"
bad_config not_yaml "config" 'issuer: [unclosed'
bad_config bad_reuse "'providers[0].access_token_reuse.min_lifetime'" 'issuer: "http://127.0.0.1:9"
providers:
  - {issuer: "http://127.0.0.1:9", client_id: c, client_secret: s, scopes: [openid],
     access_token_reuse: {enabled: true, min_lifetime: -1}}'
bad_config bad_cache "'server.verified_token_cache'" "issuer: \"http://127.0.0.1:9\"
server: {verified_token_cache: many}
$provider"
set +e
OUT=$("$MYTOKEND" --config "$TMP/does-not-exist.yaml" 2>&1 </dev/null)
RC=$?
set -e
expect_true "a missing config file exits non-zero" test "$RC" -ne 0
expect_contains "$OUT" "does-not-exist.yaml" "the message names the missing file"

# A good configuration: the keys are generated on first start with mode 0600.
start_op
start_mytokend
expect_eq "$(stat -c %a "$TMP/signing-key.pem")" 600 "signing key generated with mode 600"
expect_eq "$(stat -c %a "$TMP/pepper")" 600 "server secret generated with mode 600"
api_get /.well-known/mytoken-configuration
expect_status 200 "the server with a good configuration answers"
finish
