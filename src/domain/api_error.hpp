#pragma once

#include <cstdint>
#include <string>

namespace mytoken {

// One entry of the error catalogue (spec §15). `error`/`description` go on the wire as
// {"error","error_description"}; `log_detail` goes to the server log only and never holds a token or secret.
struct ApiError {
  std::string error;
  std::string description;
  int status = 500;
  std::string log_detail;
  // Seconds until a refused client may retry (the end of the rate-limit window); 0 = unknown. The HTTP adapter
  // sends it as a Retry-After header.
  int64_t retry_after = 0;

  static ApiError invalid_request(std::string description);
  static ApiError invalid_grant(std::string description);
  static ApiError unsupported_grant_type();  // 400 invalid_grant "Unsupported grant_type"
  // 401 by default; 400 for a sub-token request whose parent has no refresh token (spec §15).
  static ApiError invalid_token(std::string description = {}, int status = 401);
  static ApiError expired_token(std::string description);
  static ApiError access_denied(std::string description, int status = 401);
  static ApiError authorization_pending();
  static ApiError slow_down();
  static ApiError insufficient_capabilities(std::string description = {});
  static ApiError usage_restricted();
  // An error answered by (or about reaching) the OpenID provider; `status` is the OP's HTTP status.
  static ApiError oidc_error(int status, std::string description);
  static ApiError not_found(std::string description);
  static ApiError payload_too_large();
  // 429; `retry_after`: seconds until the window that refused the request ends.
  static ApiError too_many_requests(int64_t retry_after);
  static ApiError internal(std::string log_detail);  // the client sees a fixed text
};

}  // namespace mytoken
