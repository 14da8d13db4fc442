#include "service/minting/mytoken_minter.hpp"

#include <algorithm>
#include <limits>

#include "crypto/hashing.hpp"
#include "domain/restrictions.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/stored_claims.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kMytokenTyp = "MT+JWT";

Secret sign_claims(const ServiceContext& ctx, const MytokenClaims& claims) {
  return Secret(ctx.signing_keys.sign(kMytokenTyp, serialize_jwt_payload(claims_to_json(claims))));
}

int64_t bounded_exp(const MytokenClaims& c, int64_t now) {
  const int64_t by_restrictions = restrictions_exp(c.restrictions);
  if (!c.rotation || c.rotation->lifetime <= 0) return by_restrictions;
  // A client may ask for any non-negative lifetime: saturate instead of overflowing into a negative exp.
  const int64_t by_lifetime = c.rotation->lifetime > std::numeric_limits<int64_t>::max() - now
                                  ? std::numeric_limits<int64_t>::max()
                                  : now + c.rotation->lifetime;
  return by_restrictions > 0 ? std::min(by_restrictions, by_lifetime) : by_lifetime;
}

}  // namespace

MintedMytoken mint_mytoken(const ServiceContext& ctx, const MytokenSpec& spec) {
  const int64_t now = ctx.clock.now();
  MytokenClaims c;
  c.iss = ctx.options.issuer;
  c.aud = ctx.options.issuer;
  c.oidc_sub = spec.oidc_sub;
  c.oidc_iss = spec.oidc_iss;
  c.sub = subject_hash(spec.oidc_sub, spec.oidc_iss);
  c.jti = ctx.random.uuid4();
  c.seq_no = 1;
  c.iat = now;
  c.nbf = std::max(now, restrictions_nbf(spec.restrictions));  // spec §4.1: raised only if every clause has nbf
  c.auth_time = spec.auth_time;
  c.name = spec.name;
  c.capabilities = spec.capabilities;
  c.restrictions = spec.restrictions;
  if (spec.rotation && !spec.rotation->empty()) c.rotation = spec.rotation;
  c.exp = bounded_exp(c, now);
  auto id = mom_id_from_jti(c.jti);
  return {sign_claims(ctx, c), std::move(c), std::move(*id)};
}

MintedMytoken rotate_mytoken(const ServiceContext& ctx, const MytokenClaims& current) {
  const int64_t now = ctx.clock.now();
  MytokenClaims c = current;
  c.seq_no = current.seq_no + 1;
  c.iat = now;
  c.nbf = now;
  c.exp = bounded_exp(c, now);
  auto id = mom_id_from_jti(c.jti);
  return {sign_claims(ctx, c), std::move(c), std::move(*id)};
}

Result<void> store_mytoken(Transaction& tx, const ServiceContext& ctx, const MintedMytoken& token, int64_t user_id,
                           int64_t rt_id, const Secret& family_key, const std::optional<MomId>& parent,
                           const CallerContext& caller) {
  const auto& c = token.claims;
  TokenRow row;
  row.mom_id = token.mom_id;
  row.seq_no = c.seq_no;
  row.parent = parent;
  row.name = c.name.substr(0, 100);
  row.created = c.iat;
  row.ip_created = caller.ip;
  row.user_id = user_id;
  row.rt_id = rt_id;
  row.expires_at = c.exp;
  row.last_rotated = c.iat;
  copy_power_claims(row, c);
  if (auto r = tx.tokens().insert(row); !r) return r;
  return tx.key_wraps().put(token.mom_id, rt_id, wrap_family_key(ctx.secret, token.jwt, token.mom_id, family_key));
}

MytokenResponse mytoken_response(const MintedMytoken& token, int64_t now) {
  MytokenResponse r;
  r.mytoken = token.jwt;
  r.mytoken_type = "token";
  r.mom_id = token.mom_id;
  r.expires_in = token.claims.exp > 0 ? std::max<int64_t>(token.claims.exp - now, 0) : 0;
  r.restrictions = token.claims.restrictions;
  r.capabilities = token.claims.capabilities;
  r.rotation = token.claims.rotation;
  return r;
}

Result<void> record_event(Transaction& tx, const MomId& id, EventType type, std::string comment, int64_t now,
                          const CallerContext& caller) {
  return tx.events().append(
      EventRow{id, std::string(event_name(type)), now, std::move(comment), caller.ip, caller.user_agent});
}

}  // namespace mytoken
