#pragma once

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace mytoken {

// A map of at most `capacity` entries that forgets the least recently used one when full. get() and put() are
// O(1) and thread-safe (one mutex: keep values cheap to copy, e.g. shared_ptr, and shard for hot paths).
// Capacity 0 keeps nothing.
template <class V>
class BoundedLru {
 public:
  explicit BoundedLru(size_t capacity) : capacity_(capacity) {}

  std::optional<V> get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);  // now the most recently used
    return it->second->second;
  }

  void put(const std::string& key, V value) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    if (index_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
  }

  void erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
  }

  size_t size() const {
    std::lock_guard lock(mutex_);
    return index_.size();
  }

 private:
  using Entry = std::pair<std::string, V>;
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // front: most recently used
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
};

}  // namespace mytoken
