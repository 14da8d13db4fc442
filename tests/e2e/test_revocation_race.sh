#!/usr/bin/env bash
# Requests racing the revocation of their mytoken, or each other, on SQLite (issue 13 item 3; lib_revocation_race.sh):
# AT requests, transfer codes, sub-tokens, tokeninfo and rotating short tokens against a revocation, and parallel
# AT requests of a token with rotation {on_AT, auto_revoke}. Only successes and 401 invalid_token, never a 5xx;
# nothing survives a revocation; no half-written rows.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_subtokens.sh"
source "$(dirname "$0")/lib_consistency.sh"
source "$(dirname "$0")/lib_revocation_race.sh"
race_config
start_all
run_revocation_races
finish
