#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/capabilities.hpp"
#include "domain/restriction_clause.hpp"
#include "domain/result.hpp"
#include "domain/rotation.hpp"

namespace mytoken {

// The mytoken a user asked for in an oidc_flow request, as stored with the pending login (no secrets).
struct LoginRequest {
  std::string oidc_issuer;
  Capabilities capabilities;
  Restrictions restrictions;
  std::optional<Rotation> rotation;
  std::string name;
  std::string response_type = "token";
  int64_t max_token_len = 0;
  std::string application_name;
};

boost::json::object to_json(const LoginRequest& request);
Result<LoginRequest> login_request_from_json(const boost::json::object& json);

// Reads the user-editable members of a mytoken request (spec §5.1, §5.3) from `body` into `request`:
// oidc_issuer, capabilities (default AT+tokeninfo when empty), restrictions (times resolved against `now`,
// "this" = `caller_ip`), rotation, name. Absent members keep their current value. 400 on wrong types.
Result<void> apply_request_members(LoginRequest& request, const boost::json::object& body, int64_t now,
                                   std::string_view caller_ip);

}  // namespace mytoken
