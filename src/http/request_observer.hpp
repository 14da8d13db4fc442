#pragma once

#include <chrono>

#include "http/http_types.hpp"

namespace mytoken {

// Told about every answered request (HttpServerOptions::observer), e.g. to count it for /metrics. Runs on an
// I/O thread after the response was written: must be quick and must not block. Thread-safe implementations only.
class RequestObserver {
 public:
  RequestObserver() = default;
  RequestObserver(const RequestObserver&) = delete;
  RequestObserver& operator=(const RequestObserver&) = delete;
  virtual ~RequestObserver() = default;
  // `request.route` is the matched pattern ("" if none matched or the request was refused before routing).
  virtual void observe(const HttpRequest& request, int status, std::chrono::microseconds duration) = 0;
};

}  // namespace mytoken
