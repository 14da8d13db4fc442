# shellcheck shell=bash
# Writes of templates through API/pt (spec §13.2), sourced after lib.sh: profile_writes_config adds the group
# passwords to $MT_CONFIG; check_profile_writes WRITER READER runs every check, writing at base URL WRITER and
# reading and using the templates at READER (the same instance, or another one on the same database).
PT_PASSWORD='pw:for _'   # a colon and a space: Basic auth splits at the first colon only
TEAM_PASSWORD='team-pw'
remember_secret "$PT_PASSWORD"
remember_secret "$TEAM_PASSWORD"

profile_writes_config() {
  sed -i "s|^features:|features:\n  server_profiles:\n    groups: {\"_\": \"$PT_PASSWORD\", team: \"$TEAM_PASSWORD\"}|" \
    "$MT_CONFIG"
}

# pt_write METHOD URL JSON [curl args...]: a write as the group `_` unless other -u is given
pt_write() {
  local method=$1 url=$2 json=$3
  shift 3
  http "$method" "$url" -H 'Content-Type: application/json' --data-binary "$json" "$@"
}

check_profile_writes() {
  local writer=$1 reader=$2 id mytoken
  local batch='{"name":"batch","payload":{"capabilities":["AT"],"restrictions":"1d"}}'

  # --- credentials: none, wrong, another group's ---
  pt_write POST "$writer/api/v0/pt/profiles" "$batch"
  expect_error 401 access_denied "writing templates needs HTTP Basic authentication as the group"
  expect_contains "$(header www-authenticate)" 'Basic realm=' "401 asks for Basic auth"
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "_:wrong"
  expect_error 401 access_denied "wrong template group or password"
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "nobody:$PT_PASSWORD"
  expect_error 401 access_denied "wrong template group or password"
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "team:$TEAM_PASSWORD"
  expect_error 403 access_denied "these credentials may not write group '_'"
  api_get "$reader/api/v0/pt/profiles"
  expect_json_eq '[.[].name] | index("batch")' null "refused writes stored nothing"

  # --- create, then read and use it on the reader ---
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "_:$PT_PASSWORD"
  expect_status 201 "POST API/pt/profiles -> 201"
  id=$(jget .id)
  expect_match "$id" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "the id is a UUID"
  expect_json_eq .payload '{"capabilities":["AT"],"restrictions":[{"exp":"+1d"}]}' "the answer shows it resolved"
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "_:$PT_PASSWORD"
  expect_error 409 invalid_request "a profiles template named 'batch' exists in group '_'"
  api_get "$reader/api/v0/pt/profiles"
  expect_json_eq ".[] | select(.name==\"batch\") | .id" "$id" "the reader lists it with its id"
  mytoken=$(login_mytoken '{"capabilities":["AT","tokeninfo","create_mytoken"]}')
  api_post "$reader/api/v0/token/my" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mytoken\",\"include\":\"batch\"}"
  expect_status 200 "a sub-token request with include batch on the reader"
  expect_json_eq .capabilities '["AT"]' "... has the profile's capabilities"
  expect_json_true "(.expires_in > 86000) and (.expires_in <= 86400)" "... and its 1d restriction"

  # --- bad writes ---
  pt_write POST "$writer/api/v0/pt/profiles" '{"name":"x","payload":{"include":"nope"}}' -u "_:$PT_PASSWORD"
  expect_error 400 invalid_request "unknown include name: 'nope'"
  pt_write POST "$writer/api/v0/pt/capabilities" '{"name":"x","payload":["fly"]}' -u "_:$PT_PASSWORD"
  expect_error 400 invalid_request "unknown capability 'fly'"
  pt_write POST "$writer/api/v0/pt/profiles" '{"name":"x","payload":[1]}' -u "_:$PT_PASSWORD"
  expect_error 400 invalid_request "a profile must be a JSON object"
  pt_write POST "$writer/api/v0/pt/profiles" '{"name":"a/b","payload":{}}' -u "_:$PT_PASSWORD"
  expect_status 400 "a name with '/' -> 400"
  pt_write POST "$writer/api/v0/pt/profiles" '{"payload":{}}' -u "_:$PT_PASSWORD"
  expect_error 400 invalid_request "name must be a string"
  pt_write POST "$writer/api/v0/pt/profiles" '{"name":"x"}' -u "_:$PT_PASSWORD"
  expect_error 400 invalid_request "payload is missing"
  pt_write POST "$writer/api/v0/pt/profiles" '{"name":"x",' -u "_:$PT_PASSWORD"
  expect_status 400 "malformed JSON -> 400"
  pt_write POST "$writer/api/v0/pt/gadgets" '{"name":"x","payload":{}}' -u "_:$PT_PASSWORD"
  expect_error 404 not_found "unknown template type 'gadgets'"

  # --- another group, replace, delete ---
  pt_write POST "$writer/api/v0/pt/team/capabilities" '{"name":"reader","payload":"AT tokeninfo"}' \
    -u "team:$TEAM_PASSWORD"
  expect_status 201 "POST API/pt/team/capabilities as team -> 201"
  api_get "$reader/api/v0/pt"
  expect_json_true 'index("team") != null' "the reader lists group team"
  pt_write PUT "$writer/api/v0/pt/profiles/$id" '{"name":"batch","payload":{"capabilities":"@team/reader"}}' \
    -u "_:$PT_PASSWORD"
  expect_status 200 "PUT API/pt/profiles/{id} -> 200"
  expect_json_eq .payload '{"capabilities":["AT","tokeninfo"]}'
  api_post "$reader/api/v0/token/my" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mytoken\",\"include\":\"batch\"}"
  expect_json_eq .capabilities '["AT","tokeninfo"]' "the reader uses the replaced profile at once"
  pt_write PUT "$writer/api/v0/pt/_/profiles?id=$id" '{"name":"batch2","payload":{}}' -u "_:$PT_PASSWORD"
  expect_status 200 "PUT API/pt/_/profiles?id= -> 200 (renamed)"
  pt_write PUT "$writer/api/v0/pt/profiles/00000000-0000-4000-8000-000000000000" '{"name":"y","payload":{}}' \
    -u "_:$PT_PASSWORD"
  expect_error 404 not_found "no stored template with this id"
  pt_write DELETE "$writer/api/v0/pt/team/profiles/$id" '' -u "team:$TEAM_PASSWORD"
  expect_error 404 not_found "no stored template with this id" # the id is group _'s
  pt_write DELETE "$writer/api/v0/pt/profiles/$id" '' -u "_:$PT_PASSWORD"
  expect_status 204 "DELETE API/pt/profiles/{id} -> 204"
  pt_write DELETE "$writer/api/v0/pt/profiles/$id" '' -u "_:$PT_PASSWORD"
  expect_error 404 not_found "no stored template with this id"
  api_post "$reader/api/v0/token/my" "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mytoken\",\"include\":\"batch2\"}"
  expect_error 400 invalid_request "unknown include name: 'batch2'"

  # --- a stored template replaces a built-in of the same name, until it is deleted ---
  pt_write POST "$writer/api/v0/pt/capabilities" '{"name":"default","payload":["AT"]}' -u "_:$PT_PASSWORD"
  expect_status 201 "POST a capability template named like the built-in 'default'"
  id=$(jget .id)
  api_post "$reader/api/v0/token/my" \
    "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mytoken\",\"capabilities\":[\"@default\"]}"
  expect_json_eq .capabilities '["AT"]' "@default is the stored one"
  pt_write DELETE "$writer/api/v0/pt/capabilities?id=$id" '' -u "_:$PT_PASSWORD"
  expect_status 204
  api_post "$reader/api/v0/token/my" \
    "{\"grant_type\":\"mytoken\",\"mytoken\":\"$mytoken\",\"capabilities\":[\"@default\"]}"
  expect_json_eq .capabilities '["AT","tokeninfo"]' "@default is the built-in again"

  # --- password guessing falls under the code guessing limits (10 misses per client and window by default;
  # the two wrong passwords above count too) ---
  local tries=0
  while ((tries < 12)); do
    pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "_:guess-$tries"
    [[ $STATUS == 429 ]] && break
    tries=$((tries + 1))
  done
  expect_error 429 too_many_requests
  expect_true "the limit came after the 8 guesses left ($tries)" test "$tries" -eq 8
  expect_match "$(header retry-after)" '^[0-9]+$' "... with Retry-After"
  pt_write POST "$writer/api/v0/pt/profiles" "$batch" -u "_:$PT_PASSWORD"
  expect_status 429 "... and then the right password waits for the window too"
}

