#!/usr/bin/env bash
# API/pt writes (spec §13.2) on SQLite: HTTP Basic auth per group (401/403), 201/200/204, 409 for a taken
# name, 404 for an unknown id or type, 400 for a payload that does not resolve or parse; written templates are
# used by the next request, and a stored one replaces a built-in. The PostgreSQL variant writes on one instance
# and reads on another.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_profile_writes.sh"

write_mytokend_config
profile_writes_config
start_all
check_profile_writes "$ISS" "$ISS"
expect_eq "$(sqlite3 "$TMP/mytoken.db" 'SELECT count(*) FROM templates')" 1 "one stored template is left (team/reader)"
finish
