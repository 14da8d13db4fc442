#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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
  // Operator-written HTML an HTML error page shows below the message (enforced restrictions' help text); never
  // part of a JSON answer.
  std::string html_detail{};

  static ApiError invalid_request(std::string description);
  // 400 by default; 403 for a grant the presented token may not use (revoking another user's mom_id).
  static ApiError invalid_grant(std::string description, int status = 400);
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
  static ApiError header_fields_too_large();                    // 431 invalid_request
  static ApiError method_not_allowed(std::string_view method);  // 405 (the Allow header is the router's)
  // 415 invalid_request: a body in a media type the endpoint does not take.
  static ApiError unsupported_media_type(std::string description);
  // 409 invalid_request: the request contradicts a decision already taken (a consent code decided before).
  static ApiError conflict(std::string description);
  // 429; `retry_after`: seconds until the window that refused the request ends.
  static ApiError too_many_requests(int64_t retry_after);
  static ApiError internal(std::string log_detail);  // the client sees a fixed text
};

}  // namespace mytoken
