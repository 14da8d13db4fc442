#!/usr/bin/env bash
# OP refresh-token rotation (design §3, spec §12.2 "OP RT rotation"): the dev OP with OP_ROTATE_RT=1 hands out a
# new refresh token on every refresh and revokes the whole grant when an old one is reused. 20 parallel AT
# requests of one token family must all succeed (single flight per refresh token + compare-and-swap, no lock
# across the OP call), and the family must keep working afterwards — also for a rotating mytoken.
source "$(dirname "$0")/lib.sh"
start_all OP_ROTATE_RT=1

# parallel_at N MYTOKEN DIR: N simultaneous AT requests; statuses in DIR/*.status, bodies in DIR/*.json
parallel_at() {
  local n=$1 body dir=$3 i pids=()
  mkdir -p "$dir"
  body=$(jq -nc --arg t "$2" '{grant_type: "mytoken", mytoken: $t}')
  for i in $(seq 1 "$n"); do
    curl -sS -o "$dir/$i.json" -w '%{http_code}\n' --max-time 60 -H 'Content-Type: application/json' \
      --data-binary "$body" "$API/token/access" >"$dir/$i.status" 2>/dev/null &
  pids+=($!)
  done
  wait "${pids[@]}"
}

mt=$(login_mytoken '{"name":"raced"}')
at_request "$mt"
expect_status 200 "a first AT request with a rotating OP -> 200"
before=$(sort -u "$OP_TOKEN_LOG" | wc -l)

parallel_at 20 "$mt" "$TMP/race1"
expect_eq "$(grep -c '^200$' "$TMP"/race1/*.status | awk -F: '{s += $2} END {print s}')" 20 \
  "20 parallel AT requests of one family: all succeed"
ats=$(cat "$TMP"/race1/*.json | jq -r '.access_token // empty' | sort -u | wc -l)
expect_eq "$ats" 20 "20 distinct access tokens"
issued=0
for f in "$TMP"/race1/*.json; do
  if op_issued "$(jq -r .access_token "$f")"; then issued=$((issued + 1)); fi
done
expect_eq "$issued" 20 "every one of them was issued by the OP"
after=$(sort -u "$OP_TOKEN_LOG" | wc -l)
expect_true "the OP rotated its refresh token on every refresh (tokens issued: $before -> $after)" \
  test "$after" -ge $((before + 40))

at_request "$mt"
expect_status 200 "the family keeps working after the race"
op_userinfo "$(jget .access_token)"
expect_status 200 "the AT after the race works at the OP"

# a second round, then again sequentially: the stored refresh token was never lost
parallel_at 20 "$mt" "$TMP/race2"
expect_eq "$(cat "$TMP"/race2/*.status | grep -c '^200$' || true)" 20 "second round of 20: all succeed"
for i in 1 2 3; do
  at_request "$mt"
  expect_status 200 "sequential AT $i after two races"
done

# --- a rotating mytoken on a rotating OP: each answer's token is used for the next request ---
mr=$(login_mytoken '{"rotation":{"on_AT":true}}')
for i in 1 2 3 4 5; do
  at_request "$mr"
  expect_status 200 "rotating mytoken on a rotating OP, request $i -> 200"
  mr=$(jget .token_update.mytoken)
  remember_secret "$mr"
done
parallel_at 10 "$mr" "$TMP/race3"
expect_true "parallel uses of one rotating mytoken on a rotating OP: each 200 or 401" \
  test -z "$(cat "$TMP"/race3/*.status | grep -vxE '200|401' || true)"
newest=$(cat "$TMP"/race3/*.json | jq -r '.token_update.mytoken // empty' | head -n1)
expect_ne "$newest" "" "one of them carries the rotated mytoken"
at_request "$newest"
expect_status 200 "the rotated mytoken keeps working afterwards"

finish
