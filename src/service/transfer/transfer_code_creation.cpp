#include "service/transfer/transfer_code_creation.hpp"

#include "service/common/audit.hpp"
#include "service/common/clause_use.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/mytoken_minter.hpp"

namespace mytoken {

Result<CreatedTransferCode> create_transfer_code_for_token(const ServiceContext& ctx, const Secret& mytoken,
                                                           const CallerContext& caller) {
  auto token = validate_mytoken(ctx, mytoken, caller);
  if (!token) return token.error();
  auto used = authorize_other_use(ctx, *token, caller);
  if (!used) return used.error();

  const int64_t now = ctx.clock.now();
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto held = hold_presented_token(t, *token); !held) return held.error();
  auto update = commit_other_use(t, ctx, *token, *used, caller);
  if (!update) return update.error();
  const auto& rotation = token->claims.rotation;
  if (rotation && rotation->on_other && !*update) return ApiError::invalid_token();  // superseded concurrently

  // The receiver gets what the sender holds now: the rotated token if it rotated, else the presented one.
  const bool short_token = token->representation == "short_token";
  const Secret& text = *update ? (*update)->mytoken : (short_token ? token->short_token : token->jwt);
  const auto representation = short_token ? "short_token" : "token";
  auto code = create_transfer_code(t, ctx, text, representation, token->mom_id, /*revoke_mytoken=*/false, now);
  if (!code) return code.error();
  if (auto r = record_event(t, token->mom_id, EventType::kTransferCodeCreated,
                            std::string("token type: ") + representation, now, caller);
      !r) {
    return r.error();
  }
  if (auto r = t.commit(); !r) return r.error();
  audit_rotation(ctx, token->mom_id, token->claims, *update, caller.ip, "other use");
  audit_token(ctx, AuditEvent::kTransferCodeCreated, token->mom_id, token->claims, caller.ip,
              std::string("for a ") + representation);
  return CreatedTransferCode{std::move(*code), std::move(*update)};
}

}  // namespace mytoken
