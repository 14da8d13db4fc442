#pragma once

#include <string>

#include "domain/mom_id.hpp"
#include "domain/mytoken_claims.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// A mytoken that passed signature, claim and database checks (spec §4.3).
struct PresentedToken {
  Secret jwt;                            // the JWT (resolved from a short token if one was presented)
  std::string representation = "token";  // what the caller presented: token | short_token
  Secret short_token;                    // the short token presented, if representation == "short_token"
  MytokenClaims claims;
  MomId mom_id;
  TokenRow row;
};

// Verifies the signature and decodes the claims of a token this server issued, without the time and claim
// checks: for handing out a stored token (a finished polling code) whose nbf may lie in the future.
Result<PresentedToken> decode_issued_mytoken(const ServiceContext& ctx, const Secret& jwt);

// Verifies signature (algorithm pinned, typ MT+JWT) and the registered claims against `now`. No database.
// Failure: 401 invalid_token with a short reason.
Result<PresentedToken> verify_mytoken_jwt(const ServiceContext& ctx, const Secret& jwt);

// Full validation of spec §4.3: extraction result `raw` (empty → 401 "no mytoken found in request"; not a JWT →
// resolved as a short token, see resolve_short_token), JWT verification, then the database row: it must exist
// with the same seq_no and, with a rotation lifetime, last_rotated + lifetime ≥ now. A superseded token whose
// rotation has auto_revoke revokes its whole subtree (reuse detection). Invalid → 401 invalid_token without
// description. `caller` is named in the audit records of reuse and of the per-token request limit.
Result<PresentedToken> validate_mytoken(const ServiceContext& ctx, const Secret& raw, const CallerContext& caller = {});

// Call first in a write transaction that writes rows referring to a validated token (events, usages, codes,
// AT records, children): the token must still exist and then stays until `tx` ends. A request that lost a race
// against a revocation or reuse detection answers 401 invalid_token, never a foreign-key failure (issue 13
// item 3). Returns the token's current seq_no (a racing rotation may have advanced it).
Result<int64_t> hold_presented_token(Transaction& tx, const PresentedToken& token);

}  // namespace mytoken
