#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"
#include "service/login_flow.hpp"
#include "service/provider_policy_use.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

Result<void> check_flow_members(const boost::json::object& body) {
  if (auto it = body.find("oidc_flow"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_string() || it->value().as_string() != "authorization_code") {
      return ApiError::invalid_grant("Unsupported oidc_flow");
    }
  }
  if (auto it = body.find("client_type"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_string()) return ApiError::invalid_request("client_type must be a string");
    if (it->value().as_string() == "web") {
      // Browser flows with cookies belong to the web interface, which this server does not ship (spec §21).
      return ApiError::invalid_request("client_type=web is not supported by this server; use a native client");
    }
  }
  return {};
}

Result<void> read_response_members(LoginRequest& r, const boost::json::object& body) {
  if (auto it = body.find("response_type"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_string()) return ApiError::invalid_request("response_type must be a string");
    r.response_type = std::string(it->value().as_string());
  }
  if (auto it = body.find("max_token_len"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_int64() || it->value().as_int64() < 0) {
      return ApiError::invalid_request("max_token_len must be a non-negative integer");
    }
    r.max_token_len = it->value().as_int64();
  }
  if (auto it = body.find("application_name"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_string()) return ApiError::invalid_request("application_name must be a string");
    r.application_name = std::string(it->value().as_string()).substr(0, 100);
  }
  return {};
}

}  // namespace

Result<StartedLogin> start_login(const ServiceContext& ctx, const boost::json::object& body,
                                 const CallerContext& caller) {
  if (auto ok = check_flow_members(body); !ok) return ok.error();
  const int64_t now = ctx.clock.now();
  LoginRequest request;
  if (auto ok = apply_request_members(request, body, now, caller.ip); !ok) return ok.error();
  if (auto ok = read_response_members(request, body); !ok) return ok.error();
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
