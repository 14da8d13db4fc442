#include "oidc/op_response.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace mytoken::oidc_internal {

namespace {

std::string string_member(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->get_string());
}

ApiError invalid_id_token(std::string reason) {
  ApiError error = ApiError::oidc_error(502, "invalid ID token from the OpenID provider");
  error.log_detail = std::move(reason);
  return error;
}

// expires_in is a number per RFC 6749, but some OPs send a string.
int64_t expires_in(const boost::json::object& object) {
  const auto* value = object.if_contains("expires_in");
  if (value == nullptr) return 0;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64())
    return static_cast<int64_t>(std::min<uint64_t>(value->get_uint64(), std::numeric_limits<int64_t>::max()));
  if (value->is_double()) {  // NaN or out of range: undefined behaviour to convert (see client/json_fields.hpp)
    const double d = value->get_double();
    return std::isnan(d) ? 0 : static_cast<int64_t>(std::clamp(d, -9.2e18, 9.2e18));
  }
  if (value->is_string()) {
    try {
      return std::stoll(std::string(value->get_string()));
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

}  // namespace

ApiError op_unreachable(std::string log_detail) {
  ApiError error = ApiError::oidc_error(502, std::string(kUnreachable));
  error.log_detail = std::move(log_detail);
  return error;
}

std::optional<boost::json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

Result<OpMetadata> parse_discovery(std::string_view body, std::string_view expected_issuer) {
  const auto doc = parse_object(body);
  if (!doc) return op_unreachable("discovery document of " + std::string(expected_issuer) + " is not a JSON object");
  OpMetadata meta{
      .issuer = string_member(*doc, "issuer"),
      .authorization_endpoint = string_member(*doc, "authorization_endpoint"),
      .token_endpoint = string_member(*doc, "token_endpoint"),
      .userinfo_endpoint = string_member(*doc, "userinfo_endpoint"),
      .revocation_endpoint = string_member(*doc, "revocation_endpoint"),
      .jwks_uri = string_member(*doc, "jwks_uri"),
  };
  if (meta.issuer != expected_issuer) {
    return op_unreachable("discovery document of " + std::string(expected_issuer) + " names issuer '" + meta.issuer +
                          "'");
  }
  if (meta.authorization_endpoint.empty() || meta.token_endpoint.empty()) {
    return op_unreachable("discovery document of " + std::string(expected_issuer) +
                          " lacks authorization_endpoint or token_endpoint");
  }
  return meta;
}

ApiError op_error(long status, std::string_view body, std::string_view what) {
  const auto object = parse_object(body);
  const std::string error = object ? string_member(*object, "error") : std::string();
  if (error.empty()) {
    return op_unreachable(std::string(what) + ": HTTP " + std::to_string(status) + " without an OAuth error");
  }
  std::string description = error;
  const std::string detail = string_member(*object, "error_description");
  if (!detail.empty()) description += ": " + detail;
  const int http_status = status >= 400 && status <= 599 ? static_cast<int>(status) : 502;
  ApiError result = ApiError::oidc_error(http_status, std::move(description));
  result.log_detail = std::string(what) + ": HTTP " + std::to_string(status);
  return result;
}

Result<OpTokenResponse> parse_token_response(long status, std::string_view body) {
  auto object = parse_object(body);
  if (status < 200 || status > 299 || !object || object->contains("error")) {
    return op_error(status, body, "token endpoint");
  }
  const std::string access_token = string_member(*object, "access_token");
  if (access_token.empty()) return op_unreachable("token endpoint: answer without access_token");
  return OpTokenResponse{
      .access_token = Secret(access_token),
      .refresh_token = Secret(string_member(*object, "refresh_token")),
      .id_token = Secret(string_member(*object, "id_token")),
      .scope = string_member(*object, "scope"),
      .token_type = string_member(*object, "token_type"),
      .expires_in = expires_in(*object),
  };
}

OpIdentity identity_from_claims(const boost::json::object& claims) {
  OpIdentity identity{.sub = string_member(claims, "sub"), .email = string_member(claims, "email"), .claims = claims};
  if (const auto* verified = claims.if_contains("email_verified")) {
    identity.email_verified =
        (verified->is_bool() && verified->get_bool()) || (verified->is_string() && verified->get_string() == "true");
  }
  return identity;
}

Result<void> check_id_token_claims(const boost::json::object& claims, std::string_view issuer,
                                   std::string_view client_id, int64_t now_unix, int64_t leeway_seconds) {
  if (string_member(claims, "iss") != issuer) return invalid_id_token("ID token iss is not the issuer");
  bool audience_ok = false;
  if (const auto* aud = claims.if_contains("aud")) {
    if (aud->is_string()) {
      audience_ok = aud->get_string() == client_id;
    } else if (aud->is_array()) {
      for (const auto& item : aud->get_array())
        audience_ok = audience_ok || (item.is_string() && item.get_string() == client_id);
    }
  }
  if (!audience_ok) return invalid_id_token("ID token aud does not contain our client_id");
  if (const auto* azp = claims.if_contains("azp");
      azp != nullptr && !(azp->is_string() && azp->get_string() == client_id)) {
    return invalid_id_token("ID token azp is not our client_id");
  }
  const auto* exp = claims.if_contains("exp");
  if (exp == nullptr || !exp->is_number()) return invalid_id_token("ID token without exp");
  boost::system::error_code ec;
  const auto exp_value = exp->to_number<double>(ec);
  if (ec || exp_value + static_cast<double>(leeway_seconds) <= static_cast<double>(now_unix)) {
    return invalid_id_token("ID token expired");
  }
  return {};
}

}  // namespace mytoken::oidc_internal
