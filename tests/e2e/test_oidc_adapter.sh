#!/usr/bin/env bash
# The libcurl OIDC adapter (src/oidc) against the real dev OP: discovery, authorization URL, a login driven by
# dev/op/login.mjs, code exchange, ID token verification against the OP's JWKS, userinfo, refresh, revocation.
# Runs the gtest suite CurlOidcProviderIntegration of unit_tests, which skips itself without an OP.
source "$(dirname "$0")/lib.sh"
[[ -x ${UNIT_TESTS:-} ]] || die "UNIT_TESTS (the unit_tests binary) not set; run through CTest"
start_op

out=$TMP/gtest.out
if MYTOKEN_TEST_OP_ISSUER=$OP MYTOKEN_TEST_OP_DIR=$OP_DIR MYTOKEN_TEST_OP_REDIRECT_URI=$ISS/redirect \
  "$UNIT_TESTS" --gtest_filter='CurlOidcProviderIntegration.*' >"$out" 2>&1; then
  pass "the OIDC adapter integration suite passes against the dev OP"
else
  fail "the OIDC adapter integration suite failed: $(tail -20 "$out")"
fi
ran=$(grep -c '^\[       OK \]' "$out" || true)
skipped=$(grep -c '^\[  SKIPPED \]' "$out" || true)
expect_true "integration tests ran ($ran), none skipped ($skipped)" test "$ran" -ge 3 -a "$skipped" -eq 0
finish
