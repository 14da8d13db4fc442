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

inline constexpr const char* kTokenFormatVersion = "0.7";

// The payload of a JWT mytoken (spec §4.1).
struct MytokenClaims {
  std::string ver = kTokenFormatVersion;
  std::string token_type = "mytoken";
  std::string iss;
  std::string sub;  // base64std(SHA3-256("<oidc_sub>@<oidc_iss>"))
  std::string aud;
  std::string jti;  // UUIDv4, the token id
  int64_t seq_no = 1;
  int64_t iat = 0;
  int64_t nbf = 0;
  int64_t exp = 0;        // 0 = none (omitted)
  int64_t auth_time = 0;  // 0 = omitted
  std::string name;       // "" = omitted
  std::string oidc_sub;
  std::string oidc_iss;
  Capabilities capabilities;
  Restrictions restrictions;         // empty = omitted
  std::optional<Rotation> rotation;  // nullopt = omitted
};

boost::json::object claims_to_json(const MytokenClaims& claims);
// Structural parse of a verified payload (types only; the semantic checks of spec §4.3 are done by the caller).
Result<MytokenClaims> claims_from_json(const boost::json::object& payload);

// Serialises a JWT payload as ASCII-only JSON in which '<', '>', '&', '?', '~', DEL and every non-ASCII
// character are escaped as \uXXXX, so its base64url form never contains '-' or '_' (spec §21 item 20).
std::string serialize_jwt_payload(const boost::json::object& payload);

}  // namespace mytoken
