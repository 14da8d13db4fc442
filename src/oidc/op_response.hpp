#pragma once

// Internal to src/oidc (exposed for tests): pure interpretation of what an OP answers.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/api_error.hpp"
#include "domain/ports/oidc_provider.hpp"
#include "domain/result.hpp"

namespace mytoken::oidc_internal {

inline constexpr std::string_view kUnreachable = "the OpenID provider could not be reached";

// oidc_error 502 kUnreachable with `log_detail` for the server log (never a token or secret).
ApiError op_unreachable(std::string log_detail);

// The endpoints of an OP's discovery document (OpenID Connect Discovery 1.0 §3).
struct OpMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;    // may be empty
  std::string revocation_endpoint;  // may be empty: revocation is then a no-op
  std::string jwks_uri;             // may be empty: ID tokens are then not used, userinfo is
};

// Parses a discovery document. Its `issuer` must equal `expected_issuer` exactly (we never follow another
// issuer); authorization_endpoint and token_endpoint are required. Failure: op_unreachable.
Result<OpMetadata> parse_discovery(std::string_view body, std::string_view expected_issuer);

// The error an OP token/revocation/userinfo endpoint answered with, for a non-2xx `status` or a body with an
// `error` member: oidc_error(<OP status, or 502 if it was not an error status>, "<error>[: <error_description>]");
// a body without a JSON `error` → op_unreachable. `what` names the endpoint in log_detail.
ApiError op_error(long status, std::string_view body, std::string_view what);

// Parses a token endpoint answer (any status): success needs a 2xx status, a JSON object without `error` and a
// string access_token; otherwise op_error().
Result<OpTokenResponse> parse_token_response(long status, std::string_view body);

// A JSON object body, or nullopt.
std::optional<boost::json::object> parse_object(std::string_view body);

// sub/email/email_verified from a claims object (ID token payload or userinfo answer); email_verified may be a
// bool or the string "true". sub is empty if absent or not a string.
OpIdentity identity_from_claims(const boost::json::object& claims);

// Checks the claims of a signature-verified ID token (OIDC Core §3.1.3.7): iss == issuer, aud (string or array)
// contains client_id, azp (if present) == client_id, exp (required) > now - leeway.
// Failure: oidc_error 502 "invalid ID token from the OpenID provider" with the reason in log_detail.
Result<void> check_id_token_claims(const boost::json::object& claims, std::string_view issuer,
                                   std::string_view client_id, int64_t now_unix, int64_t leeway_seconds = 60);

}  // namespace mytoken::oidc_internal
