#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "crypto/server_secret.hpp"
#include "domain/mom_id.hpp"
#include "domain/ports/clock.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "service/rate_limits/request_rate_limit_options.hpp"
#include "service/rate_limits/shared_window_counter.hpp"

namespace mytoken {

// The general request limits (docs/rate_limits.md): API requests per client IP and uses of one mytoken per
// window, shared by all server instances through the store's rate-limit counters. Over a limit:
// 429 too_many_requests with retry_after. Disabled options admit everything.
//
// Thread-safe. `store`, `clock` and `secret` must outlive this object.
class RequestRateLimiter {
 public:
  RequestRateLimiter(Store& store, const Clock& clock, const ServerSecret& secret, RequestRateLimitOptions options);

  // One API request from `client_ip` (the resolved client address; IPv6 counted per /64).
  Result<void> admit_client(std::string_view client_ip);
  // One request presenting the valid mytoken `id`.
  Result<void> admit_token(const MomId& id);

  // Requests refused (429) so far, per client and per token (for /metrics).
  uint64_t refused_clients() const { return refused_clients_.load(std::memory_order_relaxed); }
  uint64_t refused_tokens() const { return refused_tokens_.load(std::memory_order_relaxed); }

 private:
  bool enabled_;
  SharedWindowCounter per_ip_;
  SharedWindowCounter per_token_;
  std::atomic<uint64_t> refused_clients_{0};
  std::atomic<uint64_t> refused_tokens_{0};
};

}  // namespace mytoken
