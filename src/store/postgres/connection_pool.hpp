#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/postgres/connection.hpp"

namespace mytoken::postgres {

// At most `size` connections, opened lazily by `open` (which throws PgError). A connection handed back as
// unhealthy is closed, and its slot is refilled by the next acquire(). Thread-safe; must outlive every
// connection it hands out.
class ConnectionPool {
 public:
  ConnectionPool(std::function<std::unique_ptr<Connection>()> open, size_t size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an already open connection (e.g. the one that ran the migrations) to the idle set.
  // Requires: fewer than `size` connections exist.
  void adopt(std::unique_ptr<Connection> connection);
  // An idle connection (most recently used first), or a new one. Waits while all `size` connections are in
  // use; nullptr if none became free before `deadline`. Throws PgError if a new connection cannot be opened.
  std::unique_ptr<Connection> acquire(std::chrono::steady_clock::time_point deadline);
  // Returns a connection; an unhealthy one (broken, or in an unknown transaction state) is closed instead.
  void release(std::unique_ptr<Connection> connection, bool healthy);

 private:
  std::function<std::unique_ptr<Connection>()> open_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  size_t open_count_ = 0;                          // guarded by mutex_: idle + handed out
};

}  // namespace mytoken::postgres
