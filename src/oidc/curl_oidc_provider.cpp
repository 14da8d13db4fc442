#include "oidc/curl_oidc_provider.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"
#include "oidc/authorization_url.hpp"
#include "oidc/curl_http.hpp"
#include "oidc/op_response.hpp"
#include "oidc/refreshing_cache.hpp"

namespace mytoken {

namespace {

using namespace oidc_internal;
using namespace std::chrono_literals;

// spec §21 item 19: the algorithms an OP may sign ID tokens with.
const std::vector<JwsAlg> kIdTokenAlgs = {JwsAlg::kRS256, JwsAlg::kES256, JwsAlg::kES384,
                                          JwsAlg::kES512, JwsAlg::kPS256, JwsAlg::kEdDSA};

struct OpKeys {
  RemoteJwks jwks;
  std::vector<std::string> kids;
};

// The `kid` of a compact JWS header, "" if none or unreadable.
std::string jws_kid(std::string_view compact) {
  const auto dot = compact.find('.');
  if (dot == std::string_view::npos) return {};
  const auto header_json = base64url_decode(compact.substr(0, dot));
  if (!header_json) return {};
  const auto header = parse_object(*header_json);
  if (!header) return {};
  const auto* kid = header->if_contains("kid");
  return kid != nullptr && kid->is_string() ? std::string(kid->get_string()) : std::string();
}

class CurlOidcProvider final : public OidcProvider {
 public:
  explicit CurlOidcProvider(ProviderOptions options)
      : options_(std::move(options)),
        google_(is_google(options_.issuer)),
        basic_auth_(basic_authorization(options_.client_id, options_.client_secret)),
        http_(CurlHttpOptions{.timeout = options_.timeout}),
        metadata_(1h, 1min),
        keys_(1h, 1min) {}

  const std::string& issuer() const override { return options_.issuer; }
  const std::string& name() const override { return options_.name; }
  const std::vector<std::string>& scopes() const override { return options_.scopes; }

  Result<std::string> authorization_url(const AuthorizationParams& params) override {
    auto meta = metadata();
    if (!meta) return std::move(meta).error();
    return build_authorization_url((*meta)->authorization_endpoint, options_, params);
  }

  Result<OpTokenResponse> exchange_code(const Secret& code, const Secret& code_verifier,
                                        const std::string& redirect_uri) override {
    return token_request({{"grant_type", "authorization_code"},
                          {"code", code.reveal_string()},
                          {"code_verifier", code_verifier.reveal_string()},
                          {"redirect_uri", redirect_uri},
                          {"client_id", options_.client_id}});
  }

  Result<OpTokenResponse> refresh(const Secret& refresh_token, const std::vector<std::string>& scopes,
                                  const std::vector<std::string>& audiences) override {
    FormParams form{{"grant_type", "refresh_token"}, {"refresh_token", refresh_token.reveal_string()}};
    if (std::string scope = refresh_scope(scopes, google_); !scope.empty()) form.emplace_back("scope", scope);
    for (auto& p : audience_params(options_, audiences)) form.push_back(std::move(p));
    return token_request(form);
  }

  Result<void> revoke_refresh_token(const Secret& refresh_token) override {
    auto meta = metadata();
    if (!meta) return std::move(meta).error();
    const std::string& endpoint = (*meta)->revocation_endpoint;
    if (endpoint.empty()) return {};
    const std::string body =
        form_encode({{"token", refresh_token.reveal_string()}, {"token_type_hint", "refresh_token"}});
    auto response = http_.post_form(endpoint, body, basic_auth_);
    if (!response) return std::move(response).error();
    // RFC 7009 §2.2: 200 also for a token that was already invalid.
    if (response->status < 200 || response->status > 299) {
      return op_error(response->status, response->body, "revocation endpoint");
    }
    return {};
  }

  bool metadata_loaded() override { return metadata().has_value(); }

  Result<OpIdentity> identify(const OpTokenResponse& tokens) override {
    auto meta = metadata();
    if (!meta) return std::move(meta).error();
    OpIdentity identity;
    if (!tokens.id_token.empty() && !(*meta)->jwks_uri.empty()) {
      auto claims = verify_id_token(**meta, tokens.id_token.reveal());
      if (!claims) return std::move(claims).error();
      identity = identity_from_claims(*claims);
    }
    ApiError userinfo_failure = ApiError::oidc_error(555, "could not get 'subject' from id token");
    // The ID token often carries only sub (OIDC Core §5.4: scope claims go to userinfo when an AT is issued).
    if ((identity.sub.empty() || identity.email.empty()) && !(*meta)->userinfo_endpoint.empty() &&
        !tokens.access_token.empty()) {
      auto info = userinfo(**meta, tokens.access_token);
      if (info && identity.sub.empty()) {
        identity = std::move(*info);
      } else if (info && info->sub == identity.sub) {  // OIDC Core §5.3.2: else the answer must not be used
        identity.email = std::move(info->email);
        identity.email_verified = info->email_verified;
        for (const auto& [k, v] : info->claims) {
          if (!identity.claims.contains(k)) identity.claims[k] = v;
        }
      } else if (!info) {
        userinfo_failure.log_detail = "userinfo: " + info.error().description + "; " + info.error().log_detail;
      }
    }
    if (identity.sub.empty()) return userinfo_failure;
    return identity;
  }

 private:
  Result<std::shared_ptr<const OpMetadata>> metadata() {
    return metadata_.get([this]() -> Result<OpMetadata> {
      std::string_view base = options_.issuer;
      if (base.ends_with('/')) base.remove_suffix(1);  // OpenID Connect Discovery §4.1
      const std::string url = std::string(base) + "/.well-known/openid-configuration";
      auto response = http_.get(url, {}, true);
      if (!response) return std::move(response).error();
      if (response->status != 200) {
        return op_unreachable("GET " + url + ": HTTP " + std::to_string(response->status));
      }
      return parse_discovery(response->body, options_.issuer);
    });
  }

  Result<std::shared_ptr<const OpKeys>> keys(const std::string& jwks_uri) {
    return keys_.get([&]() -> Result<OpKeys> {
      auto response = http_.get(jwks_uri, {}, true);
      if (!response) return std::move(response).error();
      if (response->status != 200) {
        return op_unreachable("GET " + jwks_uri + ": HTTP " + std::to_string(response->status));
      }
      boost::system::error_code ec;
      const boost::json::value doc = boost::json::parse(response->body, ec);
      if (ec) return op_unreachable("GET " + jwks_uri + ": not JSON");
      auto jwks = RemoteJwks::parse(doc);
      if (!jwks) return op_unreachable("GET " + jwks_uri + ": " + jwks.error().description);
      OpKeys keys{.jwks = std::move(*jwks), .kids = {}};
      if (const auto* list = doc.is_object() ? doc.get_object().if_contains("keys") : nullptr;
          list != nullptr && list->is_array()) {
        for (const auto& key : list->get_array()) {
          const auto* kid = key.is_object() ? key.get_object().if_contains("kid") : nullptr;
          if (kid != nullptr && kid->is_string()) keys.kids.emplace_back(kid->get_string());
        }
      }
      return keys;
    });
  }

  Result<boost::json::object> verify_id_token(const OpMetadata& meta, std::string_view id_token) {
    auto keys = this->keys(meta.jwks_uri);
    if (!keys) return std::move(keys).error();
    auto claims = (*keys)->jwks.verify(id_token, kIdTokenAlgs);
    if (!claims) {
      // The OP may have rotated its keys: refetch once (at most every 30 s) if the token names an unknown kid.
      const std::string kid = jws_kid(id_token);
      const auto& kids = (*keys)->kids;
      if (!kid.empty() && std::find(kids.begin(), kids.end(), kid) == kids.end() && keys_.expire_if_older_than(30s)) {
        keys = this->keys(meta.jwks_uri);
        if (!keys) return std::move(keys).error();
        claims = (*keys)->jwks.verify(id_token, kIdTokenAlgs);
      }
    }
    if (!claims) {
      ApiError error = ApiError::oidc_error(502, "invalid ID token from the OpenID provider");
      error.log_detail = "ID token signature: " + claims.error().description;
      return error;
    }
    const int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (auto checked = check_id_token_claims(*claims, options_.issuer, options_.client_id, now); !checked) {
      return std::move(checked).error();
    }
    return claims;
  }

  Result<OpIdentity> userinfo(const OpMetadata& meta, const Secret& access_token) {
    auto response = http_.get(meta.userinfo_endpoint, access_token.reveal(), false);
    if (!response) return std::move(response).error();
    const auto claims = parse_object(response->body);
    if (response->status != 200 || !claims) return op_error(response->status, response->body, "userinfo endpoint");
    return identity_from_claims(*claims);
  }

  Result<OpTokenResponse> token_request(const FormParams& form) {
    auto meta = metadata();
    if (!meta) return std::move(meta).error();
    auto response = http_.post_form((*meta)->token_endpoint, form_encode(form), basic_auth_);
    if (!response) return std::move(response).error();
    return parse_token_response(response->status, response->body);
  }

  const ProviderOptions options_;
  const bool google_;
  const std::string basic_auth_;
  CurlHttp http_;
  RefreshingCache<OpMetadata> metadata_;
  RefreshingCache<OpKeys> keys_;
};

}  // namespace

Result<std::unique_ptr<OidcProvider>> make_curl_oidc_provider(ProviderOptions options) {
  auto issuer = boost::urls::parse_absolute_uri(options.issuer);
  if (!issuer || (issuer->scheme() != "https" && issuer->scheme() != "http") || !issuer->has_authority() ||
      issuer->host().empty() || issuer->has_query() || issuer->has_fragment()) {
    return ApiError::internal("provider issuer is not an http(s) URL without query: '" + options.issuer + "'");
  }
  if (options.client_id.empty()) return ApiError::internal("provider " + options.issuer + ": client_id missing");
  if (!options.use_rfc8707 && options.audience_request_parameter.empty()) {
    return ApiError::internal("provider " + options.issuer + ": audience.request_parameter is empty");
  }
  if (options.timeout <= std::chrono::milliseconds::zero()) {
    return ApiError::internal("provider " + options.issuer + ": timeout must be positive");
  }
  return std::unique_ptr<OidcProvider>(std::make_unique<CurlOidcProvider>(std::move(options)));
}

}  // namespace mytoken
