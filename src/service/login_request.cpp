#include "service/login_request.hpp"

#include "domain/restrictions.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

Result<std::string> optional_string(const boost::json::object& o, std::string_view key, std::string fallback) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return fallback;
  if (!it->value().is_string()) return ApiError::invalid_request(std::string(key) + " must be a string");
  return std::string(it->value().as_string());
}

}  // namespace

boost::json::object to_json(const LoginRequest& r) {
  boost::json::object o;
  o["oidc_issuer"] = r.oidc_issuer;
  o["capabilities"] = capabilities_to_json(r.capabilities);
  o["restrictions"] = restrictions_to_json(r.restrictions);
  if (r.rotation) o["rotation"] = rotation_to_json(*r.rotation);
  o["name"] = r.name;
  o["response_type"] = r.response_type;
  o["max_token_len"] = r.max_token_len;
  o["application_name"] = r.application_name;
  return o;
}

Result<LoginRequest> login_request_from_json(const boost::json::object& o) {
  LoginRequest r;
  auto bad = [] { return ApiError::internal("stored login request is malformed"); };
  try {
    r.oidc_issuer = o.at("oidc_issuer").as_string();
    auto caps = parse_capabilities(o.at("capabilities"));
    if (!caps) return bad();
    r.capabilities = std::move(*caps);
    auto restrictions = restrictions_from_json(o.at("restrictions"));
    if (!restrictions) return bad();
    r.restrictions = std::move(*restrictions);
    if (auto it = o.find("rotation"); it != o.end()) {
      auto rotation = parse_rotation(it->value());
      if (!rotation) return bad();
      r.rotation = *rotation;
    }
    r.name = o.at("name").as_string();
    r.response_type = o.at("response_type").as_string();
    r.max_token_len = o.at("max_token_len").as_int64();
    r.application_name = o.at("application_name").as_string();
  } catch (const std::exception&) {
    return bad();
  }
  return r;
}

Result<void> apply_request_members(LoginRequest& r, const boost::json::object& body, int64_t now,
                                   std::string_view caller_ip) {
  auto issuer = optional_string(body, "oidc_issuer", r.oidc_issuer);
  if (!issuer) return issuer.error();
  r.oidc_issuer = std::move(*issuer);
  auto name = optional_string(body, "name", r.name);
  if (!name) return name.error();
  r.name = std::move(*name);
  if (utf8_length(r.name) > 100) return ApiError::invalid_request("name must not exceed 100 characters");
  if (auto it = body.find("capabilities"); it != body.end() && !it->value().is_null()) {
    auto caps = parse_requested_capabilities(it->value());
    if (!caps) return caps.error();
    r.capabilities = std::move(*caps);
  }
  if (r.capabilities.empty()) r.capabilities = {"AT", "tokeninfo"};  // spec §5.2 step 2
  if (auto it = body.find("restrictions"); it != body.end() && !it->value().is_null()) {
    auto restrictions = parse_restrictions(it->value(), now, caller_ip);
    if (!restrictions) return restrictions.error();
    r.restrictions = std::move(*restrictions);
  }
  if (auto it = body.find("rotation"); it != body.end()) {
    auto rotation = parse_rotation(it->value());
    if (!rotation) return rotation.error();
    r.rotation = *rotation;
  }
  return {};
}

}  // namespace mytoken
