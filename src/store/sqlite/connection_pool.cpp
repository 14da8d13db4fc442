#include "store/sqlite/connection_pool.hpp"

#include <exception>
#include <utility>

#include "store/sqlite/sqlite_error.hpp"

namespace mytoken::sqlite {

ConnectionPool::ConnectionPool(std::function<std::unique_ptr<Connection>()> open, size_t size)
    : open_(std::move(open)), size_(size == 0 ? 1 : size) {}

void ConnectionPool::adopt(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    ++open_count_;
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

Result<std::unique_ptr<Connection>> ConnectionPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty() || open_count_ < size_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_count_;  // reserve the slot; open outside the lock, it touches the file system
  }
  try {
    return open_();
  } catch (const std::exception& e) {
    {
      std::lock_guard lock(mutex_);
      --open_count_;
    }
    available_.notify_one();
    return sqlite_error("open connection", e);
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection, bool healthy) {
  {
    std::lock_guard lock(mutex_);
    if (healthy) {
      idle_.push_back(std::move(connection));
    } else {
      --open_count_;
    }
  }
  connection.reset();  // closes an unhealthy connection outside the lock (no-op otherwise)
  available_.notify_one();
}

}  // namespace mytoken::sqlite
