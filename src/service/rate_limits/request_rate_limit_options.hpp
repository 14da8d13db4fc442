#pragma once

#include <cstdint>

namespace mytoken {

// General request limits (features.request_rate_limits, docs/rate_limits.md). Counts are per fixed window of
// `window` seconds and shared by every server instance through the store.
struct RequestRateLimitOptions {
  bool enabled = true;
  int64_t window = 60;
  int64_t per_ip = 1200;    // API requests per client IP (IPv6: per /64)
  int64_t per_token = 600;  // requests presenting one valid mytoken (by mom_id)
};

}  // namespace mytoken
