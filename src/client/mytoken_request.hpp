#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace mytoken::client {

// The "general mytoken request" (server spec §5.1, cli spec §8.6). Unset members are not sent; `base` (a
// `--profile` JSON object) is the starting point the other members override.
struct MytokenRequest {
  boost::json::object base;
  std::optional<boost::json::value> include;       // server profile name(s)
  std::optional<boost::json::array> restrictions;  // clause objects, already in wire form
  std::vector<std::string> capabilities;           // empty = not sent (server default)
  std::optional<boost::json::object> rotation;
  std::string name;
  std::string response_type;  // token | short_token | transfer_code; empty = not sent
  std::string application_name;
  std::string oidc_issuer;

  boost::json::object to_json() const;
};

}  // namespace mytoken::client
