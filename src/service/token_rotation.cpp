#include "service/token_rotation.hpp"

#include "service/family_key.hpp"
#include "service/mytoken_minter.hpp"

namespace mytoken {

Result<std::shared_ptr<MytokenResponse>> rotate_if_due(Transaction& tx, const ServiceContext& ctx,
                                                       const PresentedToken& token, UseKind use,
                                                       const CallerContext& caller) {
  const auto& rotation = token.claims.rotation;
  if (!rotation || !(use == UseKind::kAccessToken ? rotation->on_AT : rotation->on_other)) return std::shared_ptr<MytokenResponse>();
  auto wrapped = tx.key_wraps().find(token.mom_id);
  if (!wrapped) return wrapped.error();
  if (!*wrapped) return ApiError::invalid_token();
  auto family_key = unwrap_family_key(ctx.secret, token.jwt, token.mom_id, **wrapped);
  if (!family_key) return family_key.error();

  const auto rotated = rotate_mytoken(ctx, token.claims);
  auto advanced = tx.tokens().advance_seq_no(token.mom_id, token.claims.seq_no, rotated.claims.iat);
  if (!advanced) return advanced.error();
  if (!*advanced) return std::shared_ptr<MytokenResponse>();
  if (auto r = tx.key_wraps().put(token.mom_id, token.row.rt_id,
                                  wrap_family_key(ctx.secret, rotated.jwt, token.mom_id, *family_key));
      !r) {
    return r.error();
  }
  if (auto r = record_event(tx, token.mom_id, "token_rotated", "", rotated.claims.iat, caller); !r) return r.error();
  return std::make_shared<MytokenResponse>(mytoken_response(rotated, rotated.claims.iat));
}

}  // namespace mytoken
