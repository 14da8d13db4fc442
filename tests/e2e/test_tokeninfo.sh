#!/usr/bin/env bash
# Tokeninfo (spec §10 with the fixes of §21 item 6): introspect with per-clause usages, event_history (own,
# this, children, children@<id>, other tokens with manage_mytokens:history, other users), subtokens (the tree
# below the token), list_mytokens (the user's forest), capabilities, events, rotation on other uses, bad input.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
start_all

ALL='["AT","tokeninfo","create_mytoken","manage_mytokens"]'
root=$(login_mytoken "{\"name\":\"root\",\"capabilities\":$ALL}")
root_id=$(mom_id_of "$root")
child=$(new_subtoken "$root" '{"name":"child","capabilities":["AT","tokeninfo","create_mytoken"]}')
child_id=$(mom_id_of "$child")
grandchild=$(new_subtoken "$child" '{"name":"grandchild","capabilities":["AT","tokeninfo"],"restrictions":[{"usages_AT":3}]}')
gc_id=$(mom_id_of "$grandchild")
sibling=$(login_mytoken '{"name":"sibling","capabilities":["AT","tokeninfo"]}')
sibling_id=$(mom_id_of "$sibling")
at_request "$grandchild" >/dev/null

# --- introspect ---
tokeninfo introspect "$grandchild"
expect_status 200
expect_json_eq .valid true
expect_json_eq .token_type token
expect_json_eq .mom_id "$gc_id"
expect_json_eq .token.name grandchild
expect_json_eq .token.restrictions '[{"usages_AT":3,"usages_AT_done":1}]' "per-clause usages done"
expect_json_eq .token.capabilities '["AT","tokeninfo"]'
onlyat=$(new_subtoken "$root" '{"capabilities":["AT"]}')
tokeninfo introspect "$onlyat"
expect_error 403 insufficient_capabilities
introonly=$(new_subtoken "$root" '{"capabilities":["tokeninfo:introspect"]}')
tokeninfo introspect "$introonly"
expect_status 200 "tokeninfo:introspect is enough for introspect"
tokeninfo event_history "$introonly"
expect_error 403 insufficient_capabilities
tokeninfo subtokens "$introonly"
expect_error 403 insufficient_capabilities

# --- event_history ---
tokeninfo event_history "$child"
expect_status 200 "own history"
expect_json_eq '[.events[].event] | tostring' '["MT_created","inherited_RT","created"]' "own events, newest first"
expect_json_true "[.events[].mom_id] | unique == [\"$child_id\"]" "every event names its mom_id"
expect_json_true '.events[0] | has("time") and has("ip") and has("comment")'
expect_json_eq '.events[0].comment' "Created MT grandchild"
tokeninfo event_history "$child"
expect_json_eq '.events[0].event' tokeninfo_history "the previous history request is an event itself"
tokeninfo event_history "$root" '{"mom_ids":["children"]}'
expect_status 200 "history of all descendants"
expect_json_true "[.events[].mom_id] | unique | sort == ([\"$child_id\",\"$gc_id\",\"$(mom_id_of "$onlyat")\",\"$(mom_id_of "$introonly")\"] | sort)" \
  "children = all descendants, without the token itself"
expect_json_true '[.events[].time] as $t | $t == ($t | sort | reverse)' "sorted by time, newest first"
tokeninfo event_history "$root" "{\"mom_ids\":[\"children@$child_id\"]}"
expect_json_true "[.events[].mom_id] | unique == [\"$gc_id\"]" "children@<id> = descendants of that token"
tokeninfo event_history "$root" "{\"mom_ids\":[\"this\",\"$gc_id\"]}"
expect_json_true "[.events[].mom_id] | unique | sort == ([\"$root_id\",\"$gc_id\"] | sort)" "this + a descendant"
tokeninfo event_history "$root"
expect_json_eq '.events[0].event' tokeninfo_history_other_token "history of other tokens is logged as such"
# another token of the same user: only with manage_mytokens:history
tokeninfo event_history "$child" "{\"mom_ids\":[\"$sibling_id\"]}"
expect_error 403 insufficient_capabilities
tokeninfo event_history "$child" "{\"mom_ids\":[\"$root_id\"]}"
expect_error 403 insufficient_capabilities # the parent is not a descendant
tokeninfo event_history "$root" "{\"mom_ids\":[\"$sibling_id\"]}"
expect_status 200 "manage_mytokens:history reads any token of the user"
expect_json_true "[.events[].mom_id] | unique == [\"$sibling_id\"]"
# a token that HAS manage_mytokens:history can use this/children (upstream 403, spec §20 item 6)
tokeninfo event_history "$root" '{"mom_ids":["this","children"]}'
expect_status 200 "this/children with manage_mytokens:history"
bob=$(login_as bob '{"capabilities":["AT","tokeninfo"]}')
bob_id=$(mom_id_of "$bob")
tokeninfo event_history "$root" "{\"mom_ids\":[\"$bob_id\"]}"
expect_error 403 invalid_grant "The provided token cannot be used to obtain history for mom_id '$bob_id'"
tokeninfo event_history "$root" '{"mom_ids":["no-such-token"]}'
expect_error 403 invalid_grant "The provided token cannot be used to obtain history for mom_id 'no-such-token'"
tokeninfo event_history "$bob" "{\"mom_ids\":[\"$root_id\"]}"
expect_error 403 insufficient_capabilities
tokeninfo event_history "$root" '{"mom_ids":"this"}'
expect_error 400 invalid_request
tokeninfo event_history "$root" '{"mom_ids":[1]}'
expect_error 400 invalid_request

# --- subtokens ---
tokeninfo subtokens "$child"
expect_status 200
expect_json_eq .mytokens.token.mom_id "$child_id"
expect_json_eq .mytokens.token.name child
expect_json_eq .mytokens.token.ip 127.0.0.1
expect_json_true '.mytokens.token.created > 0'
expect_json_eq '.mytokens.token | has("expires_at")' false "expires_at omitted when none"
expect_json_eq '.mytokens.children | length' 1
expect_json_eq '.mytokens.children[0].token.mom_id' "$gc_id"
expect_json_eq '.mytokens.children[0] | has("children")' false "children omitted when empty"
tokeninfo subtokens "$root"
expect_json_eq '[.mytokens.children[].token.name] | tostring' '["child","",""]' "the root's children in creation order, unnamed ones \"\""
tokeninfo subtokens "$grandchild"
expect_json_eq '.mytokens | has("children")' false "a leaf"
tokeninfo subtokens "$onlyat"
expect_error 403 insufficient_capabilities

# --- list_mytokens ---
tokeninfo list_mytokens "$root"
expect_status 200
expect_json_eq '[.mytokens[].token.name] | tostring' '["root","sibling"]' "roots in creation order"
expect_json_eq '.mytokens[0].children[0].children[0].token.mom_id' "$gc_id" "the forest holds the whole tree"
expect_json_true "[.. | .mom_id? // empty] | index(\"$bob_id\") == null" "no token of another user"
tokeninfo list_mytokens "$child"
expect_error 403 insufficient_capabilities
listonly=$(new_subtoken "$root" '{"capabilities":["manage_mytokens:list"]}')
tokeninfo list_mytokens "$listonly"
expect_status 200 "manage_mytokens:list is enough"

# --- events of tokeninfo actions ---
tokeninfo introspect "$root"
tokeninfo event_history "$root" '{"mom_ids":["this"]}'
for e in tokeninfo_introspect tokeninfo_subtokens tokeninfo_list_mytokens tokeninfo_history tokeninfo_history_other_token MT_created created; do
  expect_json_true "[.events[].event] | index(\"$e\") != null" "root history has $e"
done

# --- rotation on_other: every action except introspect rotates ---
rot=$(login_mytoken '{"capabilities":["tokeninfo","manage_mytokens"],"rotation":{"on_other":true}}')
tokeninfo introspect "$rot"
expect_json_eq 'has("token_update")' false "introspect never rotates"
tokeninfo subtokens "$rot"
expect_json_true '.token_update.mytoken | length > 0' "subtokens rotates an on_other token (also unrestricted)"
rot2=$(jget .token_update.mytoken)
tokeninfo list_mytokens "$rot"
expect_error 401 invalid_token
tokeninfo list_mytokens "$rot2"
expect_json_true '.token_update.mytoken | length > 0' "list_mytokens rotates"
rot3=$(jget .token_update.mytoken)
tokeninfo event_history "$rot3"
expect_json_true '.token_update.mytoken | length > 0' "event_history rotates"

# --- bad requests ---
api_post /api/v0/tokeninfo "{\"mytoken\":\"$root\"}"
expect_error 400 invalid_request "required parameter 'action' missing"
tokeninfo notifications_please "$root"
expect_error 400 invalid_request
tokeninfo subtokens garbage
expect_error 401 invalid_token
api_post /api/v0/tokeninfo '{"action":"list_mytokens"}' -H "Authorization: Bearer $root"
expect_status 200 "token from the Authorization header"

finish
