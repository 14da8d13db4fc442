#include "service/transfer/short_token.hpp"

#include <algorithm>

namespace mytoken {

Result<Secret> create_short_token(Transaction& tx, const ServiceContext& ctx, const Secret& jwt, const MomId& mom_id,
                                  int64_t now) {
  Secret short_token(ctx.random.code(std::max(ctx.options.short_token_len, kMinShortTokenLen), kCodeAlphabet));
  ProxyTokenRow row;
  row.id = ctx.secret.lookup_hash(purpose::kShortToken, short_token.reveal());
  row.kind = ProxyTokenRow::Kind::kShortToken;
  // The row id is the aad: a sealed JWT cannot be moved to another row.
  row.jwt_ciphertext = seal(ctx.secret.derive_key(purpose::kShortToken, short_token.reveal()), jwt.reveal(), row.id);
  row.mom_id = mom_id;
  row.created = now;
  row.expires_at = 0;  // lives as long as its token (cascade), spec §4.5
  row.response_type = "short_token";
  if (auto r = tx.proxy_tokens().insert(row); !r) return r.error();
  return short_token;
}

Result<std::optional<Secret>> find_short_token_jwt(Transaction& tx, const ServiceContext& ctx,
                                                   const Secret& short_token) {
  if (short_token.reveal().size() < kMinShortTokenLen) return std::optional<Secret>();
  const auto id = ctx.secret.lookup_hash(purpose::kShortToken, short_token.reveal());
  auto row = tx.proxy_tokens().find(id);
  if (!row) return row.error();
  if (!*row || (*row)->kind != ProxyTokenRow::Kind::kShortToken) return std::optional<Secret>();
  auto jwt = open_sealed(ctx.secret.derive_key(purpose::kShortToken, short_token.reveal()), (*row)->jwt_ciphertext, id);
  if (!jwt) return jwt.error();
  return std::optional<Secret>(Secret(std::move(*jwt)));
}

Result<Secret> resolve_short_token(const ServiceContext& ctx, const Secret& short_token) {
  if (short_token.reveal().size() < kMinShortTokenLen) return ApiError::invalid_token("token not valid");
  auto tx = ctx.store.begin(TxMode::kRead);
  if (!tx) return tx.error();
  auto jwt = find_short_token_jwt(**tx, ctx, short_token);
  if (!jwt) return jwt.error();
  if (!*jwt) return ApiError::invalid_token();
  return std::move(**jwt);
}

}  // namespace mytoken
