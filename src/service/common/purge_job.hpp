#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "domain/ports/clock.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"

namespace mytoken {

struct PurgeOptions {
  std::chrono::seconds interval{60};
  // Expired codes stay this long, so a late client still hears "expired" rather than "Bad ... code".
  int64_t keep_expired = 600;
  // Rate-limit counters of windows that ended are dropped (CodeRateLimitOptions::window).
  int64_t rate_limit_window = 300;
};

struct PurgeCounts {
  int64_t codes = 0;  // polling and transfer codes
  int64_t pending_logins = 0;
  int64_t rate_limits = 0;
};

// The server's own clean-up (spec §16 `schedule_cleanup`, always on here): expired polling and transfer codes,
// pending logins and rate-limit counters of past windows. Never touches live data: short tokens (they do not
// expire), tokens, and codes or logins before their expiry. Safe with several instances (plain conditional
// deletes). `store` and `clock` must outlive the job; stop() (or the destructor) joins its thread.
class PurgeJob {
 public:
  PurgeJob(Store& store, const Clock& clock, PurgeOptions options);
  PurgeJob(const PurgeJob&) = delete;
  PurgeJob& operator=(const PurgeJob&) = delete;
  ~PurgeJob();

  void start();  // runs run_once() every interval on a thread of its own; errors are logged and retried
  void stop();   // idempotent
  // One pass in one write transaction. Thread-safe.
  Result<PurgeCounts> run_once() const;

 private:
  Store& store_;
  const Clock& clock_;
  PurgeOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mytoken
