#pragma once

#include <string>

#include "metrics/registry.hpp"
#include "service/common/service_counters.hpp"
#include "service/rate_limits/request_rate_limit.hpp"

namespace mytoken {

// Exports what the use cases count (ServiceCounters, the request rate limiter's refusals) and the build info
// through `registry`, read at scrape time (docs/monitoring.md). Everything passed must outlive `registry`'s
// use; `limiter` may be null.
void register_service_metrics(metrics::Registry& registry, const ServiceCounters& counters,
                              const RequestRateLimiter* limiter, const std::string& version);

}  // namespace mytoken
