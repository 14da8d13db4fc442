#include "store/postgres/connection_pool.hpp"

#include <utility>

namespace mytoken::postgres {

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

std::unique_ptr<Connection> ConnectionPool::acquire(std::chrono::steady_clock::time_point deadline) {
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_until(lock, deadline, [this] { return !idle_.empty() || open_count_ < size_; })) {
      return nullptr;
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_count_;  // reserve the slot; connect outside the lock, it waits on the network
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

}  // namespace mytoken::postgres
