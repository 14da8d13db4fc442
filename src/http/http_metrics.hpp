#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/request_observer.hpp"
#include "metrics/registry.hpp"

namespace mytoken {

// The API listener's request metrics (docs/monitoring.md):
//   mytoken_http_requests_total{endpoint, method, status}   endpoint = route pattern, "unmatched" or "none"
//   mytoken_http_request_duration_seconds{endpoint}          from the first byte read to the response written
// Labels never carry a raw path (it may hold a code), a client address or a token; methods outside a fixed set
// count as "other", so a client cannot create series at will. Hot path: a lock-free hash lookup of the route
// pattern in a table built here, then relaxed atomic adds; a (route, method, status) seen for the first time
// takes the registry family's lock once. Thread-safe; `registry` must outlive this object.
class HttpMetrics final : public RequestObserver {
 public:
  HttpMetrics(metrics::Registry& registry, const std::vector<std::string>& route_patterns);
  ~HttpMetrics() override;
  void observe(const HttpRequest& request, int status, std::chrono::microseconds duration) override;

 private:
  struct Endpoint;
  Endpoint& endpoint_of(const HttpRequest& request);

  metrics::Family<metrics::Counter>& requests_;
  std::unordered_map<std::string, std::unique_ptr<Endpoint>> by_route_;  // read-only after construction
  std::unique_ptr<Endpoint> unmatched_;                                  // a path no route matches
  std::unique_ptr<Endpoint> none_;                                       // refused before routing (e.g. 413)
};

}  // namespace mytoken
