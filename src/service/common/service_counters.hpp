#pragma once

#include <atomic>
#include <cstdint>

namespace mytoken {

// Counts of things that went wrong without failing a request, for operators; a /metrics endpoint is to export
// them. Thread-safe: members are atomics, incremented with relaxed ordering (they order nothing else).
struct ServiceCounters {
  // A usage reserved for an access-token request that could not be given back after the OP failed (the token
  // lost one AT use). Also logged as a warning.
  std::atomic<uint64_t> usage_release_failures{0};
};

}  // namespace mytoken
