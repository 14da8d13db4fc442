#pragma once

#include <atomic>
#include <cstdint>

namespace mytoken {

// Counts of what the use cases did and refused, for operators (exported by the admin listener's /metrics,
// docs/monitoring.md). The service layer knows no metrics library: main() registers these atomics with the
// registry. Thread-safe: members are atomics, incremented with relaxed ordering (they order nothing else).
struct ServiceCounters {
  // A usage reserved for an access-token request that could not be given back after the OP failed (the token
  // lost one AT use). Also logged as a warning.
  std::atomic<uint64_t> usage_release_failures{0};
  std::atomic<uint64_t> mytokens_created{0};  // committed new mytokens: logins, sub-tokens
  std::atomic<uint64_t> mytokens_rotated{0};  // rotations (spec §9)
  std::atomic<uint64_t> mytokens_revoked{0};  // revocation requests that removed a token (a tree counts once)
  std::atomic<uint64_t> access_tokens_issued{0};
  std::atomic<uint64_t> usage_refusals{0};    // 403 usage_restricted: no restriction clause allows the use
  std::atomic<uint64_t> guessing_limited{0};  // 429 from the guessing limits of codes (spec §4.6)
};

// Counts `counter` once and returns `error` (for `return counted(ctx.counters.x, error);`).
template <class Error>
Error counted(std::atomic<uint64_t>& counter, Error error) {
  counter.fetch_add(1, std::memory_order_relaxed);
  return error;
}

// Counts a guessing-limit refusal (429) of admit_code_attempt() and returns `error` (any other error is passed
// on uncounted: a database failure is no refusal).
template <class Error>
Error guessing_limit_outcome(std::atomic<uint64_t>& counter, Error error) {
  if (error.status == 429) counter.fetch_add(1, std::memory_order_relaxed);
  return error;
}

}  // namespace mytoken
