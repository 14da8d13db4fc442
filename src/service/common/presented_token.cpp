#include "service/common/presented_token.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>

#include "crypto/hashing.hpp"
#include "crypto/jws.hpp"
#include "service/common/audit.hpp"
#include "service/common/verified_token_cache.hpp"
#include "service/minting/stored_claims.hpp"
#include "service/rate_limits/request_rate_limit.hpp"
#include "service/transfer/short_token.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kMytokenTyp = "MT+JWT";

Result<void> check_registered_claims(const ServiceContext& ctx, const MytokenClaims& c, int64_t now) {
  if (c.ver != kTokenFormatVersion || c.token_type != "mytoken") {
    return ApiError::invalid_token("unsupported token format");
  }
  if (c.exp != 0 && c.exp < now) return ApiError::invalid_token("token is expired");
  if (c.iat > now) return ApiError::invalid_token("token used before issued");
  if (c.nbf > now) return ApiError::invalid_token("token is not valid yet");
  if (c.iss != ctx.options.issuer) return ApiError::invalid_token("token has an invalid issuer");
  if (c.aud != ctx.options.issuer) return ApiError::invalid_token("token has an invalid audience");
  if (c.sub != subject_hash(c.oidc_sub, c.oidc_iss)) return ApiError::invalid_token("token has an invalid subject");
  return {};
}

bool row_accepts(const TokenRow& row, const MytokenClaims& c, int64_t now) {
  if (row.seq_no != c.seq_no) return false;
  // Subtracted, not added: a client may ask for a lifetime up to INT64_MAX.
  if (c.rotation && c.rotation->lifetime > 0 && now - row.last_rotated > c.rotation->lifetime) return false;
  return true;
}

// Reuse detection (spec §4.3 step 4, §9): a superseded token with auto_revoke takes its subtree with it.
// Returns true once the removal committed.
bool revoke_on_reuse(const ServiceContext& ctx, const MomId& id) {
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return false;
  auto orphans = (*tx)->tokens().remove(id, /*recursive=*/true);
  if (!orphans) return false;
  for (int64_t rt_id : *orphans) (void)(*tx)->refresh_tokens().remove(rt_id);
  return static_cast<bool>((*tx)->commit());
}

// A token whose row refused it: superseded (reuse, spec §9) or past its rotation lifetime.
void refuse_stale(const ServiceContext& ctx, const PresentedToken& token, const TokenRow& row,
                  const CallerContext& caller) {
  const bool auto_revoke = token.claims.rotation && token.claims.rotation->auto_revoke;
  const bool revoked = auto_revoke && revoke_on_reuse(ctx, token.mom_id);
  if (row.seq_no == token.claims.seq_no) {  // its rotation lifetime ran out: no reuse
    if (revoked)
      audit_token(ctx, AuditEvent::kRevoked, token.mom_id, token.claims, caller.ip, "rotation lifetime over");
    return;
  }
  audit_token(ctx, AuditEvent::kReuseDetected, token.mom_id, token.claims, caller.ip,
              revoked ? "superseded token presented; token and subtree revoked" : "superseded token presented");
}

Result<VerifiedTokenCache::Entry> verify_signature_and_decode(const ServiceContext& ctx, const Secret& jwt) {
  auto payload = ctx.signing_keys.verify(jwt.reveal(), kMytokenTyp);
  if (!payload) return payload.error();
  boost::system::error_code ec;
  auto json = boost::json::parse(*payload, ec);
  if (ec || !json.is_object()) return ApiError::invalid_token("malformed token claims");
  auto claims = claims_from_json(json.as_object());
  if (!claims) return claims.error();
  auto id = mom_id_from_jti(claims->jti);
  if (!id) return ApiError::invalid_token("token has an invalid jti");
  return VerifiedTokenCache::Entry{std::move(*claims), std::move(*id)};
}

}  // namespace

Result<PresentedToken> decode_issued_mytoken(const ServiceContext& ctx, const Secret& jwt) {
  auto verify = [&] { return verify_signature_and_decode(ctx, jwt); };
  auto decoded = ctx.verified_tokens
                     ? ctx.verified_tokens->get_or_verify(jwt.reveal(), ctx.signing_keys.generation(), verify)
                     : verify();
  if (!decoded) return decoded.error();
  PresentedToken t;
  t.jwt = jwt;
  t.claims = std::move(decoded->claims);
  t.mom_id = std::move(decoded->mom_id);
  return t;
}

Result<PresentedToken> verify_mytoken_jwt(const ServiceContext& ctx, const Secret& jwt) {
  auto token = decode_issued_mytoken(ctx, jwt);
  if (!token) return token;
  if (auto ok = check_registered_claims(ctx, token->claims, ctx.clock.now()); !ok) return ok.error();
  return token;
}

Result<PresentedToken> validate_mytoken(const ServiceContext& ctx, const Secret& raw, const CallerContext& caller) {
  if (raw.empty()) return ApiError::invalid_token("no mytoken found in request");
  const bool is_short_token = !looks_like_jwt(raw.reveal());
  Secret jwt = raw;
  if (is_short_token) {  // spec §4.3 step 1, §4.5
    auto resolved = resolve_short_token(ctx, raw);
    if (!resolved) return resolved.error();
    jwt = std::move(*resolved);
  }
  auto token = verify_mytoken_jwt(ctx, jwt);
  if (!token) return token;
  if (is_short_token) {
    token->representation = "short_token";
    token->short_token = raw;
  }

  auto tx = ctx.store.begin(TxMode::kRead);
  if (!tx) return tx.error();
  auto row = (*tx)->tokens().find(token->mom_id);
  if (!row) return row.error();
  tx->reset();
  if (!*row) return ApiError::invalid_token();  // revoked or unknown
  if (!row_accepts(**row, token->claims, ctx.clock.now())) {
    refuse_stale(ctx, *token, **row, caller);
    return ApiError::invalid_token();
  }
  if (!power_claims_match(**row, token->claims)) {
    // Only a holder of the signing key can produce this: a security event, not a client error.
    spdlog::warn(
        "security event: a correctly signed mytoken (mom_id {}) carries capabilities, restrictions or "
        "rotation that differ from the stored token; refused. Is the signing key leaked?",
        token->mom_id.value);
    return ApiError::invalid_token();
  }
  token->row = std::move(**row);
  // Every request presenting a valid mytoken counts against its limit (docs/rate_limits.md).
  if (ctx.request_limits) {
    if (auto admitted = ctx.request_limits->admit_token(token->mom_id); !admitted) {
      return audit_if_rate_limited(ctx, admitted.error(), &token->mom_id, &token->claims, caller.ip,
                                   "per-token request limit");
    }
  }
  return token;
}

Result<int64_t> hold_presented_token(Transaction& tx, const PresentedToken& token) {
  auto seq_no = tx.tokens().hold(token.mom_id);
  if (!seq_no) return seq_no.error();
  if (!*seq_no) return ApiError::invalid_token();  // revoked since it was validated
  return **seq_no;
}

}  // namespace mytoken
