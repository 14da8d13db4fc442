#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace mytoken {

// The server's side of systemd's notification protocol (sd_notify(3), a unit with Type=notify): READY=1 once
// it serves, STOPPING=1 when it begins to shut down, and WATCHDOG=1 from a thread of its own at half the interval
// systemd asked for (WatchdogSec=, passed as WATCHDOG_USEC). Without NOTIFY_SOCKET (not started by systemd, or
// Type=simple) every call does nothing.
//
// Thread safety: every method may be called from any thread.
class ServiceManager {
 public:
  ServiceManager() = default;
  ~ServiceManager();  // stops the watchdog thread
  ServiceManager(const ServiceManager&) = delete;
  ServiceManager& operator=(const ServiceManager&) = delete;

  // READY=1 and, if systemd enabled the watchdog for this process, starts pinging. Call once the listeners accept
  // connections and the database is migrated. Idempotent.
  void ready();

  // STOPPING=1 and stops the watchdog pings (systemd then stops waiting for them). Idempotent.
  void stopping();

  // The watchdog interval systemd asked for, zero if none (sd_watchdog_enabled(3)).
  static std::chrono::microseconds watchdog_interval();

 private:
  void ping_until_stopped(std::chrono::microseconds every);

  std::mutex mutex_;
  std::condition_variable stop_changed_;
  bool ready_ = false;     // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread watchdog_;
};

}  // namespace mytoken
