#include "http/http_metrics.hpp"

#include <algorithm>
#include <string_view>

namespace mytoken {
namespace {

constexpr std::array<std::string_view, 7> kMethods = {"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"};
constexpr size_t kOtherMethod = kMethods.size();
// The statuses this server answers with (spec §1.4 includes 278 and 555); any other one is counted too, through the
// registry family's lock.
constexpr std::array<int, 28> kStatuses = {200, 201, 204, 278, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404,
                                           405, 406, 409, 410, 411, 413, 415, 429, 431, 500, 501, 502, 503, 555};

size_t method_index(std::string_view method) {
  const auto it = std::find(kMethods.begin(), kMethods.end(), method);
  return static_cast<size_t>(it - kMethods.begin());
}

std::string method_label(size_t index) { return index < kMethods.size() ? std::string(kMethods[index]) : "other"; }

}  // namespace

struct HttpMetrics::Endpoint {
  std::string label;
  metrics::Histogram* duration = nullptr;
  // Counter of (method, status) once resolved; nullptr before the first such request.
  std::array<std::array<std::atomic<metrics::Counter*>, kStatuses.size()>, kMethods.size() + 1> counters{};
};

HttpMetrics::HttpMetrics(metrics::Registry& registry, const std::vector<std::string>& route_patterns)
    : requests_(registry.counter("mytoken_http_requests_total",
                                 "HTTP requests answered on the API listener, by route pattern, method and status",
                                 {"endpoint", "method", "status"})) {
  auto& durations = registry.histogram("mytoken_http_request_duration_seconds",
                                       "Time from reading a request to having written its response, by route pattern",
                                       metrics::latency_buckets(), {"endpoint"});
  const auto make = [&](std::string label) {
    auto e = std::make_unique<Endpoint>();
    e->duration = &durations.with({label});
    e->label = std::move(label);
    return e;
  };
  for (const auto& pattern : route_patterns) by_route_.emplace(pattern, make(pattern));
  unmatched_ = make("unmatched");
  none_ = make("none");
}

HttpMetrics::~HttpMetrics() = default;

HttpMetrics::Endpoint& HttpMetrics::endpoint_of(const HttpRequest& request) {
  if (request.route.empty()) return request.path.empty() ? *none_ : *unmatched_;
  const auto it = by_route_.find(request.route);
  return it == by_route_.end() ? *unmatched_ : *it->second;
}

void HttpMetrics::observe(const HttpRequest& request, int status, std::chrono::microseconds duration) {
  Endpoint& endpoint = endpoint_of(request);
  endpoint.duration->observe(static_cast<double>(duration.count()) / 1e6);
  const size_t method = std::min(method_index(request.method), kOtherMethod);
  const auto known = std::find(kStatuses.begin(), kStatuses.end(), status);
  if (known == kStatuses.end()) {
    requests_.with({endpoint.label, method_label(method), std::to_string(status)}).inc();
    return;
  }
  auto& slot = endpoint.counters[method][static_cast<size_t>(known - kStatuses.begin())];
  metrics::Counter* counter = slot.load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter = &requests_.with({endpoint.label, method_label(method), std::to_string(status)});
    slot.store(counter, std::memory_order_release);  // a racing thread stores the same pointer
  }
  counter->inc();
}

}  // namespace mytoken
