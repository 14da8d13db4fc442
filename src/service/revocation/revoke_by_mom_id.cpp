#include "service/revocation/revoke_by_mom_id.hpp"

#include <algorithm>

#include "domain/capabilities.hpp"
#include "domain/token_tree.hpp"
#include "service/common/audit.hpp"
#include "service/common/clause_use.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"

namespace mytoken {
namespace {

ApiError not_allowed() {
  return ApiError::insufficient_capabilities(
      "The provided token is neither a parent of the token to be revoked nor does it have the "
      "'manage_mytokens:revoke' capability");
}

// The refresh token of the authorising token's family, so it can be revoked at the OP should this revocation
// delete the family's last token (e.g. a token revoking itself by mom_id). Empty if it cannot be opened.
Secret own_refresh_token(Transaction& tx, const ServiceContext& ctx, const PresentedToken& token) {
  auto rt = open_family_refresh_token(tx, ctx.secret, token.jwt, token.mom_id, token.row.rt_id);
  return rt ? std::move(*rt) : Secret();
}

}  // namespace

Result<std::shared_ptr<MytokenResponse>> revoke_by_mom_id(const ServiceContext& ctx,
                                                          const RevokeByMomIdRequest& request,
                                                          const CallerContext& caller) {
  if (request.token.empty()) return ApiError::invalid_request("no token given");
  auto token = validate_mytoken(ctx, request.token, caller);
  if (!token) return token.error();
  if (!request.oidc_issuer.empty() && request.oidc_issuer != token->claims.oidc_iss) {
    return ApiError::invalid_request("token not for specified issuer");
  }
  auto used = authorize_other_use(ctx, *token, caller);
  if (!used) return used.error();

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto held = hold_presented_token(t, *token); !held) return held.error();
  auto rows = t.tokens().of_user(token->row.user_id);
  if (!rows) return rows.error();
  if (!is_self_or_descendant(*rows, token->mom_id, request.target)) {
    if (!has_capability(token->claims.capabilities, capability::kManageRevoke)) return not_allowed();
    const bool same_user =
        std::any_of(rows->begin(), rows->end(), [&](const TokenRow& row) { return row.mom_id == request.target; });
    if (!same_user) return ApiError::invalid_grant("The provided token cannot be used to revoke this mom_id", 403);
  }

  // Only when the authorising token goes too can its family lose its last token (spec §12.1: shared RT).
  const bool deletes_self = request.target == token->mom_id ||
                            (request.recursive && is_self_or_descendant(*rows, request.target, token->mom_id));
  const Secret refresh_token = deletes_self ? own_refresh_token(t, ctx, *token) : Secret();
  auto orphans = t.tokens().remove(request.target, request.recursive);
  if (!orphans) return orphans.error();
  bool own_family_gone = false;
  for (int64_t rt_id : *orphans) {
    if (auto r = t.refresh_tokens().remove(rt_id); !r) return r.error();
    own_family_gone = own_family_gone || rt_id == token->row.rt_id;
  }
  std::shared_ptr<MytokenResponse> update;
  auto still_there = t.tokens().hold(token->mom_id);
  if (!still_there) return still_there.error();
  if (*still_there) {  // a token that revoked itself (or an ancestor, recursively) has nothing left to count
    auto rotated = commit_other_use(t, ctx, *token, *used, caller);
    if (!rotated) return rotated.error();
    update = std::move(*rotated);
    if (auto r = record_event(t, token->mom_id, EventType::kRevokedOtherToken, "mom_id: " + request.target.value,
                              ctx.clock.now(), caller);
        !r) {
      return r.error();
    }
  }
  if (auto r = t.commit(); !r) return r.error();
  ctx.counters.mytokens_revoked.fetch_add(1, std::memory_order_relaxed);
  // The target belongs to the same user (checked above), so the presenting token's claims name them.
  audit_token(ctx, AuditEvent::kRevoked, request.target, token->claims, caller.ip,
              "by mom_id, authorised by " + token->mom_id.value + (request.recursive ? ", recursive" : ""));
  audit_rotation(ctx, token->mom_id, token->claims, update, caller.ip, "other use");
  // After the commit, so a slow OP never holds the write lock (design §3); its errors change nothing here.
  if (own_family_gone && !refresh_token.empty()) {
    if (auto* provider = ctx.providers.find(token->claims.oidc_iss))
      (void)provider->revoke_refresh_token(refresh_token);
  }
  return update;
}

}  // namespace mytoken
