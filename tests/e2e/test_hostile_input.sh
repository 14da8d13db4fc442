#!/usr/bin/env bash
# Hostile request bodies and tokens (issue 4 item 2; docs/security-tests.md): one table of malformed, oversized,
# deeply nested and mistyped bodies for every endpoint, numbers out of range, invalid UTF-8, duplicate keys,
# replayed codes, and a table of forged, truncated and re-signed mytokens (alg none, HS256 with the public key,
# another key with the server's kid, kid tricks, embedded jwk). Every case gets the documented error object
# (spec §1.5, §15) with its status; after the battery the server still serves and the database is unchanged
# (integrity check, and every table's row count and content; the code guessing counters excepted).
# shellcheck disable=SC2317 # the body generators below are called by name from the case table
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_consistency.sh"

write_mytokend_config
# The battery presents many unknown codes on purpose: keep the guessing limit (tested in test_transfer_codes.sh)
# out of the way, so that every answer is the one for the case and not 429.
sed -i '/^features:$/a\  code_rate_limits: {misses_per_ip: 100000, misses_total: 100000}' "$MT_CONFIG"
start_all

# --- fixtures, made before the "unchanged" snapshot ---
login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken","manage_mytokens"]}' >/dev/null # sets LOGIN_*
mt=$MYTOKEN
used_polling_code=$LOGIN_POLLING_CODE
used_consent_code=${LOGIN_CONSENT_URI##*/}
used_state=$(url_param state "$LOGIN_REDIRECT")
victim=$(login_mytoken '{"name":"must survive every revocation attempt"}')
api_post /api/v0/token/transfer "$(jq -nc --arg mt "$mt" '{mytoken: $mt}')"
used_transfer_code=$(jget .transfer_code)
api_post /api/v0/token/my "$(jq -nc --arg c "$used_transfer_code" '{grant_type: "transfer_code", transfer_code: $c}')"
expect_status 200 "fixture: a transfer code, exchanged once"
start_login '{}' # a pending login whose consent page the battery posts bad bodies to
pending_consent_code=${LOGIN_CONSENT_URI##*/}
at_request "$mt"
expect_status 200 "control: the mytoken works before the battery"

before=$(db_fingerprint rate_limits)

# --- the request battery -----------------------------------------------------------------------------------------
# One case per line: STATUS ERROR | PATH | KIND | BODY
#   KIND json: BODY is a jq program (variables $mt $op $victim $pc $tc $mom_id) sent as application/json;
#   raw: BODY through printf %b, as application/json; form: BODY through printf %b, as a form;
#   ctype=TYPE: BODY through printf %b with that Content-Type; gen: BODY is the name of a function printing it.
#   PATH may hold {consent}: the pending login's consent code.
# ERROR "html": a browser endpoint's HTML error page (spec §15, last line); "empty": no body (204).
SUB='{grant_type: "mytoken", mytoken: $mt}'
big_body() { head -c 102400 /dev/zero | tr '\0' x | jq -Rc '{grant_type: "oidc_flow", pad: .}'; }
nested_arrays_100k() { printf '%0.s[' {1..100000}; }
nested_arrays_60k() { printf '%0.s[' {1..60000}; }
nested_objects() { printf '%0.s{"a":' {1..5000}; printf 1; printf '%0.s}' {1..5000}; }
nested_in_field() { printf '{"grant_type":"mytoken","mytoken":"%s","restrictions":' "$mt"; printf '%0.s[' {1..40}; printf '%0.s]' {1..40}; printf '}'; }
huge_top_array() { printf '['; seq -s, 1 12000; printf ']'; }
huge_number_array() { printf '{"grant_type":"mytoken","mytoken":"%s","capabilities":[' "$mt"; seq -s, 1 9000; printf ']}'; }
huge_clause_list() { # 2,500 valid clauses, then one bad one: the whole request is refused, nothing is stored
  printf '{"grant_type":"mytoken","mytoken":"%s","restrictions":[' "$mt"
  printf '{"usages_AT":%d},' $(seq 1 2500)
  printf '{"exp":"soon"}]}'
}
huge_mom_ids() { jq -nc --arg mt "$mt" '{action: "event_history", mytoken: $mt, mom_ids: [range(3000) | "id\(.)"]}'; }
huge_scope_array() { jq -nc --arg mt "$mt" '{grant_type: "mytoken", mytoken: $mt, scope: [range(8000)]}'; }
CASES=$(
  cat <<'EOF'
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":
400 invalid_request | /api/v0/token/my     | raw   | [{"grant_type":"oidc_flow"}]
400 invalid_request | /api/v0/token/my     | raw   | "oidc_flow"
400 invalid_request | /api/v0/token/my     | raw   | 42
400 invalid_request | /api/v0/token/my     | raw   | true
400 invalid_request | /api/v0/token/my     | raw   | {}{}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken"} trailing
400 invalid_request | /api/v0/token/my     | raw   | {/* comment */"grant_type":"mytoken"}
400 invalid_request | /api/v0/token/my     | raw   | \xef\xbb\xbf{"grant_type":"mytoken"}
400 invalid_request | /api/v0/token/my     | raw   | {'grant_type':'mytoken'}
400 invalid_request | /api/v0/token/my     | raw   | {grant_type:"mytoken"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","max_token_len":NaN}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","max_token_len":Infinity}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","max_token_len":0x10}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","max_token_len":01}
400 invalid_request | /api/v0/token/access | raw   | {"grant_type":"mytoken","mytoken":
400 invalid_request | /api/v0/tokeninfo    | raw   | {"action":"introspect"
413 invalid_request | /api/v0/token/my     | gen   | big_body
413 invalid_request | /api/v0/token/my     | gen   | nested_arrays_100k
400 invalid_request | /api/v0/token/my     | gen   | nested_arrays_60k
400 invalid_request | /api/v0/token/my     | gen   | nested_objects
400 invalid_request | /api/v0/token/my     | gen   | nested_in_field
400 invalid_request | /api/v0/token/my     | gen   | huge_top_array
400 invalid_request | /api/v0/token/my     | gen   | huge_number_array
400 invalid_request | /api/v0/token/my     | gen   | huge_clause_list
403 invalid_grant   | /api/v0/tokeninfo    | gen   | huge_mom_ids
400 invalid_request | /api/v0/token/access | gen   | huge_scope_array
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","name":"\xff\xfe"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","name":"\xc0\xaf"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","name":"\xed\xa0\x80"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","name":"\xe2\x82"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","name":"\\ud800"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","\xff":1}
400 invalid_request | /api/v0/token/access | raw   | {"grant_type":"mytoken","mytoken":"\xf8\x88\x80\x80\x80"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","grant_type":"oidc_flow"}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","grant\\u005ftype":"oidc_flow"}
400 invalid_request | /api/v0/token/access | raw   | {"grant_type":"mytoken","mytoken":"a","mytoken":"b"}
400 invalid_request | /api/v0/tokeninfo    | raw   | {"action":"introspect","action":"subtokens"}
400 invalid_request | /api/v0/token/revoke | raw   | {"token":"a","token":"b"}
400 invalid_request | /api/v0/token/access | ctype=text/plain | {"grant_type":"mytoken"}
400 invalid_request | /api/v0/token/access | ctype=multipart/form-data; boundary=x | --x\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nmytoken\r\n--x--\r\n
400 invalid_request | /api/v0/token/access | form  | grant_type=mytoken&mytoken=%zz
400 invalid_request | /api/v0/token/revoke | form  | token=%
400 invalid_request | /api/v0/token/revoke | form  | token=a&recursive=maybe
401 invalid_token   | /api/v0/token/access | form  | grant_type=mytoken&mytoken=%ff%fe
400 invalid_request | /api/v0/token/my     | form  | grant_type=oidc_flow
400 invalid_request | /api/v0/token/access | form  | grant_type=mytoken&grant_type=mytoken&mytoken=x
400 invalid_request | /api/v0/token/access | form  | grant_type=mytoken&mytoken=a&mytoken=b
400 invalid_request | /api/v0/token/revoke | form  | token=a&token=b
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{exp: 1}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{nbf: 1, exp: 2}]}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "polling_code", polling_code: $pc}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "transfer_code", transfer_code: $tc}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "polling_code", polling_code: ($pc | ascii_downcase)}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "transfer_code", transfer_code: ($tc + " ")}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "transfer_code", transfer_code: "' OR '1'='1"}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "polling_code", polling_code: "%"}
401 invalid_token   | /api/v0/token/my     | json  | {grant_type: "polling_code", polling_code: ""}
404 not_found       | /c/USED_CONSENT      | json  | {oidc_issuer: $op, capabilities: ["AT"]}
400 html            | /redirect?state=USED_STATE&code=x | get |
400 invalid_grant   | /api/v0/token/my     | json  | {}
400 invalid_grant   | /api/v0/token/my     | json  | {grant_type: "password", username: "alice", password: "x"}
400 invalid_grant   | /api/v0/token/my     | json  | {grant_type: "oidc_flow", oidc_flow: "device_code", oidc_issuer: $op}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: "http://127.0.0.1:1"}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: $op, name: ("x" * 101)}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, capabilities: ["not_a_capability"]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{hosts: ["300.1.1.1"]}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{hosts: ["10.0.0.0/33"]}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{hosts: ["*"]}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{geoip_allow: ["DEU"]}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{exp: "2025-13-01 00:00"}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{exp: "+99999999999999999999"}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{exp: "+9223372036854775807"}]}
400 invalid_request | /api/v0/token/my     | json  | {grant_type: "mytoken", mytoken: $mt, restrictions: [{exp: "+1x"}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"exp":1e400}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"exp":-1e400}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"exp":9223372036854775808}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"exp":18446744073709551616}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"exp":-9223372036854775809}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"usages_AT":1e400}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"usages_AT":-1}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","restrictions":[{"usages_other":9223372036854775808}]}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","rotation":{"lifetime":-1}}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","rotation":{"lifetime":1e400}}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"mytoken","max_token_len":-9223372036854775808}
400 invalid_request | /api/v0/token/my     | raw   | {"grant_type":"oidc_flow","oidc_flow":"authorization_code","max_token_len":1e400}
401 invalid_token   | /api/v0/token/access | json  | {grant_type: "mytoken"}
401 invalid_token   | /api/v0/token/access | json  | {grant_type: "mytoken", mytoken: ""}
401 invalid_token   | /api/v0/tokeninfo    | json  | {action: "introspect"}
400 invalid_request | /api/v0/tokeninfo    | json  | {mytoken: $mt}
400 invalid_request | /api/v0/tokeninfo    | json  | {action: "delete_everything", mytoken: $mt}
403 invalid_grant   | /api/v0/tokeninfo    | json  | {action: "event_history", mytoken: $mt, mom_ids: ["../../etc/passwd"]}
403 invalid_grant   | /api/v0/tokeninfo    | json  | {action: "event_history", mytoken: $mt, mom_ids: ["' OR 1=1 --"]}
204 empty           | /api/v0/token/revoke | json  | {token: ($victim + "x")}
204 empty           | /api/v0/token/revoke | json  | {token: "' OR 1=1 --", recursive: true}
204 empty           | /api/v0/token/revoke | json  | {token: $tc, recursive: true}
204 empty           | /api/v0/token/revoke | json  | {token: $pc, recursive: true}
204 empty           | /api/v0/token/revoke | form  | token=%27%20OR%201%3D1%20--
403 insufficient_capabilities | /api/v0/token/revoke | json | {token: $victim, mom_id: $mom_id}
403 insufficient_capabilities | /api/v0/token/revoke | json | {token: $victim, mom_id: $mom_id, recursive: true}
400 invalid_request | /c/{consent}         | raw   | {"oidc_issuer":
400 invalid_request | /c/{consent}         | raw   | {"capabilities":["AT"],"capabilities":["AT","create_mytoken"]}
EOF
)

# The wrong-type matrix: BASE | FIELD (jq path) | wrong values (JSON without spaces, space-separated)
# [| STATUS ERROR, default 400 invalid_request]. Each value is written into the base request of that endpoint.
declare -A BASE=(
  [flow]='/api/v0/token/my|{grant_type: "oidc_flow", oidc_flow: "authorization_code", oidc_issuer: $op}'
  [sub]="/api/v0/token/my|$SUB"
  [poll]='/api/v0/token/my|{grant_type: "polling_code", polling_code: $pc}'
  [xfer]='/api/v0/token/my|{grant_type: "transfer_code", transfer_code: $tc}'
  [at]='/api/v0/token/access|{grant_type: "mytoken", mytoken: $mt}'
  [at_no_mt]='/api/v0/token/access|{grant_type: "mytoken"}'
  [info]='/api/v0/tokeninfo|{action: "introspect", mytoken: $mt}'
  [history]='/api/v0/tokeninfo|{action: "event_history", mytoken: $mt}'
  [revoke]='/api/v0/token/revoke|{token: $victim}'
  [transfer]='/api/v0/token/transfer|{mytoken: $mt}'
  [consent]='/c/{consent}|{oidc_issuer: $op, name: "", capabilities: ["AT"], restrictions: []}'
)
TYPES=$(
  cat <<'EOF'
flow     | .grant_type                  | 5 true {} [] ["oidc_flow"]
flow     | .oidc_flow                   | 5 true {} ["authorization_code"] | 400 invalid_grant
flow     | .oidc_issuer                 | 5 true {} [] ["x"]
flow     | .capabilities                | 5 true {} [] [5] [null] [[]]
flow     | .restrictions                | 5 true "x" [5] [[]] ["x"]
flow     | .rotation                    | 5 true "x" [] {"on_AT":1}
flow     | .name                        | 5 true {} []
flow     | .response_type               | 5 true {} []
flow     | .max_token_len               | "5" true {} [] -1 1.5 9223372036854775808
flow     | .application_name            | 5 true {} []
flow     | .client_type                 | 5 true {} []
sub      | .grant_type                  | 5 true {} ["mytoken"]
sub      | .mytoken                     | 5 true {} [] ["x"]
sub      | .oidc_issuer                 | 5 true {} []
sub      | .name                        | 5 true {} []
sub      | .application_name            | 5 true {} []
sub      | .response_type               | 5 true {} []
sub      | .max_token_len               | "5" true {} [] -1 1.5
sub      | .error_on_restrictions       | 5 "true" {} []
sub      | .capabilities                | 5 true {} [] [5] [[]] [{}]
sub      | .restrictions                | 5 true "x" [5] [[]] [true]
sub      | .restrictions[0].exp         | "soon" true {} [] -1 1.5 "" "+" "+-5" "1e3"
sub      | .restrictions[0].nbf         | "soon" true {} [] -1 1.5 ""
sub      | .restrictions[0].scope       | 5 true {} ["a"]
sub      | .restrictions[0].audience    | 5 true {} [5] [[]]
sub      | .restrictions[0].hosts       | 5 true {} "127.0.0.1" [5] ["not_a_host!"] [""] ["300.1.1.1"] ["10.0.0.0/33"]
sub      | .restrictions[0].ip          | 5 "10.0.0.1" [5]
sub      | .restrictions[0].geoip_allow | 5 "DE" [5] ["1A"] [""]
sub      | .restrictions[0].geoip_disallow | 5 "DE" [5] ["D"]
sub      | .restrictions[0].usages_AT   | "1" true {} [] -1 1.5
sub      | .restrictions[0].usages_other | "1" true {} [] -1 1.5
sub      | .rotation                    | 5 true "x" []
sub      | .rotation.on_AT              | 5 "true" {} []
sub      | .rotation.on_other           | 5 "true" {} []
sub      | .rotation.auto_revoke        | 5 "true" {} []
sub      | .rotation.lifetime           | "1d" true {} [] -1 1.5
poll     | .polling_code                | 5 true {} []
xfer     | .transfer_code               | 5 true {} []
at       | .grant_type                  | 5 true {} ["mytoken"]
at       | .mytoken                     | 5 true {} [] ["x"]
at_no_mt | .refresh_token               | 5 true {} []
at       | .oidc_issuer                 | 5 true {} []
at       | .issuer                      | 5 true {} []
at       | .scope                       | 5 true {} [5] [{}]
at       | .audience                    | 5 true {} [5]
at       | .resource                    | 5 true {} [5]
at       | .comment                     | 5 true {} []
info     | .action                      | 5 true {} ["introspect"]
info     | .mytoken                     | 5 true {} []
history  | .mom_ids                     | 5 true "x" {} [5] [""] [null]
revoke   | .token                       | 5 true {} [] ["x"]
revoke   | .recursive                   | 5 "yes" {} []
revoke   | .oidc_issuer                 | 5 true {} []
revoke   | .mom_id                      | 5 true {} []
transfer | .mytoken                     | 5 true {} []
consent  | .oidc_issuer                 | 5 true {} []
consent  | .name                        | 5 true {} []
consent  | .capabilities                | 5 true {} [] [5]
consent  | .restrictions                | 5 true "x" [5]
consent  | .rotation                    | 5 true "x" []
EOF
)

# The documented error object exactly as mytokend writes it (spec §1.5): {"error":"..."[,"error_description":"..."]}.
ERROR_OBJECT_RE='^\{"error":"([^"\\]*)"(,"error_description":"([^"\\]|\\.)*")?\}$'
error_code_of_body() {
  if [[ $BODY =~ $ERROR_OBJECT_RE ]]; then echo "${BASH_REMATCH[1]}"; else echo "(not an error object)"; fi
}
# expect_error_object STATUS ERROR MESSAGE: like lib.sh's expect_error, without starting jq.
expect_error_object() {
  local got
  got="$STATUS $(error_code_of_body)"
  if [[ $got == "$1 $2" ]]; then pass "$3 -> $1 $2"; else fail "$3 -> $1 $2" "got $got; $(last_request_context)"; fi
}
trim() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$1"; }
mom_id=$(jwt_payload "$mt" | jq -r .jti | tr -d '\n-' | xxd -r -p | openssl dgst -sha512 -binary | base64 -w0)
jq_body() {
  jq -nc --arg mt "$mt" --arg op "$OP" --arg victim "$victim" --arg pc "$used_polling_code" \
    --arg tc "$used_transfer_code" --arg mom_id "$mom_id" "$1"
}
# run_case STATUS ERROR PATH KIND BODY: one request, then its checks.
run_case() {
  local status=$1 error=$2 path=$3 kind=$4 body=$5 file=$TMP/case.body
  path=${path//\{consent\}/$pending_consent_code}
  path=${path//USED_CONSENT/$used_consent_code}
  path=${path//USED_STATE/$used_state}
  case $kind in
    json) jq_body "$body" >"$file" || die "bad jq in case: $body" ;;
    raw | form | ctype=*) printf '%b' "$body" >"$file" ;;
    gen) "$body" >"$file" ;;
    get) : >"$file" ;;
    *) die "unknown case kind $kind" ;;
  esac
  case $kind in
    get) http GET "$path" ;;
    form) http POST "$path" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$file" ;;
    ctype=*) http POST "$path" -H "Content-Type: ${kind#ctype=}" --data-binary "@$file" ;;
    *) http POST "$path" -H 'Content-Type: application/json' --data-binary "@$file" ;;
  esac
  local shown
  shown=$(head -c 160 "$file" | tr -c '[:print:]' '?')
  LAST_REQUEST="${LAST_REQUEST%% *} $path ($kind: $shown)"
  local expectation="$status $error" got
  if [[ $error == html ]]; then
    got="$STATUS (not HTML)"
    if [[ $BODY == *"<html"* ]]; then got="$STATUS html"; fi
  elif [[ $error == empty ]]; then
    got="$STATUS (a body)"
    if [[ -z $BODY ]]; then got="$STATUS empty"; fi
  else
    got="$STATUS $(error_code_of_body)"
  fi
  if [[ $got == "$expectation" ]]; then pass "$LAST_REQUEST -> $expectation"; else
    fail "$LAST_REQUEST -> $expectation" "got $got; $(last_request_context)"
  fi
}

n_cases=0
while IFS='|' read -r expected path kind body; do
  [[ -z $(trim "$expected") ]] && continue
  read -r status error <<<"$expected"
  run_case "$status" "$error" "$(trim "$path")" "$(trim "$kind")" "$(trim "$body")"
  n_cases=$((n_cases + 1))
done <<<"$CASES"

while IFS='|' read -r base field values expected; do
  base=$(trim "$base") field=$(trim "$field")
  [[ -z $base ]] && continue
  read -r status error <<<"${expected:-400 invalid_request}"
  path=${BASE[$base]%%|*} program=${BASE[$base]#*|}
  read -ra list <<<"$values"
  mapfile -t bodies < <(IFS=,; jq_body "[${list[*]}][] as \$v | $program | $field = \$v")
  ((${#bodies[@]} == ${#list[@]})) || die "bad values in the wrong-type table: $base | $field | $values"
  for body in "${bodies[@]}"; do
    run_case "$status" "$error" "$path" raw "${body//\\/\\\\}"
    n_cases=$((n_cases + 1))
  done
done <<<"$TYPES"
say "request battery: $n_cases cases"

# --- forged, truncated and re-signed mytokens (spec §4.3; RFC 8725 §2.1, §3.1) -------------------------------
# Checked at tokeninfo introspection and at the AT endpoint; every one is 401 invalid_token.
key=$TMP/signing-key.pem
other_key=$TMP/attacker-key.pem
openssl ecparam -name secp521r1 -genkey -noout -out "$other_key" 2>/dev/null
api_get /jwks
kid=$(jget '.keys[0].kid')
pub_pem=$(openssl pkey -in "$key" -pubout)
header=$(jwt_header "$mt") claims=$(jwt_payload "$mt")
encode() { printf %s "$1" | jq -c . | tr -d '\n' | b64url_encode; }
sign_with() { # sign_with KEY HEADER CLAIMS
  local input
  input="$(encode "$2").$(encode "$3")"
  printf '%s.%s' "$input" "$(sign_es512 "$1" "$input")"
}
hmac_token() { # hmac_token ALG DIGEST SECRET: header {alg, typ} + claims, HMAC'd with SECRET
  local input
  input="$(encode "{\"alg\":\"$1\",\"typ\":\"MT+JWT\"}").$(encode "$claims")"
  printf '%s.%s' "$input" "$(printf %s "$input" | openssl dgst "-$2" -hmac "$3" -binary | b64url_encode)"
}
jwk_of() { # the attacker's public key as a JWK (for an embedded "jwk" header)
  node -e 'const c=require("node:crypto");const k=c.createPublicKey(require("fs").readFileSync(process.argv[1]));
           console.log(JSON.stringify(k.export({format:"jwk"})))' "$1"
}
sig_of() { cut -d. -f3 <<<"$1"; }
P521_N=01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409 # the order of P-521, 66 bytes
h=$(cut -d. -f1 <<<"$mt") p=$(cut -d. -f2 <<<"$mt") s=$(sig_of "$mt")
with_kid() { jq -c --argjson k "$1" '. + {kid: $k}' <<<"$header"; }
declare -a FORGED=(
  "alg none|$(encode '{"alg":"none","typ":"MT+JWT"}').$(encode "$claims")."
  "alg None with the real signature|$(encode '{"alg":"None","typ":"MT+JWT"}').$p.$s"
  "alg missing|$(encode '{"typ":"MT+JWT"}').$p.$s"
  "alg array|$(encode '{"alg":["ES512"],"typ":"MT+JWT"}').$p.$s"
  "HS256 keyed with the server's public key (PEM)|$(hmac_token HS256 sha256 "$pub_pem")"
  "HS256 keyed with the PEM and its newline|$(hmac_token HS256 sha256 "$pub_pem"$'\n')"
  "HS512 keyed with the server's public key (PEM)|$(hmac_token HS512 sha512 "$pub_pem")"
  "HS256 keyed with the server's JWK|$(hmac_token HS256 sha256 "$(curl -s "$ISS/jwks" | jq -c '.keys[0]')")"
  "ES384 header, re-signed with the server key|$(sign_with "$key" '{"alg":"ES384","typ":"MT+JWT"}' "$claims")"
  "typ JWT, re-signed with the server key|$(sign_with "$key" '{"alg":"ES512","typ":"JWT"}' "$claims")"
  "typ missing, re-signed with the server key|$(sign_with "$key" '{"alg":"ES512"}' "$claims")"
  "crit header, re-signed with the server key|$(sign_with "$key" '{"alg":"ES512","typ":"MT+JWT","crit":["exp"]}' "$claims")"
  "another key with the server's kid|$(sign_with "$other_key" "$(with_kid "\"$kid\"")" "$claims")"
  "another key, kid a path|$(sign_with "$other_key" "$(with_kid '"../../../../../dev/null"')" "$claims")"
  "another key, kid a URL|$(sign_with "$other_key" "$(with_kid '"http://127.0.0.1:1/jwks"')" "$claims")"
  "another key, kid SQL|$(sign_with "$other_key" "$(with_kid "\"' UNION SELECT 'x' --\"")" "$claims")"
  "another key, kid an array|$(sign_with "$other_key" "$(with_kid "[\"$kid\"]")" "$claims")"
  "another key, no kid|$(sign_with "$other_key" "$header" "$claims")"
  "another key, embedded jwk|$(sign_with "$other_key" "$(jq -c --argjson j "$(jwk_of "$other_key")" '. + {jwk: $j}' <<<"$header")" "$claims")"
  "another key, jku|$(sign_with "$other_key" "$(jq -c '. + {jku: "http://127.0.0.1:1/jwks"}' <<<"$header")" "$claims")"
  "tampered claims, original signature|$h.$(encode "$(jq -c '.capabilities += ["create_mytoken"]' <<<"$claims")").$s"
  "no signature|$h.$p."
  "half a signature|$h.$p.${s:0:$((${#s} / 2))}"
  "signature of zeros|$h.$p.$(head -c 132 /dev/zero | b64url_encode)"
  "signature r = s = n (the P-521 group order)|$h.$p.$(printf '%s%s' "$P521_N" "$P521_N" | xxd -r -p | b64url_encode)"
  "header and payload only|$h.$p"
  "header only|$h"
  "four segments|$mt.$s"
  "empty segments|.."
  "padding in base64url|$h=.$p.$s"
  "whitespace inside|${mt:0:40} ${mt:40}"
  "header not JSON|$(printf 'not json' | b64url_encode).$p.$s"
  "payload not JSON|$h.$(printf 'not json' | b64url_encode).$s"
  "payload an array|$(sign_with "$key" "$header" '[1]' 2>/dev/null || true)"
  "truncated by one character|${mt:0:$((${#mt} - 1))}"
  "one character more|${mt}A"
  "a 4000-character garbage token|$(head -c 3000 /dev/urandom | b64url_encode | head -c 4000)"
)
if [[ $mt == *[-_]* ]]; then FORGED+=("standard base64 alphabet|$(tr '_-' '/+' <<<"$mt")"); fi
for entry in "${FORGED[@]}"; do # (no forged token holds a quote or backslash: plain printf makes the JSON)
  name=${entry%%|*} token=${entry#*|}
  api_post /api/v0/tokeninfo "$(printf '{"action":"introspect","mytoken":"%s"}' "$token")"
  expect_error_object 401 invalid_token "introspect: $name"
  api_post /api/v0/token/access "$(printf '{"grant_type":"mytoken","mytoken":"%s"}' "$token")"
  expect_error_object 401 invalid_token "AT request: $name"
done
# Wrong claims, each re-signed with the server's own key (only a test holds it): the claims are checked too.
for change in '.aud = "https://evil.example"' '.iss = "https://evil.example"' ".exp = $(($(now) - 10))" \
  ".nbf = $(($(now) + 3600))" ".iat = $(($(now) + 3600))" '.oidc_sub = "bob"' '.seq_no = 2' '.seq_no = "1"' \
  '.jti = "0b6ef2d4-6d8e-4f5b-9c4e-2a7c1d3e4f50"' '.jti = "../../x"' '.ver = "99"' '.token_type = "access_token"' \
  '.capabilities = "AT"' '.exp = 1e400' '.exp = "never"' 'del(.jti)' 'del(.iss)'; do
  api_post /api/v0/tokeninfo \
    "$(printf '{"action":"introspect","mytoken":"%s"}' "$(sign_with "$key" "$header" "$(jq -c "$change" <<<"$claims")")")"
  expect_error_object 401 invalid_token "introspect: claims changed with $change, re-signed"
done
# Signed claims that grant power must match the stored token (issue 13 item 7: defence against a leaked key).
for change in '.capabilities += ["create_mytoken"]' '.capabilities = ["AT"]' '.restrictions = [{"usages_AT":1}]' \
  '.restrictions = [{"scope":"openid"}]' '.rotation = {"on_AT":true}'; do
  forged=$(sign_with "$key" "$header" "$(jq -c "$change" <<<"$claims")")
  api_post /api/v0/tokeninfo "$(printf '{"action":"introspect","mytoken":"%s"}' "$forged")"
  expect_error_object 401 invalid_token "introspect: power claims changed with $change, re-signed"
  api_post /api/v0/token/access "$(printf '{"grant_type":"mytoken","mytoken":"%s"}' "$forged")"
  expect_error_object 401 invalid_token "AT request: power claims changed with $change, re-signed"
done
expect_eq "$(grep -c 'security event: a correctly signed mytoken' "$TMP/mytokend.log")" 10 \
  "each re-signed token with changed power claims is logged as a security event"
# Tokens also come from the Authorization header and the cookie (spec §1.3): the same checks apply there.
forged_none="$(encode '{"alg":"none","typ":"MT+JWT"}').$(encode "$claims")."
http POST /api/v0/tokeninfo -H 'Content-Type: application/json' -H "Authorization: Bearer $forged_none" \
  --data-binary '{"action":"introspect"}'
expect_error 401 invalid_token
http POST /api/v0/tokeninfo -H 'Content-Type: application/json' -H "Cookie: mytoken=$forged_none" \
  --data-binary '{"action":"introspect"}'
expect_error 401 invalid_token

# --- afterwards: unchanged database, still serving ---------------------------------------------------------------
after=$(db_fingerprint rate_limits)
expect_eq "$after" "$before" "the database is unchanged by the whole battery (rows and contents of every table)"
expect_eq "$(db_integrity)" ok "SQLite integrity_check and foreign_key_check pass"
expect_eq "$(db_orphans)" "" "no half-written rows"
api_post /api/v0/tokeninfo "$(printf '{"action":"introspect","mytoken":"%s"}' "$(sign_with "$key" "$header" "$claims")")"
expect_status 200 "the same claims re-signed with the server key are still accepted afterwards (the check compares claims)"
api_get /.well-known/mytoken-configuration
expect_status 200 "discovery still answers after the battery"
at_request "$mt"
expect_status 200 "the mytoken still works after the battery"
api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$victim" '{action: "introspect", mytoken: $mt}')"
expect_json_eq .valid true "the token of the revocation cases was never revoked"
expect_true "mytokend is still running" kill -0 "$MT_PID"

# --- numbers at the edge of the valid range are accepted and give working tokens ---------------------------------
# (found by this battery: a rotation lifetime of 2^63-1 overflowed into a negative exp). Raw JSON: jq would round
# 2^63-1 to a double.
for extra in '"restrictions":[{"exp":9223372036854775807}]' '"rotation":{"on_AT":true,"lifetime":9223372036854775807}' \
  '"restrictions":[{"usages_AT":9223372036854775807}]' '"max_token_len":9223372036854775807'; do
  api_post /api/v0/token/my "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\",$extra}"
  expect_status 200 "sub-token with $extra"
  child=$(jget .mytoken)
  expect_eq "$(jwt_payload "$child" | jq '(.exp // 1) > 0')" true "its exp is positive (or absent): $extra"
  api_post /api/v0/tokeninfo "$(jq -nc --arg mt "$child" '{action: "introspect", mytoken: $mt}')"
  expect_json_eq .valid true "it introspects as valid: $extra"
done
expect_eq "$(grep -cF -- "$mt" "$TMP/mytokend.log" || true)" 0 "no mytoken in the log"

finish
