#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace mytoken {

// Serialises work per key inside this process (single flight per refresh-token record, design §3), so an OP
// that rotates refresh tokens never sees a stale one from us. Entries exist only while held. Thread-safe.
class KeyedMutex {
 public:
  class Guard {
   public:
    Guard(KeyedMutex& owner, int64_t key);
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard();

   private:
    KeyedMutex& owner_;
    int64_t key_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  std::unordered_map<int64_t, int> held_;  // key → 1 while locked
};

}  // namespace mytoken
