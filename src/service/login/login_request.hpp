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

// The user-editable members of a mytoken request (spec §5.1, §5.3) as the user sent them, in an oidc_flow
// request and in a consent decision (decoded by http/decoders/login_request_decoding.hpp). A member not given
// keeps the value it would edit.
struct LoginRequestEdits {
  std::optional<std::string> oidc_issuer;
  std::optional<std::string> name;  // at most 100 characters
  std::optional<Capabilities> capabilities;
  std::optional<Restrictions> restrictions;
  bool rotation_given = false;       // a `rotation` member, also a null one, which removes the rotation
  std::optional<Rotation> rotation;  // if rotation_given
};

// Applies `edits` to `request`; capabilities default to AT+tokeninfo when none remain (spec §5.2 step 2).
void apply_edits(LoginRequest& request, const LoginRequestEdits& edits);

}  // namespace mytoken
