#include "domain/api_error.hpp"

#include <utility>

namespace mytoken {

ApiError ApiError::invalid_request(std::string description) {
  return {"invalid_request", std::move(description), 400, {}};
}
ApiError ApiError::invalid_grant(std::string description, int status) {
  return {"invalid_grant", std::move(description), status, {}};
}
ApiError ApiError::unsupported_grant_type() { return invalid_grant("Unsupported grant_type"); }
ApiError ApiError::invalid_token(std::string description, int status) {
  return {"invalid_token", std::move(description), status, {}};
}
ApiError ApiError::expired_token(std::string description) { return {"expired_token", std::move(description), 401, {}}; }
ApiError ApiError::access_denied(std::string description, int status) {
  return {"access_denied", std::move(description), status, {}};
}
ApiError ApiError::authorization_pending() { return {"authorization_pending", {}, 428, {}}; }
ApiError ApiError::slow_down() { return {"slow_down", "polled faster than the interval allows", 400, {}}; }
ApiError ApiError::insufficient_capabilities(std::string description) {
  if (description.empty()) {
    description = "The provided token does not have the required capability for this operation";
  }
  return {"insufficient_capabilities", std::move(description), 403, {}};
}
ApiError ApiError::usage_restricted() {
  return {"usage_restricted", "The restrictions of this token does not allow this usage", 403, {}};
}
ApiError ApiError::oidc_error(int status, std::string description) {
  return {"oidc_error", std::move(description), status, {}};
}
ApiError ApiError::header_fields_too_large() { return {"invalid_request", "request header fields too large", 431, {}}; }
ApiError ApiError::method_not_allowed(std::string_view method) {
  return {"Method Not Allowed", "method " + std::string(method) + " not allowed", 405, {}};
}
ApiError ApiError::not_found(std::string description) { return {"not_found", std::move(description), 404, {}}; }
ApiError ApiError::payload_too_large() { return {"invalid_request", "request body too large", 413, {}}; }
ApiError ApiError::unsupported_media_type(std::string description) {
  return {"invalid_request", std::move(description), 415, {}};
}
ApiError ApiError::conflict(std::string description) { return {"invalid_request", std::move(description), 409, {}}; }
ApiError ApiError::too_many_requests(int64_t retry_after) {
  return {"too_many_requests", "rate limit exceeded, retry later", 429, {}, retry_after};
}
ApiError ApiError::internal(std::string log_detail) {
  return {"internal_server_error", "internal server error", 500, std::move(log_detail)};
}

}  // namespace mytoken
