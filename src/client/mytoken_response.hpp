#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.hpp"

namespace mytoken::client {

// The rotated presented mytoken that any answer may carry (server spec §1.6, §9).
struct TokenUpdate {
  std::string mytoken;
  std::string mytoken_type;
  boost::json::object json;
};

// Removes `token_update` from `answer` and returns it (nullopt if absent or without a mytoken). Taking it out
// keeps a rotated token from ever being printed as part of a command's JSON output.
std::optional<TokenUpdate> take_token_update(boost::json::object& answer);

// A MytokenResponse (server spec §5.7). For transfer codes `mytoken` is empty and `transfer_code` is set.
struct MytokenResponse {
  std::string mytoken;
  std::string mytoken_type;
  std::string transfer_code;
  std::string mom_id;
  int64_t expires_in = 0;
  boost::json::object json;  // the whole answer without token_update
  std::optional<TokenUpdate> token_update;
};

Result<MytokenResponse> parse_mytoken_response(boost::json::object answer);

// The answer to starting a native OIDC flow (server spec §5.2 step 7).
struct PollingStart {
  std::string consent_uri;
  std::string polling_code;
  int64_t expires_in = 0;  // 0 = the server named no deadline
  int64_t interval = 0;    // 0 = the server named none
};

Result<PollingStart> parse_polling_start(const boost::json::object& answer);

}  // namespace mytoken::client
