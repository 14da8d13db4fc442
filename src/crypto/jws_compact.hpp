#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mytoken::crypto_internal {

// A compact JWS split into its parts (RFC 7515 §7.1). Internal to src/crypto.
struct CompactJws {
  std::string_view signing_input;  // "<header>.<payload>" as sent: a view into the token
  boost::json::object header;
  std::string payload;    // decoded bytes
  std::string signature;  // decoded bytes
};

// nullopt unless `compact` is exactly three segments of canonical unpadded base64url and the first decodes to a
// JSON object (spec §21 item 9). The payload need not be JSON.
std::optional<CompactJws> parse_compact_jws(std::string_view compact);

}  // namespace mytoken::crypto_internal
