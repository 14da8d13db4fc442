#include "service/revocation/revoke_token.hpp"

#include "crypto/jws.hpp"
#include "service/common/audit.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/family_key.hpp"
#include "service/rate_limits/code_rate_limit.hpp"
#include "service/transfer/short_token.hpp"

namespace mytoken {
namespace {

// spec §11 A for a JWT this server signed: delete it (and its subtree if `recursive`); the family's refresh token
// goes to the OP's revocation endpoint when no token is left that uses it.
// `how` says in the audit record which path revoked it.
Result<void> revoke_issued(const ServiceContext& ctx, const PresentedToken& token, bool recursive,
                           const std::string& oidc_issuer, const CallerContext& caller, std::string how) {
  if (!oidc_issuer.empty() && oidc_issuer != token.claims.oidc_iss) {
    return ApiError::invalid_request("token not for specified issuer");
  }
  auto* provider = ctx.providers.find(token.claims.oidc_iss);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  auto row = t.tokens().find(token.mom_id);
  if (!row) return row.error();
  if (!*row) return {};
  if ((*row)->seq_no != token.claims.seq_no) return ApiError::invalid_token();
  auto refresh_token = open_family_refresh_token(t, ctx.secret, token.jwt, token.mom_id, (*row)->rt_id);
  if (!refresh_token) return refresh_token.error();
  auto orphans = t.tokens().remove(token.mom_id, recursive);
  if (!orphans) return orphans.error();
  bool family_gone = false;
  for (int64_t rt_id : *orphans) {
    if (auto r = t.refresh_tokens().remove(rt_id); !r) return r;
    family_gone = family_gone || rt_id == (*row)->rt_id;
  }
  if (auto r = t.commit(); !r) return r;
  ctx.counters.mytokens_revoked.fetch_add(1, std::memory_order_relaxed);
  if (recursive) how += ", recursive";
  audit_token(ctx, AuditEvent::kRevoked, token.mom_id, token.claims, caller.ip, std::move(how));
  // After the commit, so a slow OP never holds the write lock (design §3); its errors change nothing here.
  if (family_gone && !refresh_token->empty()) (void)provider->revoke_refresh_token(*refresh_token);
  return {};
}

struct CodeKind {
  std::string_view purpose;
  ProxyTokenRow::Kind kind;
};

// spec §11 A for a string shorter than 32 characters: a transfer or polling code. The code is deleted; if it
// stands for a new token nobody holds yet (revoke_MT, or a finished polling code) that token is revoked with its
// subtree. Unknown codes change nothing but count as misses of the guessing limits (code_rate_limit.hpp).
Result<void> revoke_code(const ServiceContext& ctx, const Secret& code, const CallerContext& caller) {
  const int64_t now = ctx.clock.now();
  const auto& limits = ctx.options.code_rate_limit;
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto r = admit_code_attempt(t, limits, ctx.secret, code.reveal(), caller.ip, now); !r) {
    return guessing_limit_outcome(
        ctx.counters.guessing_limited,
        audit_if_rate_limited(ctx, r.error(), nullptr, nullptr, caller.ip, "revocation code guessing limit"));
  }
  std::optional<Secret> jwt;
  bool found = false;
  for (const auto& candidate : {CodeKind{purpose::kTransferCode, ProxyTokenRow::Kind::kTransferCode},
                                CodeKind{purpose::kPollingCode, ProxyTokenRow::Kind::kPollingCode}}) {
    const auto id = ctx.secret.lookup_hash(candidate.purpose, code.reveal());
    auto row = t.proxy_tokens().find(id);
    if (!row) return row.error();
    if (!*row || (*row)->kind != candidate.kind) continue;
    found = true;
    const bool new_token = (*row)->revoke_mytoken || candidate.kind == ProxyTokenRow::Kind::kPollingCode;
    if (new_token && !(*row)->jwt_ciphertext.empty()) {
      auto text = open_sealed(ctx.secret.derive_key(candidate.purpose, code.reveal()), (*row)->jwt_ciphertext, id);
      if (!text) return text.error();
      jwt = Secret(std::move(*text));
      if ((*row)->response_type == "short_token") {
        auto resolved = find_short_token_jwt(t, ctx, *jwt);
        if (!resolved) return resolved.error();
        jwt = std::move(*resolved);
      }
    }
    if (auto taken = t.proxy_tokens().take(id); !taken) return taken.error();
    break;
  }
  if (!found) {
    if (auto r = record_code_miss(t, limits, ctx.secret, caller.ip, now); !r) return r;
  }
  if (auto r = t.commit(); !r) return r;
  if (!jwt) return {};
  // Signature only: the token may not be valid yet (nbf) and is revoked all the same.
  auto token = decode_issued_mytoken(ctx, *jwt);
  if (!token) return {};
  return revoke_issued(ctx, *token, /*recursive=*/true, "", caller, "revocation endpoint, by code");
}

}  // namespace

Result<void> revoke_token(const ServiceContext& ctx, const RevokeRequest& request, const CallerContext& caller) {
  if (request.token.empty()) return ApiError::invalid_request("no token given");
  Secret jwt = request.token;
  if (!looks_like_jwt(request.token.reveal())) {
    if (request.token.reveal().size() < kMinShortTokenLen) return revoke_code(ctx, request.token, caller);
    // spec §11 A: a short token. Revoking its token removes all of the token's short tokens (cascade).
    auto tx = ctx.store.begin(TxMode::kRead);
    if (!tx) return tx.error();
    auto resolved = find_short_token_jwt(**tx, ctx, request.token);
    if (!resolved) return resolved.error();
    if (!*resolved) return {};  // unknown: already revoked
    jwt = std::move(**resolved);
  }
  auto token = verify_mytoken_jwt(ctx, jwt);
  if (!token) return {};
  return revoke_issued(ctx, *token, request.recursive, request.oidc_issuer, caller, "revocation endpoint");
}

}  // namespace mytoken
