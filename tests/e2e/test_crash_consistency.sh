#!/usr/bin/env bash
# Crash consistency on SQLite (issue 4 item 4; docs/security-tests.md): five rounds of write load (sub-tokens,
# transfer codes, access tokens, revocations), each ended by kill -9 of mytokend at a random moment and a restart
# on the same database file. Whatever was answered before the kill holds afterwards, nothing half-written is
# visible, PRAGMA integrity_check passes (lib_crash.sh).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib_consistency.sh"
source "$(dirname "$0")/lib_crash.sh"
crash_config
start_all
run_crash_rounds
finish
