#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"
#include "service/login/login_flow.hpp"
#include "service/minting/provider_policy_use.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

}  // namespace

Result<StartedLogin> start_login(const ServiceContext& ctx, const StartLoginRequest& start,
                                 const CallerContext& caller) {
  const int64_t now = ctx.clock.now();
  LoginRequest request;
  apply_edits(request, start.edits);
  request.response_type = start.response_type;
  request.max_token_len = start.max_token_len;
  request.application_name = start.application_name;
  const auto* provider = ctx.providers.find(request.oidc_issuer);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");
  request.oidc_issuer = provider->issuer();  // spec §5.2 step 1: normalised to the configured spelling
  // Provider policy (docs/profiles.md): default restrictions for a request without any, then the maximum
  // lifetime, so that the consent page already shows what the token will get.
  if (const auto& policy = provider_policy_of(ctx, request.oidc_issuer);
      request.restrictions.empty() && !policy.default_restrictions.empty()) {
    auto defaults = policy_restrictions(ctx, policy.default_restrictions, now, caller.ip);
    if (!defaults) return defaults.error();
    request.restrictions = std::move(*defaults);
  }
  apply_max_lifetime(request.restrictions, now, provider_max_lifetime(ctx, request.oidc_issuer));
  if (const int64_t exp = restrictions_exp(request.restrictions); exp > 0 && exp < now) {
    return ApiError::invalid_request("token would already be expired");
  }

  // Independent CSPRNG values (spec §21 item 1): knowing one reveals nothing about the others.
  const Secret consent_code(ctx.random.code(ctx.options.consent_code_len, kCodeAlphabet));
  const Secret polling_code(ctx.random.code(ctx.options.polling_code_len, kCodeAlphabet));
  const Secret state(ctx.random.code(32, kAlphanumeric));
  const Secret verifier(ctx.random.code(64, kAlphanumeric));

  PendingLoginRow login;
  login.consent_code_hash = ctx.secret.lookup_hash(purpose::kConsentCode, consent_code.reveal());
  login.state_hash = ctx.secret.lookup_hash(purpose::kState, state.reveal());
  login.polling_code_hash = ctx.secret.lookup_hash(purpose::kPollingCode, polling_code.reveal());
  login.request_json = boost::json::serialize(to_json(request));
  login.consent_sealed =
      seal(ctx.secret.derive_key(purpose::kConsentCode, consent_code.reveal()),
           boost::json::serialize(boost::json::object{{"state", state.reveal()}, {"verifier", verifier.reveal()}}),
           login.consent_code_hash);
  login.state_sealed = seal(ctx.secret.derive_key(purpose::kState, state.reveal()),
                            boost::json::serialize(boost::json::object{{"verifier", verifier.reveal()},
                                                                       {"polling_code", polling_code.reveal()}}),
                            login.state_hash);
  login.created = now;
  login.expires_at = now + ctx.options.pending_login_lifetime;

  ProxyTokenRow polling;
  polling.id = *login.polling_code_hash;
  polling.kind = ProxyTokenRow::Kind::kPollingCode;
  polling.created = now;
  polling.expires_at = now + ctx.options.polling_code_lifetime;
  polling.response_type = request.response_type;
  polling.max_token_len = request.max_token_len;

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  if (auto r = (*tx)->pending_logins().insert(login); !r) return r.error();
  if (auto r = (*tx)->proxy_tokens().insert(polling); !r) return r.error();
  if (auto r = (*tx)->commit(); !r) return r.error();

  return StartedLogin{ctx.options.issuer + "/c/" + consent_code.reveal_string(), polling_code,
                      ctx.options.polling_code_lifetime, ctx.options.polling_interval};
}

}  // namespace mytoken
