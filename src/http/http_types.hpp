#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mytoken {

// A request as the routes see it: no socket, no Beast types (so routes are unit-testable).
struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string path;                                          // decoded path without query, e.g. "/c/abcdEFGH"
  std::string query;                                         // raw query string without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string client_ip;  // socket peer, or the right-most untrusted X-Forwarded-For hop behind a trusted proxy
  std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router, e.g. {"code", "..."}
  // The matched route pattern (e.g. "/c/{code}"), filled by the router; the access log prints it instead of the
  // path, so codes in paths never reach a log. Empty if no route matched.
  std::string route;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> path_param(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;  // percent-decoded
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A value for the access log that identifies the token concerned (a mom_id), never a secret.
  std::string log_mom_id;
  // Server-log-only detail of an error (ApiError::log_detail); never a token or secret, never sent to the client.
  std::string log_detail;
};

}  // namespace mytoken
