#!/usr/bin/env bash
# Secrets at rest (design §4 "Secrets at rest", "Logs"): after logins and access token requests, none of the
# OP's tokens, the mytokens, polling codes, consent codes, OIDC states or authorization codes appear in
# mytokend's SQLite files or its log — raw, base64 or hex — and the key files are private.
source "$(dirname "$0")/lib.sh"
start_all
STORAGE=https://storage.example.org

mt=$(login_mytoken '{"name":"secret keeper"}')
mt_aud=$(login_mytoken "{\"restrictions\":[{\"audience\":[\"$STORAGE\"],\"usages_AT\":10}],\"capabilities\":[\"AT\",\"tokeninfo\"]}")
at_request "$mt"
expect_status 200 "AT (JSON)"
api_post_form /api/v0/token/access grant_type=refresh_token "refresh_token=$mt" scope=storage.read
expect_status 200 "AT (form, scope)"
api_post /api/v0/token/access "{\"grant_type\":\"mytoken\",\"audience\":\"$STORAGE\"}" -H "Authorization: Bearer $mt_aud"
expect_status 200 "AT (Bearer, audience)"
api_post /api/v0/tokeninfo "{\"action\":\"introspect\",\"mytoken\":\"$mt_aud\"}"
expect_status 200 "introspect"
# a declined login and an abandoned one leave their codes behind as well
start_login '{}'
api_post "$LOGIN_CONSENT_URI" ''
expect_status 278 "declined consent"
start_login '{}'
approve_consent
remember_secret "$(url_param state "$LOGIN_AUTH_URI")" # the OIDC state of a pending login

# Short tokens and transfer codes (spec §4.5, §4.6): stored only as keyed hashes plus ciphertexts (design §4).
# A rotating short token leaves a stale row behind; a live and an exchanged transfer code; a new token issued as a
# transfer code and never collected.
login_mytoken '{"response_type":"short_token","rotation":{"on_AT":true}}' >/dev/null
short=$(jget .mytoken "$(last_login_response)")
remember_secret "$short"
expect_eq "$(jget .mytoken_type "$(last_login_response)")" short_token "a short token to look for"
at_request "$short"
expect_status 200 "AT with the short token"
remember_secret "$(jget .token_update.mytoken)"
api_post /api/v0/token/transfer "$(jq -nc --arg t "$mt" '{mytoken: $t}')"
expect_status 200 "transfer code (left unused)"
remember_secret "$(jget .transfer_code)"
api_post /api/v0/token/transfer '{}' -H "Authorization: Bearer $mt_aud"
expect_status 200 "transfer code (exchanged)"
used_code=$(jget .transfer_code)
remember_secret "$used_code"
api_post /api/v0/token/my "{\"grant_type\":\"transfer_code\",\"transfer_code\":\"$used_code\"}"
expect_status 200 "transfer code exchanged"
start_login '{"response_type":"transfer_code"}'
approve_consent
node "$OP_DIR/login.mjs" --follow "$LOGIN_AUTH_URI" >/dev/null || die "login for a transfer-code token failed"
for _ in $(seq 1 30); do
  poll_login
  [[ $STATUS == 428 || $(jget .error) == slow_down ]] || break
  sleep "$LOGIN_INTERVAL"
done
expect_json_eq .mytoken_type transfer_code "a new token issued as a transfer code"
remember_secret "$(jget .transfer_code)"

# What to look for: everything the OP issued, plus what the tests saw (lib.sh's remember_secret).
cat "$OP_TOKEN_LOG" >>"$SECRETS"
sort -u -o "$SECRETS" "$SECRETS"
n_op=$(sort -u "$OP_TOKEN_LOG" | wc -l)
expect_true "the OP issued tokens to look for ($n_op)" test "$n_op" -ge 8
expect_true "there are mytokens and codes to look for ($(wc -l <"$SECRETS") in all)" test "$(wc -l <"$SECRETS")" -ge $((n_op + 8))

db=$TMP/mytoken.db
expect_true "the database is a SQLite file with tables" test "$(sqlite3 "$db" 'select count(*) from sqlite_master' 2>/dev/null || echo 0)" -gt 0
expect_true "mytokend logged requests" test -s "$TMP/mytokend.log"

# check_files LABEL FILE...: no secret occurs in the files raw or base64-encoded; not in the SQL dump as hex.
check_files() {
  local label=$1 leaks=0 s b64 hex f found
  shift
  while IFS= read -r s; do
    [[ -n $s ]] || continue
    b64=$(printf %s "$s" | base64 -w0)
    hex=$(printf %s "$s" | od -An -tx1 | tr -d ' \n')
    for f in "$@"; do
      [[ -f $f ]] || continue
      found=""
      if grep -aqF -- "$s" "$f"; then found=raw; elif grep -aqF -- "$b64" "$f"; then found=base64; fi
      if [[ -n $found ]]; then
        leaks=$((leaks + 1))
        say "     leak ($found) in ${f##*/}: ${s:0:24}… ($(grep -acF -- "${s}" "$f" || true) raw lines)"
      fi
    done
    if [[ $label == database* ]] && grep -qiF -- "$hex" "$TMP/dump.sql"; then
      leaks=$((leaks + 1))
      say "     leak (hex) in the SQL dump: ${s:0:24}…"
    fi
  done <"$SECRETS"
  expect_eq "$leaks" 0 "no secret in the $label ($(wc -l <"$SECRETS") secrets × $# files)"
}
db_files=("$db" "$db-wal" "$db-shm" "$db-journal")
sqlite3 "$db" .dump >"$TMP/dump.sql" 2>/dev/null || true
check_files database "${db_files[@]}"
check_files log "$TMP/mytokend.log"
expect_eq "$(grep -c mytoken-test-secret "$TMP/mytokend.log" || true)" 0 "the OP client secret is not logged"

# Again after a clean shutdown, when the WAL has been checkpointed into the main file.
stop_mytokend
sqlite3 "$db" .dump >"$TMP/dump.sql" 2>/dev/null || true
check_files "database after shutdown" "${db_files[@]}"
check_files "log after shutdown" "$TMP/mytokend.log"

for f in signing-key.pem pepper; do
  expect_true "$f exists" test -s "$TMP/$f"
  expect_eq "$(stat -c %a "$TMP/$f" 2>/dev/null)" 600 "$f has mode 600"
done

finish
