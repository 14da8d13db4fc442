#include "util/keyed_mutex.hpp"

namespace mytoken {

KeyedMutex::Guard::Guard(KeyedMutex& owner, int64_t key) : owner_(owner), key_(key) {
  std::unique_lock lock(owner_.mutex_);
  owner_.released_.wait(lock, [&] { return !owner_.held_.contains(key_); });
  owner_.held_.emplace(key_, 1);
}

KeyedMutex::Guard::~Guard() {
  {
    std::lock_guard lock(owner_.mutex_);
    owner_.held_.erase(key_);
  }
  owner_.released_.notify_all();
}

}  // namespace mytoken
