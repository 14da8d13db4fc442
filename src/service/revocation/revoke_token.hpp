#pragma once

#include <string>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

struct RevokeRequest {
  Secret token;
  bool recursive = false;
  std::string oidc_issuer;  // optional
};

// POST API/token/revoke by token (spec §11 A, RFC 7009 style): possession is the authorisation. An invalid or
// unknown token is "already revoked" (success). A superseded rotated JWT gets 401, never 500 (spec §21 item 8).
// When the family's last token goes, its refresh token is revoked at the OP (errors ignored) and deleted.
// `token` may also be a short token (its token is revoked) or, if shorter than 32 characters, a transfer or
// polling code: the code is deleted, and a token it was issued for (revoke_MT) is revoked with its subtree.
Result<void> revoke_token(const ServiceContext& ctx, const RevokeRequest& request, const CallerContext& caller);

}  // namespace mytoken
