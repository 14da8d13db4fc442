#pragma once

#include <string>
#include <string_view>

#include "domain/api_error.hpp"

namespace mytoken::client {

// The client reuses ApiError for everything that can go wrong talking to a server, so callers see one type:
//  - the server answered with an error object: `error`/`description` as sent, `status` = the HTTP status;
//  - no HTTP answer at all (DNS, connect, TLS, timeout): status 0, error "network_error";
//  - an answer that is not what the protocol says (not JSON, missing fields): error "invalid_response",
//    status = the HTTP status.
inline constexpr std::string_view kNetworkError = "network_error";
inline constexpr std::string_view kInvalidResponse = "invalid_response";

ApiError network_error(std::string detail);
ApiError invalid_response(long status, std::string detail);
// The error of a non-2xx answer: its {"error","error_description"} body, or a generic "HTTP <status>" error when
// the body is not such an object (e.g. a proxy's HTML page).
ApiError error_from_reply(long status, std::string_view body);

bool is_network_error(const ApiError& e);
// "<error>: <error_description>" or "<error>" (cli spec §1).
std::string describe(const ApiError& e);

}  // namespace mytoken::client
