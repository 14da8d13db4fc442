#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/result.hpp"
#include "store/sqlite/connection.hpp"

namespace mytoken::sqlite {

// At most `size` connections, opened lazily by `open` (which may throw). Thread-safe; must outlive every
// connection it hands out.
class ConnectionPool {
 public:
  ConnectionPool(std::function<std::unique_ptr<Connection>()> open, size_t size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Adds an already open connection (e.g. the one that ran the migrations) to the idle set.
  // Requires: fewer than `size` connections exist.
  void adopt(std::unique_ptr<Connection> connection);
  // An idle connection, or a new one; blocks while all `size` connections are in use.
  // Fails with ApiError::internal if a new connection cannot be opened.
  Result<std::unique_ptr<Connection>> acquire();
  // Returns a connection. A connection that may be in a bad state (`healthy` false) is closed instead, and
  // a new one will be opened when needed.
  void release(std::unique_ptr<Connection> connection, bool healthy);

 private:
  std::function<std::unique_ptr<Connection>()> open_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  size_t open_count_ = 0;                          // guarded by mutex_: idle + handed out
};

}  // namespace mytoken::sqlite
