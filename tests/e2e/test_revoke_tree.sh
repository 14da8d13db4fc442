#!/usr/bin/env bash
# Revocation over the token tree (spec §11, §12.1 with the fixes of §21 item 8): by token recursively (the whole
# subtree dies at once) and not (children become roots and keep working); by mom_id for the token itself and
# its descendants, for other tokens of the user only with manage_mytokens:revoke, never for another user; the
# authorising token is validated and its restrictions and rotation apply.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
start_all

ALL='["AT","tokeninfo","create_mytoken","manage_mytokens"]'
works() { # works MT MESSAGE: the token gets an AT
  at_request "$1"
  expect_status 200 "$2"
}
dead() {
  at_request "$1"
  expect_error 401 invalid_token
}

# root ─┬─ a ── a1 ── a11
#       └─ b
root=$(login_mytoken "{\"name\":\"root\",\"capabilities\":$ALL}")
a=$(new_subtoken "$root" '{"name":"a"}')
a1=$(new_subtoken "$a" '{"name":"a1"}')
a11=$(new_subtoken "$a1" '{"name":"a11"}')
b=$(new_subtoken "$root" '{"name":"b"}')

# --- by token, recursive: the subtree stops working immediately ---
api_post /api/v0/token/revoke "{\"token\":\"$a1\",\"recursive\":true}"
expect_status 204 "revoke a1 recursively"
dead "$a1"
dead "$a11"
works "$a" "the parent of a revoked token keeps working"
works "$root" "the root keeps working"
works "$b" "a sibling keeps working"
tokeninfo subtokens "$root"
expect_json_eq '[.. | .name? // empty] | tostring' '["root","a","b"]' "the tree no longer holds a1 and a11"

# --- by token, not recursive: children become roots and keep working (spec §12.1) ---
c=$(new_subtoken "$a" '{"name":"c"}')
api_post /api/v0/token/revoke "{\"token\":\"$a\"}"
expect_status 204 "revoke a alone"
dead "$a"
works "$c" "a's child survives a non-recursive revocation"
tokeninfo list_mytokens "$root"
expect_json_eq '[.mytokens[].token.name] | tostring' '["root","c"]' "... and is a root now"
expect_json_eq '[.mytokens[0].children[].token.name] | tostring' '["b"]' "root keeps its other child"
tokeninfo subtokens "$c"
expect_status 200 "a re-parented token keeps its own capabilities"

# --- by mom_id: own descendants ---
d=$(new_subtoken "$root" '{"name":"d"}')
d1=$(new_subtoken "$d" '{"name":"d1"}')
revoke_mom_id "$root" "$(mom_id_of "$d")" '{"recursive":true}'
expect_status 204 "root revokes its descendant d (recursive) by mom_id"
dead "$d"
dead "$d1"
tokeninfo event_history "$root" '{"mom_ids":["this"]}'
expect_json_eq '.events[0].event' revoked_other_token
expect_json_eq '.events[0].comment' "mom_id: $(mom_id_of "$d")"
# a descendant without manage_mytokens may revoke its own descendants, but not its parent or a sibling
e=$(new_subtoken "$root" '{"name":"e","capabilities":["AT","create_mytoken","tokeninfo"]}')
e1=$(new_subtoken "$e" '{"name":"e1","capabilities":["AT"]}')
revoke_mom_id "$e" "$(mom_id_of "$root")"
expect_error 403 insufficient_capabilities "The provided token is neither a parent of the token to be revoked nor does it have the 'manage_mytokens:revoke' capability"
revoke_mom_id "$e" "$(mom_id_of "$b")"
expect_error 403 insufficient_capabilities
works "$root" "a refused revocation changes nothing"
revoke_mom_id "$e" "$(mom_id_of "$e1")"
expect_status 204 "a token without manage_mytokens revokes its own child by mom_id"
dead "$e1"
# non-recursive by mom_id: the children become roots
f=$(new_subtoken "$root" '{"name":"f"}')
f1=$(new_subtoken "$f" '{"name":"f1"}')
revoke_mom_id "$root" "$(mom_id_of "$f")"
expect_status 204
dead "$f"
works "$f1" "f's child survives"

# --- by mom_id: other tokens of the user need manage_mytokens:revoke ---
other=$(login_mytoken '{"name":"other","capabilities":["AT"]}')
revoke_mom_id "$e" "$(mom_id_of "$other")"
expect_error 403 insufficient_capabilities
revoker=$(new_subtoken "$root" '{"capabilities":["manage_mytokens:revoke"]}')
revoke_mom_id "$revoker" "$(mom_id_of "$other")"
expect_status 204 "manage_mytokens:revoke revokes any token of the same user"
dead "$other"
bob=$(login_as bob '{"capabilities":["AT"]}')
revoke_mom_id "$root" "$(mom_id_of "$bob")"
expect_error 403 invalid_grant "The provided token cannot be used to revoke this mom_id"
works "$bob" "another user's token stays"
revoke_mom_id "$root" "no-such-mom-id"
expect_error 403 invalid_grant

# --- the authorising token is validated (spec §21 item 8) ---
rot=$(login_mytoken '{"capabilities":["AT","create_mytoken","manage_mytokens"],"rotation":{"on_other":true}}')
subtoken "$rot" '{"capabilities":["AT"]}'
g=$(jget .mytoken)
rot2=$(jget .token_update.mytoken)
revoke_mom_id "$rot" "$(mom_id_of "$g")"
expect_error 401 invalid_token
works "$g" "a stale rotated token revokes nothing"
revoke_mom_id "$rot2" "$(mom_id_of "$g")"
expect_status 200 "an on_other token rotates when it revokes by mom_id"
expect_json_true '.token_update.mytoken | length > 0' "the answer is {\"token_update\":...}"
dead "$g"
limited=$(login_mytoken '{"capabilities":["AT","create_mytoken","manage_mytokens"],"restrictions":[{"hosts":["192.0.2.1"]},{"usages_other":1}]}')
h=$(new_subtoken "$limited" '{"capabilities":["AT"]}')
revoke_mom_id "$limited" "$(mom_id_of "$h")"
expect_error 403 usage_restricted
works "$h" "a revocation the restrictions forbid revokes nothing"
revoke_mom_id "$(cut -d. -f1-2 <<<"$root").AAAA" "$(mom_id_of "$b")"
expect_error 401 invalid_token
revoke_mom_id "$root" "$(mom_id_of "$b")" '{"oidc_issuer":"https://op.invalid"}'
expect_error 400 invalid_request "token not for specified issuer"

# --- a token revoking itself by mom_id; the last token of a family takes the OP's refresh token along ---
solo=$(login_mytoken '{"name":"solo","capabilities":["AT"]}')
at_request "$solo"
solo_at=$(jget .access_token)
revoke_mom_id "$solo" "$(mom_id_of "$solo")"
expect_status 204 "a token revokes itself by mom_id"
dead "$solo"
op_introspect "$solo_at"
expect_json_eq .active false "the family's refresh token (and its grant) was revoked at the OP"

# --- revoking the root recursively takes the whole remaining tree ---
api_post /api/v0/token/revoke "{\"token\":\"$root\",\"recursive\":true}"
expect_status 204
for t in "$root" "$b" "$e" "$revoker"; do dead "$t"; done
works "$c" "c became a root earlier and is not in root's tree any more"
works "$f1" "f1 likewise"

finish
