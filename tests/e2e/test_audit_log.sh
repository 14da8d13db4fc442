#!/usr/bin/env bash
# The audit log (docs/audit.md): one JSON line per security event — login, token delivery, sub-token, AT, transfer
# code, rotation, reuse detection, restriction refusal, rate limit, each revocation path — naming the token by
# its mom_id, the user by iss/sub (a keyed hash with audit.hash_users) and the client address; and no token,
# code, OIDC state or client secret of the run in any file the run wrote (the database: test_secrets_at_rest).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
AUDIT=$TMP/audit.log
write_mytokend_config
# Three unknown codes per client and window, so the fourth guess is rate limited (done last).
sed -i 's/^  polling_codes: .*/&\n  code_rate_limits: {enabled: true, window: 300, misses_per_ip: 3}/' "$MT_CONFIG"
printf 'audit:\n  enabled: true\n  output: "audit.log"\n  hash_users: false\n' >>"$MT_CONFIG"
start_all
ALL='["AT","tokeninfo","create_mytoken","manage_mytokens"]'

# audit_line EVENT MOM_ID: the last audit line of that event and token (empty if none).
audit_line() { jq -c --arg e "$1" --arg m "$2" 'select(.event == $e and (.mom_id // "") == $m)' "$AUDIT" 2>/dev/null | tail -n1; }
# expect_audit EVENT MOM_ID MESSAGE [DETAIL-SUBSTRING]: such a line exists, from 127.0.0.1, for the dev OP's user.
expect_audit() {
  local line
  line=$(audit_line "$1" "$2")
  expect_ne "$line" "" "audit: $3 ($1)"
  [[ -n $line ]] || return 0
  expect_eq "$(jget .ip "$line")" 127.0.0.1 "audit: $3 comes from 127.0.0.1"
  if [[ -n $2 ]]; then expect_eq "$(jget .iss "$line")" "$OP" "audit: $3 names the user's issuer"; fi
  if [[ -n ${4-} ]]; then expect_contains "$(jget .detail "$line")" "$4" "audit: $3 says '$4'"; fi
}
remember_body_tokens() { # every token or code an answer carried
  local v
  for v in $(jget '[.. | objects | (.mytoken?, .access_token?, .transfer_code?, .refresh_token?) | strings] | .[]'); do
    remember_secret "$v"
  done
}

# --- login (authorization code flow, delivered to the polling code) and an access token ---
mt=$(login_mytoken "{\"name\":\"audited\",\"capabilities\":$ALL}")
mt_id=$(mom_id_of "$mt")
expect_eq "$(jget .mom_id "$(last_login_response)")" "$mt_id" "the polling answer's mom_id is the jti-derived one"
expect_audit login "$mt_id" "the login" "authorization code"
expect_audit token_delivered "$mt_id" "the polling delivery" "polling code"
raw_sub=$(jget .sub "$(audit_line login "$mt_id")")
expect_ne "$raw_sub" "" "the login names the user's subject"
at_request "$mt"
expect_status 200 "AT"
remember_body_tokens
expect_audit at_issued "$mt_id" "the access token" "scope"

# --- a sub-token with one AT use: the second use is refused by its restriction ---
subtoken "$mt" '{"capabilities":["AT"],"restrictions":[{"usages_AT":1}]}'
expect_status 200 "sub-token"
remember_body_tokens
child=$(jget .mytoken)
child_id=$(mom_id_of "$child")
expect_audit token_created "$child_id" "the sub-token" "parent $mt_id"
at_request "$child"
expect_status 200 "the sub-token's one AT"
remember_body_tokens
at_request "$child"
expect_error 403 usage_restricted
expect_audit restriction_refused "$child_id" "the refused second AT" "usages_AT"

# --- a transfer code, exchanged ---
api_post /api/v0/token/transfer "$(jq -nc --arg t "$mt" '{mytoken: $t}')"
expect_status 200 "transfer code"
code=$(jget .transfer_code)
remember_secret "$code"
expect_audit transfer_code_created "$mt_id" "the transfer code"
api_post /api/v0/token/my "$(jq -nc --arg c "$code" '{grant_type: "transfer_code", transfer_code: $c}')"
expect_status 200 "transfer code exchanged"
remember_body_tokens
expect_audit token_delivered "$mt_id" "the exchange" "transfer code"

# --- rotation, then reuse of the superseded token (auto_revoke) ---
rot=$(login_mytoken '{"rotation":{"on_AT":true,"auto_revoke":true}}')
rot_id=$(mom_id_of "$rot")
at_request "$rot"
expect_status 200 "AT with a rotating token"
remember_body_tokens
rotated=$(jget .token_update.mytoken)
expect_ne "$rotated" "" "the AT answer carries the rotated token"
expect_audit rotated "$rot_id" "the rotation" "access token"
at_request "$rot"
expect_error 401 invalid_token
expect_audit reuse_detected "$rot_id" "the reuse of the superseded token" "revoked"
at_request "$rotated"
expect_error 401 invalid_token

# --- revocation: the endpoint (recursive) and by mom_id ---
subtoken "$mt" '{"capabilities":["AT"]}'
remember_body_tokens
gone=$(jget .mytoken)
subtoken "$mt" '{"capabilities":["AT"]}'
remember_body_tokens
gone_by_id=$(jget .mytoken)
api_post /api/v0/token/revoke "$(jq -nc --arg t "$gone" '{token: $t, recursive: true}')"
expect_status 204 "revocation endpoint"
expect_audit revoked "$(mom_id_of "$gone")" "the revocation" "revocation endpoint, recursive"
revoke_mom_id "$mt" "$(mom_id_of "$gone_by_id")"
expect_status 204 "revocation by mom_id"
expect_audit revoked "$(mom_id_of "$gone_by_id")" "the revocation by mom_id" "by mom_id, authorised by $mt_id"

# --- guessing transfer codes: the fourth unknown code is rate limited ---
for guess in AAAAaaaa BBBBbbbb CCCCcccc DDDDdddd; do
  api_post /api/v0/token/my "$(jq -nc --arg c "$guess" '{grant_type: "transfer_code", transfer_code: $c}')"
done
expect_status 429 "the fourth guess"
expect_audit rate_limited "" "the rate-limited guess" "transfer code guessing limit"

# --- every line: valid JSON with the documented fields only, from 127.0.0.1 ---
n_lines=$(wc -l <"$AUDIT")
expect_true "the audit log has lines ($n_lines)" test "$n_lines" -ge 14
expect_eq "$(jq -c . "$AUDIT" 2>/dev/null | wc -l)" "$n_lines" "every audit line is one JSON object"
expect_eq "$(jq -c 'keys - ["time","event","mom_id","iss","sub","ip","detail"] | select(length > 0)' "$AUDIT" | wc -l)" 0 \
  "audit lines have only the documented fields"
expect_eq "$(jq -r 'select(.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$") | not)' "$AUDIT" | wc -l)" 0 \
  "every time is RFC 3339 UTC with milliseconds"
expect_eq "$(jq -r 'select(.ip != "127.0.0.1")' "$AUDIT" | wc -l)" 0 "every line names the client 127.0.0.1"
expect_eq "$(grep -c '"event"' "$TMP/mytokend.log" || true)" 0 "audit lines go to the audit file, not the server log"

# --- audit.hash_users: the subject becomes a keyed hash, the same for every line of the user ---
stop_mytokend
sed -i 's/^  hash_users: false/  hash_users: true/' "$MT_CONFIG"
start_mytokend
at_request "$mt"
expect_status 200 "AT after the restart"
remember_body_tokens
at_request "$mt"
remember_body_tokens
hashed=$(jq -r --arg m "$mt_id" 'select(.event == "at_issued" and .mom_id == $m) | .sub' "$AUDIT" | tail -n2 | sort -u)
expect_eq "$(wc -l <<<"$hashed")" 1 "one pseudonym for the user"
expect_ne "$hashed" "$raw_sub" "with hash_users the subject is not in the log"
expect_eq "$(grep -cF -- "\"$raw_sub\"" <(tail -n2 "$AUDIT") || true)" 0 "the raw subject is in no hashed line"
stop_mytokend

# --- audit.output: journal — the lines go to stderr (lib.sh collects stdout and stderr in mytokend.log) ---
sed -i 's/^  output: "audit.log"/  output: journal/' "$MT_CONFIG"
start_mytokend
at_request "$mt"
expect_status 200 "AT with the journal output"
remember_body_tokens
stop_mytokend
journal_line=$(grep -a '^{"time"' "$TMP/mytokend.log" | jq -c --arg m "$mt_id" 'select(.event == "at_issued" and .mom_id == $m)' | tail -n1)
expect_ne "$journal_line" "" "with output journal the audit line is in the server output"

# --- no secret in anything the run wrote (the database files: test_secrets_at_rest.sh) ---
cat "$OP_TOKEN_LOG" >>"$SECRETS"
remember_secret mytoken-test-secret # the OP client secret
sort -u -o "$SECRETS" "$SECRETS"
expect_true "there are secrets to look for ($(wc -l <"$SECRETS"))" test "$(wc -l <"$SECRETS")" -ge 20
# Not checked: the test's own records of what it saw (lib.sh's secrets, OP token log, login answers, and its
# curl captures .body/.headers of the last response) and the config, which must hold the client secret.
mapfile -t files < <(find "$TMP" -type f ! -name 'mytoken.db*' ! -name secrets.txt ! -name op-tokens.log \
  ! -name 'login.*' ! -name results ! -name mytokend.yaml ! -name '.*' | sort)
expect_true "files to check: ${files[*]##*/}" test "${#files[@]}" -ge 3
leaks=0
while IFS= read -r s; do
  [[ -n $s ]] || continue
  b64=$(printf %s "$s" | base64 -w0)
  for f in "${files[@]}"; do
    if grep -aqF -- "$s" "$f" || grep -aqF -- "$b64" "$f"; then
      leaks=$((leaks + 1))
      say "     leak in ${f##*/}: ${s:0:12}…"
    fi
  done
done <"$SECRETS"
expect_eq "$leaks" 0 "no secret in the audit log, the server log or any other file ($(wc -l <"$SECRETS") secrets × ${#files[@]} files)"

finish
