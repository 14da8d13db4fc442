#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

namespace mytoken::client {

// The payload of a JWT, read WITHOUT verifying its signature: only for display (`mytoken info`) and for finding
// the token's server (`iss`, cli spec §3.1). nullopt unless the token is three unpadded base64url segments whose
// header and payload are JSON objects (cli spec §3.1 SHOULD; a short token is never a JWT).
std::optional<boost::json::object> unverified_jwt_payload(std::string_view token);

}  // namespace mytoken::client
