#include "service/revoke_token.hpp"

#include "crypto/jws.hpp"
#include "service/family_key.hpp"
#include "service/presented_token.hpp"

namespace mytoken {

Result<void> revoke_token(const ServiceContext& ctx, const RevokeRequest& request, const CallerContext&) {
  if (request.token.empty()) return ApiError::invalid_request("no token given");
  if (!looks_like_jwt(request.token.reveal())) return {};  // short tokens and codes: see issue 8
  auto token = verify_mytoken_jwt(ctx, request.token);
  if (!token) return {};
  if (!request.oidc_issuer.empty() && request.oidc_issuer != token->claims.oidc_iss) {
    return ApiError::invalid_request("token not for specified issuer");
  }
  auto* provider = ctx.providers.find(token->claims.oidc_iss);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  auto row = t.tokens().find(token->mom_id);
  if (!row) return row.error();
  if (!*row) return {};
  if ((*row)->seq_no != token->claims.seq_no) return ApiError::invalid_token();
  auto wrapped = t.key_wraps().find(token->mom_id);
  if (!wrapped) return wrapped.error();
  Secret refresh_token;
  std::optional<RefreshTokenRecord> record;
  if (*wrapped) {
    auto family_key = unwrap_family_key(ctx.secret, token->jwt, token->mom_id, **wrapped);
    if (!family_key) return family_key.error();
    auto found = t.refresh_tokens().find((*row)->rt_id);
    if (!found) return found.error();
    if (*found) {
      auto rt = open_refresh_token(*family_key, (*found)->ciphertext);
      if (!rt) return rt.error();
      refresh_token = std::move(*rt);
    }
  }
  auto orphans = t.tokens().remove(token->mom_id, request.recursive);
  if (!orphans) return orphans.error();
  bool family_gone = false;
  for (int64_t rt_id : *orphans) {
    if (auto r = t.refresh_tokens().remove(rt_id); !r) return r;
    family_gone = family_gone || rt_id == (*row)->rt_id;
  }
  if (auto r = t.commit(); !r) return r;
  // After the commit, so a slow OP never holds the write lock (design §3); its errors change nothing here.
  if (family_gone && !refresh_token.empty()) (void)provider->revoke_refresh_token(refresh_token);
  return {};
}

}  // namespace mytoken
