#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/server_secret.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "service/rate_limits/code_rate_limit_options.hpp"

namespace mytoken {

// Guessing limits applied whenever a polling or transfer code is presented (spec §4.6; budget in docs/tokens.md).
// Both calls run inside the request's write transaction, whose counters are shared by every server instance.
//
// admit_code_attempt: before the code is looked up. Counts one presentation of this code value, then refuses
// (429 too_many_requests, nothing counted for the misses) if the code, the client's address or all clients
// together used up their budget of the current window. Disabled options admit everything.
Result<void> admit_code_attempt(Transaction& tx, const CodeRateLimitOptions& options, const ServerSecret& secret,
                                std::string_view code, std::string_view client_ip, int64_t now);
// record_code_miss: after the code turned out to be unknown. Counts a miss for the client and for all clients.
// The caller commits the transaction before it answers "Bad polling or transfer code".
Result<void> record_code_miss(Transaction& tx, const CodeRateLimitOptions& options, const ServerSecret& secret,
                              std::string_view client_ip, int64_t now);

// The address a client is counted under: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by its /64 prefix
// (one subscriber usually holds a whole /64). Unparsable input is used verbatim.
std::string client_rate_limit_bucket(std::string_view client_ip);

}  // namespace mytoken
