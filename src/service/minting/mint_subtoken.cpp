#include "service/minting/mint_subtoken.hpp"

#include <utility>

#include "domain/restrictions.hpp"
#include "service/common/audit.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/minting/token_representation.hpp"

namespace mytoken {
namespace {

// The parent's remaining usages bound the child's (spec §21 item 4): read in one read transaction.
Tightened tighten_against_remaining(const ServiceContext& ctx, const PresentedToken& parent,
                                    const Restrictions& requested, Transaction* tx) {
  MatchEnvironment env = ctx.match_env;
  if (tx != nullptr) {
    env.usages_of = [&](const std::string& hash) {
      auto counts = tx->usages().counts(parent.mom_id, hash);
      return counts ? *counts : UsageCounts{};
    };
  }
  return tighten(parent.claims.restrictions, requested, env);
}

int64_t max_lifetime_of(const ServiceContext& ctx, const std::string& issuer) {
  auto it = ctx.options.mytokens_max_lifetime.find(issuer);
  return it == ctx.options.mytokens_max_lifetime.end() ? 0 : it->second;
}

}  // namespace

Result<DerivedSubtoken> derive_subtoken(const ServiceContext& ctx, const PresentedToken& parent,
                                        const SubtokenRequest& request, const CallerContext& caller) {
  if (!has_capability(parent.claims.capabilities, capability::kCreateMytoken)) {
    return ApiError::insufficient_capabilities();
  }
  auto used = authorize_other_use(ctx, parent, caller);
  if (!used) return used.error();
  if (!request.oidc_issuer.empty() && request.oidc_issuer != parent.claims.oidc_iss) {
    return ApiError::invalid_request("token not for specified issuer");
  }
  if (ctx.providers.find(parent.claims.oidc_iss) == nullptr) {
    return ApiError::invalid_request("The provided issuer is not supported");
  }

  const int64_t now = ctx.clock.now();
  const int64_t max_lifetime = max_lifetime_of(ctx, parent.claims.oidc_iss);
  Restrictions requested = request.restrictions;
  // An empty request inherits the parent's clauses; the lifetime cap is then applied to the result below, so
  // that "inherit" never turns into a clause the parent does not cover.
  if (!requested.empty() && apply_max_lifetime(requested, now, max_lifetime) && request.error_on_restrictions) {
    return ApiError::invalid_request("requested restrictions do not respect maximum mytoken lifetime");
  }
  Tightened tightened{{}, false};
  {
    auto tx = ctx.store.begin(TxMode::kRead);
    if (!tx) return tx.error();
    tightened = tighten_against_remaining(ctx, parent, requested, tx->get());
  }
  if (!tightened.ok && request.error_on_restrictions) {
    return ApiError::invalid_request("requested restrictions are not subset of original restrictions");
  }
  apply_max_lifetime(tightened.restrictions, now, max_lifetime);  // spec §6.5: again at token creation
  if (const int64_t exp = restrictions_exp(tightened.restrictions); exp > 0 && exp < now) {
    return ApiError::invalid_request("token would already be expired");
  }
  Capabilities capabilities = tighten_capabilities(parent.claims.capabilities, request.capabilities);
  if (capabilities.empty()) {
    return ApiError::invalid_request("mytoken to be issued cannot have any of the requested capabilities");
  }
  return DerivedSubtoken{std::move(*used), std::move(tightened.restrictions), std::move(capabilities)};
}

Result<MytokenResponse> mint_subtoken(const ServiceContext& ctx, const SubtokenRequest& request,
                                      const CallerContext& caller) {
  auto parent = validate_mytoken(ctx, request.parent, caller);
  if (!parent) return parent.error();
  auto derived = derive_subtoken(ctx, *parent, request, caller);
  if (!derived) return derived.error();

  const MytokenSpec spec{parent->claims.oidc_sub, parent->claims.oidc_iss, request.name,
                         derived->capabilities,   derived->restrictions,   request.rotation,
                         parent->claims.auth_time};
  const MintedMytoken child = mint_mytoken(ctx, spec);
  const int64_t now = child.claims.iat;

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  // The parent may have been revoked or rotated since it was validated: then it cannot have children.
  auto seq_no = hold_presented_token(t, *parent);
  if (!seq_no) return seq_no.error();
  if (*seq_no != parent->claims.seq_no) return ApiError::invalid_token();
  // spec §5.5: the parent must have a refresh token; the child shares it (spec §12.1).
  auto wrapped = t.key_wraps().find(parent->mom_id);
  if (!wrapped) return wrapped.error();
  if (!*wrapped) return ApiError::invalid_token({}, 400);
  auto record = t.refresh_tokens().find(parent->row.rt_id);
  if (!record) return record.error();
  if (!*record) return ApiError::invalid_token({}, 400);
  auto family_key = unwrap_family_key(ctx.secret, parent->jwt, parent->mom_id, **wrapped);
  if (!family_key) return ApiError::invalid_token({}, 400);

  auto update = commit_other_use(t, ctx, *parent, derived->used, caller);
  if (!update) return update.error();
  if (auto r =
          store_mytoken(t, ctx, child, parent->row.user_id, parent->row.rt_id, *family_key, parent->mom_id, caller);
      !r) {
    return r.error();
  }
  if (auto r = record_event(t, child.mom_id, EventType::kCreated, "Used grant_type mytoken", now, caller); !r)
    return r.error();
  if (auto r = record_event(t, child.mom_id, EventType::kInheritedRt, "Got RT from parent", now, caller); !r)
    return r.error();
  const std::string comment = request.name.empty() ? "Created MT" : "Created MT " + request.name;
  if (auto r = record_event(t, parent->mom_id, EventType::kMtCreated, comment, now, caller); !r) return r.error();
  const auto representation = choose_representation(request.response_type, request.max_token_len,
                                                    child.jwt.reveal().size(), representation_options(ctx.options));
  auto response = present_mytoken(t, ctx, child, representation, now);  // spec §4.4
  if (!response) return response.error();
  if (auto r = t.commit(); !r) return r.error();
  ctx.counters.mytokens_created.fetch_add(1, std::memory_order_relaxed);  // after the commit: it exists now
  audit_rotation(ctx, parent->mom_id, parent->claims, *update, caller.ip, "other use");
  audit_token(ctx, AuditEvent::kTokenCreated, child.mom_id, child.claims, caller.ip,
              "grant_type mytoken; parent " + parent->mom_id.value + "; as " +
                  std::string(representation_name(representation)));
  response->token_update = std::move(*update);
  return std::move(*response);
}

}  // namespace mytoken
