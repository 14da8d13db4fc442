#include "service/rotation/token_rotation.hpp"

#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/minting/token_representation.hpp"

namespace mytoken {

Result<std::shared_ptr<MytokenResponse>> rotate_if_due(Transaction& tx, const ServiceContext& ctx,
                                                       const PresentedToken& token, UseKind use,
                                                       const CallerContext& caller) {
  const auto& rotation = token.claims.rotation;
  if (!rotation || !(use == UseKind::kAccessToken ? rotation->on_AT : rotation->on_other))
    return std::shared_ptr<MytokenResponse>();
  // The compare-and-swap comes first: a request that lost the race must not touch the key wrap, which the
  // winner has re-wrapped under its new JWT (the old JWT would no longer open it). It ends without an update.
  const auto rotated = rotate_mytoken(ctx, token.claims);
  auto advanced = tx.tokens().advance_seq_no(token.mom_id, token.claims.seq_no, rotated.claims.iat);
  if (!advanced) return advanced.error();
  if (!*advanced) return std::shared_ptr<MytokenResponse>();
  auto wrapped = tx.key_wraps().find(token.mom_id);
  if (!wrapped) return wrapped.error();
  if (!*wrapped) return ApiError::invalid_token();
  auto family_key = unwrap_family_key(ctx.secret, token.jwt, token.mom_id, **wrapped);
  if (!family_key) return family_key.error();
  if (auto r = tx.key_wraps().put(token.mom_id, token.row.rt_id,
                                  wrap_family_key(ctx.secret, rotated.jwt, token.mom_id, *family_key));
      !r) {
    return r.error();
  }
  if (auto r = record_event(tx, token.mom_id, EventType::kTokenRotated, "", rotated.claims.iat, caller); !r)
    return r.error();
  // spec §9: same representation as presented. A short token rotates to a new short token; the old one's row
  // keeps the stale JWT (spec §4.5), so presenting it again is seen as reuse (auto_revoke).
  const auto representation =
      token.representation == "short_token" ? TokenRepresentation::kShortToken : TokenRepresentation::kToken;
  auto update = present_mytoken(tx, ctx, rotated, representation, rotated.claims.iat);
  if (!update) return update.error();
  ctx.counters.mytokens_rotated.fetch_add(1, std::memory_order_relaxed);
  return std::make_shared<MytokenResponse>(std::move(*update));
}

}  // namespace mytoken
