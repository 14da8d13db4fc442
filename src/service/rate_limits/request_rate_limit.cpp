#include "service/rate_limits/request_rate_limit.hpp"

#include <string>

#include "service/common/service_context.hpp"
#include "service/rate_limits/code_rate_limit.hpp"

namespace mytoken {
namespace {

// Stored counter keys are keyed hashes: the table reveals neither addresses nor which token was used.
auto store_key_of(const ServerSecret& secret, std::string_view kind) {
  return [&secret, kind](std::string_view key) {
    std::string material(kind);
    material += '\0';
    material += key;
    return secret.lookup_hash(purpose::kRequestRateLimit, material);
  };
}

SharedWindowCounterOptions counter_options(const RequestRateLimitOptions& options, int64_t limit) {
  return SharedWindowCounterOptions{.window = options.window, .limit = limit};
}

}  // namespace

RequestRateLimiter::RequestRateLimiter(Store& store, const Clock& clock, const ServerSecret& secret,
                                       RequestRateLimitOptions options)
    : enabled_(options.enabled),
      per_ip_(store, clock, counter_options(options, options.per_ip), store_key_of(secret, "ip")),
      per_token_(store, clock, counter_options(options, options.per_token), store_key_of(secret, "token")) {}

Result<void> RequestRateLimiter::admit_client(std::string_view client_ip) {
  if (!enabled_) return {};
  auto admitted = per_ip_.admit(client_rate_limit_bucket(client_ip));
  if (!admitted && admitted.error().status == 429) refused_clients_.fetch_add(1, std::memory_order_relaxed);
  return admitted;
}

Result<void> RequestRateLimiter::admit_token(const MomId& id) {
  if (!enabled_) return {};
  auto admitted = per_token_.admit(id.value);
  if (!admitted && admitted.error().status == 429) refused_tokens_.fetch_add(1, std::memory_order_relaxed);
  return admitted;
}

}  // namespace mytoken
