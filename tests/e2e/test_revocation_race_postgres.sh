#!/usr/bin/env bash
# As test_revocation_race.sh, with mytokend on a PostgreSQL server of its own (scripts/pg-test-server.sh), where
# the races are real row-lock races between transactions rather than turns at SQLite's single write lock.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_postgres.sh"
source "$(dirname "$0")/lib_subtokens.sh"
source "$(dirname "$0")/lib_consistency.sh"
source "$(dirname "$0")/lib_revocation_race.sh"
race_config
pg_config
start_all
run_revocation_races
finish
