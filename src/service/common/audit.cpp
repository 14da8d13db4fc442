#include "service/common/audit.hpp"

#include "service/minting/mytoken_response.hpp"

namespace mytoken {
namespace {

// Issuer and subject together: the same `sub` at two providers is two people.
std::string user_pseudonym(const ServiceContext& ctx, std::string_view iss, std::string_view sub) {
  std::string material(iss);
  material += '\0';
  material += sub;
  return ctx.secret.lookup_hash(purpose::kAuditUser, material);
}

}  // namespace

void audit(const ServiceContext& ctx, AuditRecord record) {
  if (ctx.audit == nullptr) return;
  if (ctx.options.audit_hash_users && !record.sub.empty()) record.sub = user_pseudonym(ctx, record.iss, record.sub);
  ctx.audit->record(record);
}

void audit_token(const ServiceContext& ctx, AuditEvent event, const MomId& id, const MytokenClaims& claims,
                 std::string_view client_ip, std::string detail) {
  if (ctx.audit == nullptr) return;
  audit(ctx, AuditRecord{event, id.value, claims.oidc_iss, claims.oidc_sub, std::string(client_ip), std::move(detail)});
}

void audit_rotation(const ServiceContext& ctx, const MomId& id, const MytokenClaims& claims,
                    const std::shared_ptr<MytokenResponse>& update, std::string_view client_ip, std::string_view use) {
  if (!update) return;
  audit_token(ctx, AuditEvent::kRotated, id, claims, client_ip, "on " + std::string(use));
}

ApiError audit_if_rate_limited(const ServiceContext& ctx, ApiError error, const MomId* id, const MytokenClaims* claims,
                               std::string_view client_ip, std::string detail) {
  if (ctx.audit == nullptr || error.status != 429) return error;
  AuditRecord record{AuditEvent::kRateLimited,       id ? id->value : std::string(), claims ? claims->oidc_iss : "",
                     claims ? claims->oidc_sub : "", std::string(client_ip),         std::move(detail)};
  audit(ctx, std::move(record));
  return error;
}

}  // namespace mytoken
