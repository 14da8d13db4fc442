#include "system/service_manager.hpp"

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <cstdint>

namespace mytoken {

namespace {

void notify(const char* state) {
  // unset_environment 0: the watchdog thread and later calls still need NOTIFY_SOCKET.
  if (const int rc = sd_notify(0, state); rc < 0) spdlog::warn("sd_notify({}) failed: error {}", state, -rc);
}

}  // namespace

ServiceManager::~ServiceManager() { stopping(); }

std::chrono::microseconds ServiceManager::watchdog_interval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0) return std::chrono::microseconds{0};
  return std::chrono::microseconds{usec};
}

void ServiceManager::ready() {
  std::lock_guard lock(mutex_);
  if (ready_ || stopping_) return;
  ready_ = true;
  notify("READY=1");
  if (const auto interval = watchdog_interval(); interval.count() > 0) {
    spdlog::info("systemd watchdog: pinging every {} ms", interval.count() / 2000);
    watchdog_ = std::thread([this, interval] { ping_until_stopped(interval / 2); });
  }
}

void ServiceManager::stopping() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    if (ready_) notify("STOPPING=1");
  }
  stop_changed_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

// Half the interval, as sd_watchdog_enabled(3) recommends, so one late ping does not get the service killed.
void ServiceManager::ping_until_stopped(std::chrono::microseconds every) {
  std::unique_lock lock(mutex_);
  while (!stop_changed_.wait_for(lock, every, [this] { return stopping_; })) notify("WATCHDOG=1");
}

}  // namespace mytoken
