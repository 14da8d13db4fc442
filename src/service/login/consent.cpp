#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hashing.hpp"
#include "domain/restrictions.hpp"
#include "service/common/audit.hpp"
#include "service/login/login_flow.hpp"
#include "service/rate_limits/code_rate_limit.hpp"

namespace mytoken {
namespace {

struct LoadedLogin {
  PendingLoginRow row;
  LoginRequest request;
};

ApiError already_decided() { return ApiError::conflict("this consent request was already decided"); }

// Looks a consent code up under the guessing limits of polling and transfer codes (code_rate_limit.hpp): the
// attempt is counted, and an unknown or expired code counts as a miss, in the store shared by all instances.
Result<LoadedLogin> load_pending(const ServiceContext& ctx, const Secret& consent_code, const CallerContext& caller) {
  const auto now = ctx.clock.now();
  const auto& limits = ctx.options.code_rate_limit;
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto r = admit_code_attempt(t, limits, ctx.secret, consent_code.reveal(), caller.ip, now); !r) {
    return guessing_limit_outcome(
        ctx.counters.guessing_limited,
        audit_if_rate_limited(ctx, r.error(), nullptr, nullptr, caller.ip, "consent code guessing limit"));
  }
  auto row = t.pending_logins().find_by_consent(ctx.secret.lookup_hash(purpose::kConsentCode, consent_code.reveal()));
  if (!row) return row.error();
  const bool known = *row && (*row)->expires_at >= now;
  if (!known) {
    if (auto r = record_code_miss(t, limits, ctx.secret, caller.ip, now); !r) return r.error();
  }
  if (auto r = t.commit(); !r) return r.error();
  if (!known) return ApiError::not_found("unknown or expired consent code");
  boost::system::error_code ec;
  auto json = boost::json::parse((*row)->request_json, ec);
  if (ec || !json.is_object()) return ApiError::internal("stored login request is not JSON");
  auto request = login_request_from_json(json.as_object());
  if (!request) return request.error();
  return LoadedLogin{std::move(**row), std::move(*request)};
}

// A login the user has not decided on yet; a decided one answers 409 (a decision is taken once).
Result<LoadedLogin> load_undecided(const ServiceContext& ctx, const Secret& consent_code, const CallerContext& caller) {
  auto login = load_pending(ctx, consent_code, caller);
  if (login && login->row.consented) return already_decided();
  return login;
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

Result<LoginRequest> show_consent(const ServiceContext& ctx, const Secret& consent_code, const CallerContext& caller) {
  auto login = load_undecided(ctx, consent_code, caller);
  if (!login) return login.error();
  return std::move(login->request);
}

Result<std::string> approve_consent(const ServiceContext& ctx, const Secret& consent_code,
                                    const Result<LoginRequestEdits>& decision, const CallerContext& caller) {
  auto login = load_undecided(ctx, consent_code, caller);
  if (!login) return login.error();
  if (!decision) return decision.error();
  auto& request = login->request;
  apply_edits(request, *decision);
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

  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto recorded =
      (*tx)->pending_logins().record_consent(login->row.consent_code_hash, boost::json::serialize(to_json(request)));
  if (!recorded) return recorded.error();
  if (!*recorded) return already_decided();  // another request decided first
  if (auto r = (*tx)->commit(); !r) return r.error();
  return url;
}

Result<std::string> decline_consent(const ServiceContext& ctx, const Secret& consent_code,
                                    const CallerContext& caller) {
  auto login = load_undecided(ctx, consent_code, caller);
  if (!login) return login.error();
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto taken = (*tx)->pending_logins().take_undecided(login->row.consent_code_hash);
  if (!taken) return taken.error();
  if (!*taken) return already_decided();
  if (login->row.polling_code_hash) {
    if (auto r = (*tx)->proxy_tokens().mark_declined(*login->row.polling_code_hash); !r) return r.error();
  }
  if (auto r = (*tx)->commit(); !r) return r.error();
  std::string page = "/native/abort";
  if (!login->request.application_name.empty()) page += "?application=" + login->request.application_name;
  return page;
}

}  // namespace mytoken
