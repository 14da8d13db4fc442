#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/secret.hpp"

namespace mytoken {

// What mytokend sends to the OP's authorization endpoint (spec §5.3).
struct AuthorizationParams {
  std::string redirect_uri;
  std::string state;                   // CSPRNG, independent of the consent and polling codes
  std::string code_challenge;          // S256 of the PKCE verifier
  std::vector<std::string> scopes;     // final list; the provider adds openid and offline_access if missing
  std::vector<std::string> audiences;  // RFC 8707 resource (or the configured legacy parameter)
};

struct OpTokenResponse {
  Secret access_token;
  Secret refresh_token;  // empty if the OP returned none
  Secret id_token;       // empty if none
  std::string scope;     // as returned by the OP ("" if absent)
  std::string token_type;
  int64_t expires_in = 0;
};

// The user as the OP identifies them, from the signature-verified ID token, else userinfo (spec §5.3 step 5).
struct OpIdentity {
  std::string sub;
  std::string email;
  bool email_verified = false;
  boost::json::object claims;  // every claim seen: ID token, then userinfo for those it lacks (enforced restrictions)
};

// One configured OpenID provider. Thread-safe. Every failure is an ApiError:
// OP answered an OAuth error → oidc_error with the OP's HTTP status and "<error>[: <description>]";
// OP unreachable / invalid answer → oidc_error 502.
class OidcProvider {
 public:
  OidcProvider() = default;
  OidcProvider(const OidcProvider&) = delete;
  OidcProvider& operator=(const OidcProvider&) = delete;
  virtual ~OidcProvider() = default;

  virtual const std::string& issuer() const = 0;  // exactly as configured
  virtual const std::string& name() const = 0;
  virtual const std::vector<std::string>& scopes() const = 0;  // configured default scopes
  virtual Result<std::string> authorization_url(const AuthorizationParams& params) = 0;
  virtual Result<OpTokenResponse> exchange_code(const Secret& code, const Secret& code_verifier,
                                                const std::string& redirect_uri) = 0;
  // Refresh grant; scopes empty = none sent; offline_access appended to a non-empty scope (spec §7 step 3).
  virtual Result<OpTokenResponse> refresh(const Secret& refresh_token, const std::vector<std::string>& scopes,
                                          const std::vector<std::string>& audiences) = 0;
  // RFC 7009 revocation of a refresh token; a no-op if the OP has no revocation endpoint.
  virtual Result<void> revoke_refresh_token(const Secret& refresh_token) = 0;
  virtual Result<OpIdentity> identify(const OpTokenResponse& tokens) = 0;
  // For readiness: whether the OP's discovery document is loaded; fetches it first if none is (blocking, up to
  // the provider's timeout).
  virtual bool metadata_loaded() = 0;
};

}  // namespace mytoken
