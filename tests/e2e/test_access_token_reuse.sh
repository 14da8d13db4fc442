#!/usr/bin/env bash
# providers[].access_token_reuse (docs/access_token_reuse.md): with it on, AT requests of one token family for the
# same scopes and audiences are answered with the access token already obtained while it has min_lifetime left;
# the OP sees one refresh grant. Usage limits, events and revocation still apply to every request.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"

use_reuse_config() { # use_reuse_config MIN_LIFETIME
  write_mytokend_config
  printf '    access_token_reuse: {enabled: true, min_lifetime: %s}\n' "$1" >>"$MT_CONFIG"
}
op_grants() { wc -l <"$OP_TOKEN_LOG"; } # grows with every token the OP issues
at_of() { # at_of MYTOKEN [JSON-OVERRIDES]: the access token of one successful AT request
  at_request "$@"
  [[ $STATUS == 200 ]] || die "AT request failed: $(last_request_context)"
  jget .access_token
}

use_reuse_config 60
start_all
mt=$(login_mytoken '{"name":"reuse","capabilities":["AT","tokeninfo","create_mytoken"]}')

# --- one grant at the OP, then the same access token while it lives ---
before=$(op_grants)
first=$(at_of "$mt")
expect_true "the first access token comes from the OP" op_issued "$first"
after_first=$(op_grants)
expect_true "the first request was a refresh grant at the OP" test "$after_first" -gt "$before"
at_request "$mt"
expect_json_eq .access_token "$first" "second request: the same access token"
expect_json_true '.expires_in > 60 and .expires_in <= 3600' "expires_in is what is left of its lifetime"
expect_eq "$(op_grants)" "$after_first" "the OP saw no second grant"

# --- other scopes are other access tokens (audiences too: tests/unit/service/access_token_reuse_test.cpp) ---
narrow=$(at_of "$mt" '{"scope":"openid storage.read"}')
expect_ne "$narrow" "$first" "another scope: another access token"
expect_eq "$(at_of "$mt" '{"scope":"storage.read openid"}')" "$narrow" "same scopes in another order: reused"

# --- concurrent requests of one family collapse into one grant ---
before=$(op_grants)
at_of "$mt" '{"scope":"openid email"}' >/dev/null
per_grant=$(($(op_grants) - before)) # tokens the OP logs for one such refresh grant
before=$(op_grants)
for i in $(seq 20); do
  curl -s -X POST "$ISS/api/v0/token/access" -H 'Content-Type: application/json' \
    -d "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mt\",\"scope\":\"openid profile\"}" >"$TMP/par.$i" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done # not a bare wait: the OP and mytokend are children too
distinct=$(jq -r .access_token "$TMP"/par.* | sort -u | grep -vc '^null$' || true)
expect_eq "$distinct" 1 "20 concurrent requests for one scope: one access token"
grants=$(($(op_grants) - before))
expect_eq "$grants" "$per_grant" "the OP saw one refresh grant for them"

# --- a sub-token of the family shares the access token ---
child=$(new_subtoken "$mt" '{"name":"child","capabilities":["AT"]}')
expect_eq "$(at_of "$child")" "$first" "a sub-token of the same family gets the family's access token"

# --- usage limits still count every answered request ---
limited=$(login_mytoken '{"name":"limited","restrictions":[{"usages_AT":2}]}')
at_of "$limited" >/dev/null
at_of "$limited" >/dev/null
at_request "$limited"
expect_error 403 usage_restricted  # a cached access token does not lift usages_AT

# --- every answer is an event ---
tokeninfo event_history "$mt"
expect_status 200 "event history"
n_at=$(jget '[.events[] | select(.event == "AT_created")] | length')
expect_true "every answered AT request is an AT_created event ($n_at)" test "$n_at" -ge 24

# --- revocation still ends it ---
api_post /api/v0/token/revoke "{\"token\":\"$mt\",\"recursive\":true}"
expect_status 204 "revoke the family's root"
at_request "$mt"
expect_error 401 invalid_token  # a revoked mytoken gets nothing, cached or not

# --- min_lifetime above the OP's access-token lifetime: never reused ---
stop_mytokend
use_reuse_config 4000
start_mytokend
fresh=$(login_mytoken '{"name":"no-reuse"}')
a=$(at_of "$fresh")
b=$(at_of "$fresh")
expect_ne "$a" "$b" "min_lifetime 4000 > AT lifetime 3600: a new access token each time"
finish
