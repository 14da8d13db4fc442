#pragma once

#include <memory>

#include "domain/ports/oidc_provider.hpp"
#include "metrics/registry.hpp"

namespace mytoken {

// The OP metric families, registered once and shared by every metered provider.
struct OpMetrics {
  explicit OpMetrics(metrics::Registry& registry);
  metrics::Family<metrics::Counter>& requests;
  metrics::Family<metrics::Counter>& errors;
  metrics::Family<metrics::Histogram>& duration;
};

// Wraps `provider` so that every round trip to the OP is counted in `registry` (docs/monitoring.md):
//   mytoken_op_requests_total{provider, operation}, mytoken_op_errors_total{provider, operation} and
//   mytoken_op_request_duration_seconds{provider, operation}; provider = the configured issuer URL,
//   operation = code_exchange | refresh | revoke | identify.
// authorization_url() is not counted (it only reads the cached discovery document). `metrics` must outlive the
// result. Thread-safe as `provider`.
std::unique_ptr<OidcProvider> metered_oidc_provider(std::unique_ptr<OidcProvider> provider, OpMetrics& metrics);

}  // namespace mytoken
