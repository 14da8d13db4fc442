#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace mytoken {

// At most `size` connections of a store backend, opened lazily by `open` (which may throw). A connection
// handed back while `reusable` says no (e.g. broken, or in an unknown transaction state) is closed, and its
// slot is refilled by a later acquire(). Thread-safe; must outlive every connection it hands out. Shared by
// every store backend.
template <typename Connection>
class ConnectionPool {
 public:
  using Open = std::function<std::unique_ptr<Connection>()>;
  using Reusable = std::function<bool(const Connection&)>;

  ConnectionPool(Open open, Reusable reusable, size_t size)
      : open_(std::move(open)), reusable_(std::move(reusable)), size_(size == 0 ? 1 : size) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an already open connection (e.g. the one that ran the migrations) to the idle set.
  // Requires: fewer than `size` connections exist.
  void adopt(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock(mutex_);
      ++open_count_;
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }

  // An idle connection (most recently used first), or a new one; blocks while all `size` connections are in
  // use. Rethrows what `open` throws (the slot stays free).
  std::unique_ptr<Connection> acquire() { return acquire_until(nullptr); }

  // As acquire(), but nullptr if no connection became free before `deadline`.
  std::unique_ptr<Connection> acquire(std::chrono::steady_clock::time_point deadline) {
    return acquire_until(&deadline);
  }

  // Returns a connection; one that is not `reusable` is closed instead.
  void release(std::unique_ptr<Connection> connection) {
    const bool reusable = reusable_(*connection);
    {
      std::lock_guard lock(mutex_);
      if (reusable) {
        idle_.push_back(std::move(connection));
      } else {
        --open_count_;
      }
    }
    connection.reset();  // closes a discarded connection outside the lock (no-op otherwise)
    available_.notify_one();
  }

 private:
  std::unique_ptr<Connection> acquire_until(const std::chrono::steady_clock::time_point* deadline) {
    {
      std::unique_lock lock(mutex_);
      const auto can_take = [this] { return !idle_.empty() || open_count_ < size_; };
      if (deadline == nullptr) {
        available_.wait(lock, can_take);
      } else if (!available_.wait_until(lock, *deadline, can_take)) {
        return nullptr;
      }
      if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
      }
      ++open_count_;  // reserve the slot; open outside the lock, it may wait on the network or file system
    }
    try {
      return open_();
    } catch (...) {
      {
        std::lock_guard lock(mutex_);
        --open_count_;
      }
      available_.notify_one();
      throw;
    }
  }

  const Open open_;
  const Reusable reusable_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  size_t open_count_ = 0;                          // guarded by mutex_: idle + handed out
};

}  // namespace mytoken
