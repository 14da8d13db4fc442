#pragma once

#include <memory>
#include <string>

#include "domain/mom_id.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/token/revoke with `mom_id` (spec §11 B).
struct RevokeByMomIdRequest {
  Secret token;  // the authorising mytoken
  MomId target;
  bool recursive = false;
  std::string oidc_issuer;  // optional; must equal the authorising token's
};

// Allowed for the authorising token itself and its descendants, or for any token of the same user with
// manage_mytokens:revoke (else 403 insufficient_capabilities; another user's or an unknown mom_id → 403
// invalid_grant "The provided token cannot be used to revoke this mom_id"). Fixes of spec §21 item 8: the
// authorising token is fully validated (spec §4.3; a superseded rotated JWT is 401, never 500) and this is an
// "other" use — clause selection, usages_other, rotation on_other. Deletes the target (`recursive`: with its
// subtree; else its children become roots, spec §12.1) in the same transaction and records
// revoked_other_token on the authorising token, unless it was deleted too. A refresh token no token refers to
// any more is deleted; it is revoked at the OP only if the authorising token could unwrap it (its own family).
// Returns the token_update or nullptr.
Result<std::shared_ptr<MytokenResponse>> revoke_by_mom_id(const ServiceContext& ctx,
                                                          const RevokeByMomIdRequest& request,
                                                          const CallerContext& caller);

}  // namespace mytoken
