#pragma once

#include "domain/mytoken_claims.hpp"
#include "domain/ports/store.hpp"

namespace mytoken {

// A token row keeps its own copy of the signed claims that grant power (capabilities, restrictions, rotation),
// as canonical JSON text. A presented JWT must match it (issue 13 item 7): a signature alone then no longer
// suffices, so a leaked signing key cannot widen an existing token.
void copy_power_claims(TokenRow& row, const MytokenClaims& claims);
bool power_claims_match(const TokenRow& row, const MytokenClaims& claims);

}  // namespace mytoken
