#pragma once

#include <cstdint>

namespace mytoken {

// Guessing limits of polling and transfer codes (docs/tokens.md "Guessing budget"). Counters live in the store,
// so the limits hold across all server instances. All counts are per fixed window of `window` seconds.
struct CodeRateLimitOptions {
  bool enabled = true;
  int64_t window = 300;
  int64_t misses_per_ip = 10;       // unknown codes per client IP (IPv6: per /64)
  int64_t misses_total = 1000;      // unknown codes from all clients together: bounds distributed guessing
  int64_t attempts_per_code = 300;  // presentations of one code value (polling included)
};

}  // namespace mytoken
