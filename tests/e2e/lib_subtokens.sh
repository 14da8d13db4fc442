# shellcheck shell=bash
# Helpers for the sub-token, restriction, tokeninfo and revocation tests; sourced after lib.sh.

# subtoken MYTOKEN [JSON-OVERRIDES]: POST API/token/my {grant_type mytoken, mytoken} + overrides (spec §5.5).
subtoken() {
  api_post /api/v0/token/my "$(jq -nc --arg mt "$1" --argjson o "${2:-"{}"}" '{grant_type: "mytoken", mytoken: $mt} + $o')"
}
# new_subtoken MYTOKEN [JSON-OVERRIDES]: prints the sub-token's mytoken; dies unless the request answers 200.
new_subtoken() {
  subtoken "$@"
  [[ $STATUS == 200 ]] || die "sub-token request failed: $(last_request_context)"
  local mt
  mt=$(jget .mytoken)
  remember_secret "$mt"
  printf '%s\n' "$mt"
}
# tokeninfo ACTION MYTOKEN [JSON-OVERRIDES]: POST API/tokeninfo {action, mytoken} + overrides (spec §10).
tokeninfo() {
  api_post /api/v0/tokeninfo "$(jq -nc --arg a "$1" --arg mt "$2" --argjson o "${3:-"{}"}" '{action: $a, mytoken: $mt} + $o')"
}
# revoke_mom_id MYTOKEN MOM_ID [JSON-OVERRIDES]: POST API/token/revoke {token, mom_id} + overrides (spec §11 B).
revoke_mom_id() {
  api_post /api/v0/token/revoke "$(jq -nc --arg t "$1" --arg id "$2" --argjson o "${3:-"{}"}" '{token: $t, mom_id: $id} + $o')"
}
mom_id_of() { jwt_payload "$1" | jq -r .jti | mom_id_of_jti; }
# spec §4.2: base64std(SHA-512(16 raw UUID bytes))
mom_id_of_jti() { tr -d '\n-' | xxd -r -p | openssl dgst -sha512 -binary | base64 -w0; }
claims() { jwt_payload "$1"; }
# db_count SQL: a number from the test's SQLite database (only to prove that nothing was stored).
db_count() { sqlite3 "$TMP/mytoken.db" "$1"; }
# login_as USER [JSON-OVERRIDES]: like login_mytoken, as another user of the dev OP.
login_as() {
  local user=$1
  start_login "${2:-"{}"}"
  approve_consent
  complete_login --user "$user"
  printf '%s\n' "$MYTOKEN"
}
