#pragma once

// Internal to src/net: a small cache of address lookups (reverse DNS, geo-IP) so a busy token does not cost a
// DNS round trip or a database walk per request.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace mytoken::net_internal {

// At most `capacity` entries, each valid for `ttl`. When full, expired entries go first, then the entry that
// expires soonest. Thread-safe; `lookup` runs without the lock, so two callers may look up one key at once
// (the later result wins; both are equally fresh).
template <class V>
class LookupCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;

  LookupCache(size_t capacity, Clock::duration ttl, Now now = &Clock::now)
      : capacity_(capacity), ttl_(ttl), now_(std::move(now)) {}

  template <class Lookup>
  V get(const std::string& key, Lookup&& lookup) {
    if (capacity_ == 0 || ttl_ <= Clock::duration::zero()) return lookup();
    {
      std::lock_guard lock(mutex_);
      if (auto it = entries_.find(key); it != entries_.end() && now_() < it->second.expires) return it->second.value;
    }
    V value = lookup();
    std::lock_guard lock(mutex_);
    const auto now = now_();
    if (entries_.size() >= capacity_ && !entries_.contains(key)) evict(now);
    entries_.insert_or_assign(key, Entry{value, now + ttl_});
    return value;
  }

  size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    Clock::time_point expires;
  };

  void evict(Clock::time_point now) {
    std::erase_if(entries_, [&](const auto& e) { return e.second.expires <= now; });
    if (entries_.size() < capacity_) return;
    auto soonest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.expires < soonest->second.expires) soonest = it;
    }
    entries_.erase(soonest);
  }

  const size_t capacity_;
  const Clock::duration ttl_;
  const Now now_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace mytoken::net_internal
