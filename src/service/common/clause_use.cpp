#include "service/common/clause_use.hpp"

#include <boost/json/serialize.hpp>

#include "service/common/audit.hpp"
#include "service/rotation/token_rotation.hpp"

namespace mytoken {
namespace {

void audit_refusal(const ServiceContext& ctx, const PresentedToken& token, const UsageRequest& request,
                   const MatchEnvironment& env) {
  const bool at = request.kind == UsageRequest::Kind::kAccessToken;
  std::string detail = at ? "access token; refused by: " : "other use; refused by: ";
  const auto reasons = refusal_reasons(token.claims.restrictions, request, env);
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (i > 0) detail += ',';
    detail += reasons[i];
  }
  audit_token(ctx, AuditEvent::kRestrictionRefused, token.mom_id, token.claims, request.client_ip, std::move(detail));
}

}  // namespace

Result<std::optional<UsedClause>> select_used_clause(const ServiceContext& ctx, const PresentedToken& token,
                                                     const UsageRequest& request) {
  const auto& restrictions = token.claims.restrictions;
  if (restrictions.empty()) return std::optional<UsedClause>();
  auto tx = ctx.store.begin(TxMode::kRead);
  if (!tx) return tx.error();
  MatchEnvironment env = ctx.match_env;
  env.usages_of = [&](const std::string& hash) {
    auto counts = (*tx)->usages().counts(token.mom_id, hash);
    return counts ? *counts : UsageCounts{};
  };
  auto index = select_clause(restrictions, request, env);
  if (!index) {
    if (ctx.audit) audit_refusal(ctx, token, request, env);
    return counted(ctx.counters.usage_refusals, ApiError::usage_restricted());
  }
  return std::optional<UsedClause>(UsedClause{restrictions[*index], clause_hash(restrictions[*index])});
}

Result<void> consume_usage(Transaction& tx, const PresentedToken& token, const std::optional<UsedClause>& used,
                           UsageRepository::Kind kind) {
  if (!used) return {};
  const auto& limit = kind == UsageRepository::Kind::kAT ? used->clause.usages_AT : used->clause.usages_other;
  auto ok = tx.usages().try_consume(token.mom_id, used->hash, boost::json::serialize(clause_to_json(used->clause)),
                                    kind, limit);
  if (!ok) return ok.error();
  if (!*ok) return ApiError::usage_restricted();
  return {};
}

Result<std::optional<UsedClause>> authorize_other_use(const ServiceContext& ctx, const PresentedToken& token,
                                                      const CallerContext& caller) {
  return select_used_clause(ctx, token, UsageRequest{UsageRequest::Kind::kOther, ctx.clock.now(), caller.ip, {}, {}});
}

Result<std::shared_ptr<MytokenResponse>> commit_other_use(Transaction& tx, const ServiceContext& ctx,
                                                          const PresentedToken& token,
                                                          const std::optional<UsedClause>& used,
                                                          const CallerContext& caller) {
  if (auto r = consume_usage(tx, token, used, UsageRepository::Kind::kOther); !r) return r.error();
  return rotate_if_due(tx, ctx, token, UseKind::kOther, caller);
}

}  // namespace mytoken
