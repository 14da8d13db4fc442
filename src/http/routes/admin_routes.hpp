#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "metrics/registry.hpp"

namespace mytoken {

// The admin listener's endpoints (admin.listen, docs/monitoring.md):
//   GET /metrics        the registry in the Prometheus text format 0.0.4
//   GET /health/live    200 {"status":"ok"} while the process serves HTTP
//   GET /health/ready   200 {"status":"ok"}, or 503 {"status":"unavailable","reason":"..."} while
//                       `not_ready_reason` gives a reason
// `registry` and what `not_ready_reason` uses must outlive the router.
void register_admin_routes(Router& router, const metrics::Registry& registry,
                           std::function<std::optional<std::string>()> not_ready_reason);

}  // namespace mytoken
