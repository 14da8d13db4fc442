#!/usr/bin/env bash
# Crash consistency on PostgreSQL (issue 4 item 4; docs/security-tests.md): as test_crash_consistency.sh, with
# mytokend on a PostgreSQL server of its own (scripts/pg-test-server.sh); PostgreSQL itself keeps running, only
# mytokend is killed. The integrity check is amcheck's bt_index_check on every index (lib_consistency.sh).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_postgres.sh"
source "$(dirname "$0")/lib_consistency.sh"
source "$(dirname "$0")/lib_crash.sh"

crash_config
pg_config
start_all
run_crash_rounds
finish
