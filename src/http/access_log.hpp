#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace spdlog {
class logger;
}

namespace mytoken {

// What the access log records about one request (design §4 "Logs"). No header values, no bodies, no query strings.
struct AccessRecord {
  std::string_view method{};  // "-" when the request could not be parsed
  std::string_view path{};    // from loggable_path()
  int status = 0;
  std::chrono::microseconds duration{0};
  std::string_view client_ip{};
  std::string_view mom_id{};  // HttpResponse::log_mom_id, may be empty
  std::size_t bytes = 0;      // response body bytes sent
  std::string_view detail{};  // HttpResponse::log_detail, may be empty
};

// The path as it may be logged: the matched route pattern (so "/c/{code}", never the code itself). An unmatched
// path may hold a mistyped secret, so only its first segment is kept ("/c/x/y" -> "/c/..."). Never the query.
std::string loggable_path(const HttpRequest& request);

// One logfmt line: method=GET path=/c/{code} status=200 duration_ms=1.234 ip=192.0.2.1 bytes=12 [mom_id=…]
// [detail="…"]. Values with spaces, quotes or control characters are quoted and escaped (no log injection).
std::string format_access_line(const AccessRecord& record);

// Writes access lines to the spdlog logger named "access" (one is created from the default logger's sinks if none
// is registered). Thread-safe.
class AccessLog {
 public:
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger = nullptr);
  void write(const AccessRecord& record) const;

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace mytoken
