#include "service/access_tokens/issue_access_token.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "crypto/jws.hpp"
#include "domain/capabilities.hpp"
#include "domain/restrictions.hpp"
#include "service/common/audit.hpp"
#include "service/common/clause_use.hpp"
#include "service/common/presented_token.hpp"
#include "service/common/token_text.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/rotation/token_rotation.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

// spec §6.3 for an AT request: requested scopes and audiences must fit the clause.
Result<std::optional<UsedClause>> select_at_clause(const ServiceContext& ctx, const PresentedToken& token,
                                                   const AccessTokenRequest& request, const CallerContext& caller) {
  return select_used_clause(
      ctx, token,
      UsageRequest{UsageRequest::Kind::kAccessToken, ctx.clock.now(), caller.ip, request.scopes, request.audiences});
}

// Reserves one AT usage of the clause (exact across threads and instances) and reads the token's key wrap.
Result<std::string> reserve_usage(const ServiceContext& ctx, const PresentedToken& token,
                                  const std::optional<UsedClause>& used) {
  auto tx = ctx.store.begin(used ? TxMode::kWrite : TxMode::kRead);
  if (!tx) return tx.error();
  if (used) {
    if (auto held = hold_presented_token(**tx, token); !held) return held.error();
  }
  if (auto r = consume_usage(**tx, token, used, UsageRepository::Kind::kAT); !r) return r.error();
  auto wrapped = (*tx)->key_wraps().find(token.mom_id);
  if (!wrapped) return wrapped.error();
  if (!*wrapped) return ApiError::invalid_token("No refresh token attached");
  if (auto r = (*tx)->commit(); !r) return r.error();
  return std::move(**wrapped);
}

// A usage that cannot be given back stays consumed: the token loses one AT use, nothing worse. Logged and counted
// (ServiceCounters::usage_release_failures, for the coming /metrics endpoint), so an operator sees a database that
// refuses writes.
void release_usage(const ServiceContext& ctx, const PresentedToken& token, const std::optional<UsedClause>& used) {
  if (!used) return;
  auto released = [&]() -> Result<void> {
    auto tx = ctx.store.begin(TxMode::kWrite);
    if (!tx) return tx.error();
    if (auto r = (*tx)->usages().release(token.mom_id, used->hash, UsageRepository::Kind::kAT); !r) return r;
    return (*tx)->commit();
  }();
  if (!released) {
    ctx.counters.usage_release_failures.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("could not release an AT usage of mom_id {} after the OP failed: {}", token.mom_id.value,
                 released.error().log_detail);
  }
}

// spec §7 step 2 with the fixes of §21 item 3: the request wins, then the clause; with neither, no scope is
// sent and the OP answers with the refresh token's whole grant.
void choose_scopes(const AccessTokenRequest& request, const std::optional<UsedClause>& used,
                   std::vector<std::string>& scopes, std::vector<std::string>& audiences) {
  scopes = request.scopes;
  audiences = request.audiences;
  if (used && scopes.empty()) scopes = used->clause.scopes;
  if (used && audiences.empty()) audiences = used->clause.audiences;
}

}  // namespace

IssueAccessToken::IssueAccessToken(const ServiceContext& ctx) : ctx_(ctx) {
  for (const auto& provider : ctx.providers.all()) {
    refresh_token_policies_.try_emplace(provider.get(), RefreshTokenPolicy::kUnknown);
  }
}

Result<AccessTokenResponse> IssueAccessToken::run(const AccessTokenRequest& request,
                                                  const CallerContext& caller) const {
  auto token = validate_mytoken(ctx_, request.mytoken, caller);
  if (!token) return token.error();
  if (!has_capability(token->claims.capabilities, capability::kAT)) return ApiError::insufficient_capabilities();
  if (!request.oidc_issuer.empty() && request.oidc_issuer != token->claims.oidc_iss) {
    return ApiError::invalid_request("token not for specified issuer");
  }
  auto* provider = ctx_.providers.find(token->claims.oidc_iss);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");

  auto used = select_at_clause(ctx_, *token, request, caller);
  if (!used) return used.error();
  auto wrapped = reserve_usage(ctx_, *token, *used);
  if (!wrapped) return wrapped.error();
  auto family_key = unwrap_family_key(ctx_.secret, token->jwt, token->mom_id, *wrapped);
  if (!family_key) {
    release_usage(ctx_, *token, *used);
    return family_key.error();
  }
  std::vector<std::string> scopes, audiences;
  choose_scopes(request, *used, scopes, audiences);

  auto op_tokens = refresh_at_op(*provider, AccessTokenReuseKey{token->row.rt_id, scopes, audiences}, *family_key);
  if (!op_tokens) {
    release_usage(ctx_, *token, *used);
    return op_tokens.error();
  }

  const int64_t now = ctx_.clock.now();
  AccessTokenResponse response;
  response.access_token = op_tokens->access_token;
  response.token_type = op_tokens->token_type.empty() ? "Bearer" : op_tokens->token_type;
  response.expires_in = op_tokens->expires_in;
  response.scope = op_tokens->scope.empty() ? join(scopes, " ") : op_tokens->scope;
  response.audience = access_token_audiences(op_tokens->access_token);

  auto tx = ctx_.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto held = hold_presented_token(t, *token); !held) return held.error();
  AccessTokenRow record{token->mom_id, now, caller.ip, request.comment.substr(0, 100), scopes, response.audience};
  if (auto r = t.access_tokens().insert(record); !r) return r.error();
  if (auto r = record_event(t, token->mom_id, EventType::kAtCreated, "Used grant_type mytoken", now, caller); !r) {
    return r.error();
  }
  auto update = rotate_if_due(t, ctx_, *token, UseKind::kAccessToken, caller);
  if (!update) return update.error();
  if (auto r = t.commit(); !r) return r.error();
  ctx_.counters.access_tokens_issued.fetch_add(1, std::memory_order_relaxed);
  audit_token(ctx_, AuditEvent::kAccessTokenIssued, token->mom_id, token->claims, caller.ip,
              "scope: " + response.scope);
  audit_rotation(ctx_, token->mom_id, token->claims, *update, caller.ip, "access token");
  response.token_update = std::move(*update);
  return response;
}

Result<OpTokenResponse> IssueAccessToken::refresh_at_op(OidcProvider& provider, const AccessTokenReuseKey& request,
                                                        const Secret& family_key) const {
  // Single flight per family while the OP rotates refresh tokens: read the current refresh token, use it, and
  // store its successor before the next request of the family may read it (design §3). The lock is
  // in-process; across instances the version compare-and-swap below keeps a late writer from overwriting a
  // newer token. With reuse on, requests that waited here find the access token the first one obtained.
  const auto* reuse = reuse_options(provider);
  auto& policy = refresh_token_policies_.at(&provider);
  std::optional<KeyedMutex::Guard> guard;
  if (reuse || policy.load() != RefreshTokenPolicy::kKeeps) guard.emplace(refresh_locks_, request.rt_id);
  if (reuse) {
    auto cached = reusable_access_tokens_.find(request, family_key, ctx_.clock.now(), reuse->min_lifetime);
    if (cached) return std::move(*cached);
  }
  std::optional<RefreshTokenRecord> record;
  {
    auto tx = ctx_.store.begin(TxMode::kRead);
    if (!tx) return tx.error();
    auto found = (*tx)->refresh_tokens().find(request.rt_id);
    if (!found) return found.error();
    if (!*found) return ApiError::invalid_token("No refresh token attached");
    record = std::move(**found);
  }
  auto refresh_token = open_refresh_token(family_key, record->ciphertext);
  if (!refresh_token) return refresh_token.error();
  auto op_tokens = provider.refresh(*refresh_token, request.scopes, request.audiences);
  if (!op_tokens) return op_tokens;
  const bool rotated = !op_tokens->refresh_token.empty() && op_tokens->refresh_token != *refresh_token;
  if (!rotated) {
    auto unknown = RefreshTokenPolicy::kUnknown;
    policy.compare_exchange_strong(unknown, RefreshTokenPolicy::kKeeps);
  } else {
    policy.store(RefreshTokenPolicy::kRotates);
    auto tx = ctx_.store.begin(TxMode::kWrite);
    if (!tx) return tx.error();
    auto swapped = (*tx)->refresh_tokens().replace(request.rt_id, record->version,
                                                   seal_refresh_token(family_key, op_tokens->refresh_token));
    if (!swapped) return swapped.error();
    if (auto r = (*tx)->commit(); !r) return r.error();
  }
  if (reuse) reusable_access_tokens_.remember(request, family_key, *op_tokens, ctx_.clock.now());
  return op_tokens;
}

const AccessTokenReuseOptions* IssueAccessToken::reuse_options(const OidcProvider& provider) const {
  auto it = ctx_.options.access_token_reuse.find(provider.issuer());
  return it != ctx_.options.access_token_reuse.end() && it->second.enabled ? &it->second : nullptr;
}

}  // namespace mytoken
