#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hashing.hpp"
#include "domain/restrictions.hpp"
#include "service/login_flow.hpp"

namespace mytoken {
namespace {

struct LoadedLogin {
  PendingLoginRow row;
  LoginRequest request;
};

Result<LoadedLogin> load_pending(const ServiceContext& ctx, const Secret& consent_code) {
  const auto hash = ctx.secret.lookup_hash(purpose::kConsentCode, consent_code.reveal());
  auto tx = ctx.store.begin(TxMode::kRead);
  if (!tx) return tx.error();
  auto row = (*tx)->pending_logins().find_by_consent(hash);
  if (!row) return row.error();
  if (!*row || (*row)->expires_at < ctx.clock.now()) {
    return ApiError::not_found("unknown or expired consent code");
  }
  boost::system::error_code ec;
  auto json = boost::json::parse((*row)->request_json, ec);
  if (ec || !json.is_object()) return ApiError::internal("stored login request is not JSON");
  auto request = login_request_from_json(json.as_object());
  if (!request) return request.error();
  return LoadedLogin{std::move(**row), std::move(*request)};
}

void add_unique(std::vector<std::string>& into, const std::vector<std::string>& values) {
  for (const auto& v : values) {
    if (std::find(into.begin(), into.end(), v) == into.end()) into.push_back(v);
  }
}

// spec §5.3: the union of the clauses' scopes (else the provider's), and of their audiences.
AuthorizationParams authorization_params(const ServiceContext& ctx, const LoginRequest& request,
                                         const OidcProvider& provider) {
  AuthorizationParams p;
  p.redirect_uri = ctx.options.issuer + "/redirect";
  for (const auto& clause : request.restrictions) {
    add_unique(p.scopes, clause.scopes);
    add_unique(p.audiences, clause.audiences);
  }
  if (p.scopes.empty()) p.scopes = provider.scopes();
  return p;
}

}  // namespace

Result<LoginRequest> show_consent(const ServiceContext& ctx, const Secret& consent_code) {
  auto login = load_pending(ctx, consent_code);
  if (!login) return login.error();
  return std::move(login->request);
}

Result<std::string> approve_consent(const ServiceContext& ctx, const Secret& consent_code,
                                    const boost::json::object& body, const CallerContext& caller) {
  auto login = load_pending(ctx, consent_code);
  if (!login) return login.error();
  auto& request = login->request;
  if (auto ok = apply_request_members(request, body, ctx.clock.now(), caller.ip); !ok) return ok.error();
  auto* provider = ctx.providers.find(request.oidc_issuer);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");
  request.oidc_issuer = provider->issuer();

  auto sealed = open_sealed(ctx.secret.derive_key(purpose::kConsentCode, consent_code.reveal()),
                            login->row.consent_sealed, login->row.consent_code_hash);
  if (!sealed) return sealed.error();
  boost::system::error_code ec;
  auto secrets = boost::json::parse(*sealed, ec);
  if (ec || !secrets.is_object()) return ApiError::internal("pending login secrets are malformed");
  const Secret state(std::string(secrets.at("state").as_string()));
  const Secret verifier(std::string(secrets.at("verifier").as_string()));

  auto params = authorization_params(ctx, request, *provider);
  params.state = state.reveal();
  params.code_challenge = pkce_challenge(verifier.reveal());
  auto url = provider->authorization_url(params);
  if (!url) return url.error();

  login->row.request_json = boost::json::serialize(to_json(request));
  login->row.consented = true;
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  if (auto r = (*tx)->pending_logins().update(login->row); !r) return r.error();
  if (auto r = (*tx)->commit(); !r) return r.error();
  return url;
}

Result<std::string> decline_consent(const ServiceContext& ctx, const Secret& consent_code) {
  auto login = load_pending(ctx, consent_code);
  if (!login) return login.error();
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  if (auto r = (*tx)->pending_logins().take(login->row.consent_code_hash); !r) return r.error();
  if (login->row.polling_code_hash) {
    if (auto r = (*tx)->proxy_tokens().mark_declined(*login->row.polling_code_hash); !r) return r.error();
  }
  if (auto r = (*tx)->commit(); !r) return r.error();
  std::string page = "/native/abort";
  if (!login->request.application_name.empty()) page += "?application=" + login->request.application_name;
  return page;
}

}  // namespace mytoken
