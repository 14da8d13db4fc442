#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "domain/api_error.hpp"
#include "domain/mom_id.hpp"
#include "domain/mytoken_claims.hpp"
#include "domain/ports/audit_log.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

struct MytokenResponse;  // service/minting/mytoken_response.hpp

// Helpers that turn what a use case knows into audit records (docs/audit.md). All are no-ops while
// ctx.audit is null. Call them only after the transaction that made the event real committed: a rolled-back
// change leaves no audit line. Refusals (restriction, rate limit) change nothing and are recorded when refused.

// Sends `record` to ctx.audit; with ctx.options.audit_hash_users its `sub` becomes the keyed hash of issuer and
// subject (purpose::kAuditUser), so the log names a user consistently without naming them.
void audit(const ServiceContext& ctx, AuditRecord record);

// A record for the token `id` of the user in `claims`.
void audit_token(const ServiceContext& ctx, AuditEvent event, const MomId& id, const MytokenClaims& claims,
                 std::string_view client_ip, std::string detail = {});

// kRotated if `update` holds the successor of the token `id` (rotate_if_due returned one), else nothing.
void audit_rotation(const ServiceContext& ctx, const MomId& id, const MytokenClaims& claims,
                    const std::shared_ptr<MytokenResponse>& update, std::string_view client_ip, std::string_view use);

// Returns `error` unchanged; records kRateLimited first if it is a 429 too_many_requests. `claims` and `id` may
// be null (no token known). For the callers of the limits, which return their error as is.
ApiError audit_if_rate_limited(const ServiceContext& ctx, ApiError error, const MomId* id, const MytokenClaims* claims,
                               std::string_view client_ip, std::string detail);

}  // namespace mytoken
