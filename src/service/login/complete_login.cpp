#include <algorithm>
#include <boost/json/parse.hpp>

#include "crypto/jws.hpp"
#include "service/common/audit.hpp"
#include "service/common/token_text.hpp"
#include "service/login/login_flow.hpp"
#include "service/minting/family_key.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/minting/provider_policy_use.hpp"

namespace mytoken {
namespace {

// Keeps only the values the OP granted. A clause whose list becomes empty is removed, not widened to "any"
// (spec §21 item 5).
bool narrow_clauses(Restrictions& restrictions, const std::vector<std::string>& granted,
                    std::vector<std::string> RestrictionClause::*member) {
  const bool had_clauses = !restrictions.empty();
  std::erase_if(restrictions, [&](RestrictionClause& clause) {
    auto& values = clause.*member;
    if (values.empty()) return false;
    std::erase_if(values,
                  [&](const std::string& v) { return std::find(granted.begin(), granted.end(), v) == granted.end(); });
    return values.empty();
  });
  return !had_clauses || !restrictions.empty();
}

struct LoginSecrets {
  Secret verifier;
  Secret polling_code;
};

Result<LoginSecrets> open_state_secrets(const ServiceContext& ctx, const Secret& state, const PendingLoginRow& row) {
  auto sealed = open_sealed(ctx.secret.derive_key(purpose::kState, state.reveal()), row.state_sealed, row.state_hash);
  if (!sealed) return sealed.error();
  boost::system::error_code ec;
  auto json = boost::json::parse(*sealed, ec);
  if (ec || !json.is_object()) return ApiError::internal("pending login secrets are malformed");
  return LoginSecrets{Secret(std::string(json.at("verifier").as_string())),
                      Secret(std::string(json.at("polling_code").as_string()))};
}

Result<PendingLoginRow> find_login(const ServiceContext& ctx, const Secret& state) {
  auto tx = ctx.store.begin(TxMode::kRead);
  if (!tx) return tx.error();
  auto row = (*tx)->pending_logins().find_by_state(ctx.secret.lookup_hash(purpose::kState, state.reveal()));
  if (!row) return row.error();
  if (!*row || (*row)->expires_at < ctx.clock.now() || !(*row)->consented) {
    return ApiError::invalid_request("State mismatched");
  }
  return std::move(**row);
}

// Forgets a login the OP refused (spec §5.3 step 1): the polling client then gets invalid_token.
void forget_login(const ServiceContext& ctx, const PendingLoginRow& row) {
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return;
  (void)(*tx)->pending_logins().take(row.consent_code_hash);
  if (row.polling_code_hash) (void)(*tx)->proxy_tokens().take(*row.polling_code_hash);
  (void)(*tx)->commit();
}

Result<void> store_new_family(const ServiceContext& ctx, const PendingLoginRow& login, const LoginSecrets& secrets,
                              const MintedMytoken& token, const OpTokenResponse& op_tokens,
                              const CallerContext& caller) {
  const int64_t now = ctx.clock.now();
  const Secret family_key(ctx.random.bytes(32));
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  auto taken = t.pending_logins().take(login.consent_code_hash);
  if (!taken) return taken.error();
  if (!*taken) return ApiError::invalid_request("State mismatched");  // completed concurrently
  auto user_id = t.users().upsert(token.claims.oidc_sub, token.claims.oidc_iss);
  if (!user_id) return user_id.error();
  auto rt_id = t.refresh_tokens().insert(seal_refresh_token(family_key, op_tokens.refresh_token));
  if (!rt_id) return rt_id.error();
  if (auto r = store_mytoken(t, ctx, token, *user_id, *rt_id, family_key, std::nullopt, caller); !r) return r;
  AccessTokenRow at{token.mom_id,
                    now,
                    caller.ip,
                    "Initial Access Token from authorization code flow",
                    split_words(op_tokens.scope),
                    access_token_audiences(op_tokens.access_token)};
  if (auto r = t.access_tokens().insert(at); !r) return r;
  if (auto r = record_event(t, token.mom_id, EventType::kCreated, "Used grant_type oidc_flow authorization_code", now,
                            caller);
      !r) {
    return r;
  }
  if (login.polling_code_hash) {
    auto sealed = seal(ctx.secret.derive_key(purpose::kPollingCode, secrets.polling_code.reveal()), token.jwt.reveal(),
                       *login.polling_code_hash);
    if (auto r = t.proxy_tokens().set_jwt(*login.polling_code_hash, sealed, token.mom_id); !r) return r;
  }
  return t.commit();
}

}  // namespace

Result<std::string> complete_login(const ServiceContext& ctx, const OpCallback& callback, const CallerContext& caller) {
  if (callback.state.empty()) return ApiError::invalid_request("State mismatched");
  auto login = find_login(ctx, callback.state);
  if (!login) return login.error();
  if (!callback.error.empty()) {
    forget_login(ctx, *login);
    auto text = callback.error;
    if (!callback.error_description.empty()) text += ": " + callback.error_description;
    return ApiError::oidc_error(555, text);
  }
  if (callback.code.empty()) return ApiError::invalid_request("the OP's redirect carries no code");
  boost::system::error_code ec;
  auto request_json = boost::json::parse(login->request_json, ec);
  if (ec || !request_json.is_object()) return ApiError::internal("stored login request is not JSON");
  auto request = login_request_from_json(request_json.as_object());
  if (!request) return request.error();
  auto* provider = ctx.providers.find(request->oidc_issuer);
  if (provider == nullptr) return ApiError::invalid_request("The provided issuer is not supported");
  auto secrets = open_state_secrets(ctx, callback.state, *login);
  if (!secrets) return secrets.error();

  auto op_tokens = provider->exchange_code(callback.code, secrets->verifier, ctx.options.issuer + "/redirect");
  if (!op_tokens) return op_tokens.error();
  if (op_tokens->refresh_token.empty()) return ApiError::oidc_error(555, "Did not receive a refresh token");
  auto identity = provider->identify(*op_tokens);
  if (!identity) return identity.error();

  if (!op_tokens->scope.empty() &&
      !narrow_clauses(request->restrictions, split_words(op_tokens->scope), &RestrictionClause::scopes)) {
    return ApiError::oidc_error(555, "the OP granted none of the scopes the restrictions allow");
  }
  if (auto auds = access_token_audiences(op_tokens->access_token);
      !auds.empty() && !narrow_clauses(request->restrictions, auds, &RestrictionClause::audiences)) {
    return ApiError::oidc_error(555, "the OP granted none of the audiences the restrictions allow");
  }

  // Spec §5.3 step 6 and §6.5: enforced restrictions of the user's claims, then the provider's maximum lifetime.
  const int64_t now = ctx.clock.now();
  if (auto enforced =
          apply_enforced_restrictions(ctx, provider->issuer(), identity->claims, request->restrictions, now, caller.ip);
      !enforced) {
    if (enforced.error().status == 403) forget_login(ctx, *login);
    return enforced.error();
  }
  apply_max_lifetime(request->restrictions, now, provider_max_lifetime(ctx, provider->issuer()));

  MytokenSpec spec{identity->sub,         provider->issuer(), request->name,  request->capabilities,
                   request->restrictions, request->rotation,  ctx.clock.now()};
  const auto token = mint_mytoken(ctx, spec);
  if (auto r = store_new_family(ctx, *login, *secrets, token, *op_tokens, caller); !r) return r.error();
  ctx.counters.mytokens_created.fetch_add(1, std::memory_order_relaxed);  // committed: the token exists now
  audit_token(ctx, AuditEvent::kLogin, token.mom_id, token.claims, caller.ip, "authorization code flow");
  std::string page = "/native";
  if (!request->application_name.empty()) page += "?application=" + request->application_name;
  return page;
}

}  // namespace mytoken
