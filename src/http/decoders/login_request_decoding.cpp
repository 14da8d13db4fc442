#include "http/decoders/login_request_decoding.hpp"

#include <utility>

#include "domain/restrictions.hpp"
#include "http/decoders/body_members.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

Result<void> check_flow_members(const boost::json::object& body) {
  if (const auto* v = member(body, "oidc_flow")) {
    if (!v->is_string() || v->get_string() != "authorization_code") {
      return ApiError::invalid_grant("Unsupported oidc_flow");
    }
  }
  if (const auto* v = member(body, "client_type")) {
    if (!v->is_string()) return ApiError::invalid_request("client_type must be a string");
    if (v->get_string() == "web") {
      // Browser flows with cookies belong to the web interface, which this server does not ship (spec §21).
      return ApiError::invalid_request("client_type=web is not supported by this server; use a native client");
    }
  }
  return {};
}

}  // namespace

Result<LoginRequestEdits> decode_login_request_edits(const boost::json::object& body, int64_t now,
                                                     std::string_view caller_ip) {
  LoginRequestEdits edits;
  auto issuer = optional_string_member(body, "oidc_issuer");
  if (!issuer) return issuer.error();
  edits.oidc_issuer = std::move(*issuer);
  auto name = optional_string_member(body, "name");
  if (!name) return name.error();
  edits.name = std::move(*name);
  if (edits.name && utf8_length(*edits.name) > 100) {
    return ApiError::invalid_request("name must not exceed 100 characters");
  }
  if (const auto* v = member(body, "capabilities")) {
    auto caps = parse_requested_capabilities(*v);
    if (!caps) return caps.error();
    edits.capabilities = std::move(*caps);
  }
  if (const auto* v = member(body, "restrictions")) {
    auto restrictions = parse_restrictions(*v, now, caller_ip);
    if (!restrictions) return restrictions.error();
    edits.restrictions = std::move(*restrictions);
  }
  if (auto it = body.find("rotation"); it != body.end()) {
    auto rotation = parse_rotation(it->value());
    if (!rotation) return rotation.error();
    edits.rotation_given = true;
    edits.rotation = *rotation;
  }
  return edits;
}

Result<StartLoginRequest> decode_start_login_request(const boost::json::object& body, int64_t now,
                                                     std::string_view caller_ip) {
  if (auto ok = check_flow_members(body); !ok) return ok.error();
  StartLoginRequest r;
  auto edits = decode_login_request_edits(body, now, caller_ip);
  if (!edits) return edits.error();
  r.edits = std::move(*edits);
  auto response_type = optional_string_member(body, "response_type");
  if (!response_type) return response_type.error();
  if (*response_type) r.response_type = std::move(**response_type);
  if (const auto* v = member(body, "max_token_len")) {
    if (!v->is_int64() || v->get_int64() < 0) {
      return ApiError::invalid_request("max_token_len must be a non-negative integer");
    }
    r.max_token_len = v->get_int64();
  }
  auto application_name = optional_string_member(body, "application_name");
  if (!application_name) return application_name.error();
  if (*application_name) r.application_name = application_name->value().substr(0, 100);
  return r;
}

}  // namespace mytoken
