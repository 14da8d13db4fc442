#include "http/service_metrics.hpp"

#include <atomic>

namespace mytoken {
namespace {

using Type = metrics::Registry::Type;

void count(metrics::Registry& registry, const std::string& name, const std::string& help,
           const std::atomic<uint64_t>& counter) {
  registry.callback(name, help, Type::kCounter, {}, {},
                    [&counter] { return static_cast<double>(counter.load(std::memory_order_relaxed)); });
}

}  // namespace

void register_service_metrics(metrics::Registry& registry, const ServiceCounters& counters,
                              const RequestRateLimiter* limiter, const std::string& version) {
  registry.callback("mytoken_build_info", "The running mytokend (always 1)", Type::kGauge, {"version"}, {version},
                    [] { return 1.0; });
  count(registry, "mytoken_mytokens_created_total", "Mytokens created and committed (logins, sub-tokens)",
        counters.mytokens_created);
  count(registry, "mytoken_mytokens_rotated_total", "Mytoken rotations", counters.mytokens_rotated);
  count(registry, "mytoken_mytokens_revoked_total", "Revocation requests that removed a mytoken (with its subtree)",
        counters.mytokens_revoked);
  count(registry, "mytoken_access_tokens_issued_total", "Access tokens handed out", counters.access_tokens_issued);
  count(registry, "mytoken_usage_refusals_total", "Requests refused because no restriction clause allowed them",
        counters.usage_refusals);
  count(registry, "mytoken_guessing_limited_total", "Code presentations refused by the guessing limits (429)",
        counters.guessing_limited);
  count(registry, "mytoken_usage_release_failures_total",
        "Access-token uses reserved before a failed OP call that could not be given back",
        counters.usage_release_failures);
  if (limiter != nullptr) {
    const std::string name = "mytoken_rate_limited_total";
    const std::string help = "Requests refused by the request rate limits (429), by what was limited";
    registry.callback(name, help, Type::kCounter, {"limit"}, {"client"},
                      [limiter] { return static_cast<double>(limiter->refused_clients()); });
    registry.callback(name, help, Type::kCounter, {"limit"}, {"token"},
                      [limiter] { return static_cast<double>(limiter->refused_tokens()); });
  }
}

}  // namespace mytoken
