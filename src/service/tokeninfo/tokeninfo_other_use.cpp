#include "service/tokeninfo/tokeninfo_other_use.hpp"

#include <algorithm>

#include "domain/capabilities.hpp"
#include "service/common/audit.hpp"
#include "service/common/clause_use.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/mytoken_minter.hpp"

namespace mytoken {

Result<std::shared_ptr<MytokenResponse>> run_tokeninfo_other_use(const ServiceContext& ctx, const Secret& mytoken,
                                                                 std::initializer_list<std::string_view> capabilities,
                                                                 const CallerContext& caller,
                                                                 const TokeninfoAction& action) {
  auto token = validate_mytoken(ctx, mytoken, caller);
  if (!token) return token.error();
  if (std::none_of(capabilities.begin(), capabilities.end(),
                   [&](std::string_view c) { return has_capability(token->claims.capabilities, c); })) {
    return ApiError::insufficient_capabilities();
  }
  auto used = authorize_other_use(ctx, *token, caller);
  if (!used) return used.error();
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto held = hold_presented_token(t, *token); !held) return held.error();
  auto event = action(t, *token);
  if (!event) return event.error();
  auto update = commit_other_use(t, ctx, *token, *used, caller);
  if (!update) return update.error();
  if (auto r = record_event(t, token->mom_id, *event, "", ctx.clock.now(), caller); !r) return r.error();
  if (auto r = t.commit(); !r) return r.error();
  audit_rotation(ctx, token->mom_id, token->claims, *update, caller.ip, "other use");
  return std::move(*update);
}

}  // namespace mytoken
