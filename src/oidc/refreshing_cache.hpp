#pragma once

// Internal to src/oidc: a value fetched from the OP (discovery document, JWKS), cached and refreshed.

#include <chrono>
#include <memory>
#include <mutex>
#include <utility>

#include "domain/result.hpp"

namespace mytoken::oidc_internal {

// Holds the last successfully fetched T. get() fetches on first use and after `max_age`; concurrent callers
// wait for one fetch (none is cached yet) or keep using the old value while one caller refreshes. A failed
// refresh keeps the old value and is retried after `retry_after`; without an old value the failure is returned
// and the next get() tries again. Thread-safe.
template <class T>
class RefreshingCache {
 public:
  using Clock = std::chrono::steady_clock;

  RefreshingCache(Clock::duration max_age, Clock::duration retry_after)
      : max_age_(max_age), retry_after_(retry_after) {}

  // `fetch` is a callable returning Result<T>; it runs without the state lock but under the fetch lock.
  template <class Fetch>
  Result<std::shared_ptr<const T>> get(Fetch&& fetch) {
    {
      std::lock_guard lock(state_mutex_);
      if (value_ && (Clock::now() < next_fetch_ || fetching_)) return value_;
    }
    std::lock_guard fetch_lock(fetch_mutex_);
    {
      std::lock_guard lock(state_mutex_);
      if (value_ && Clock::now() < next_fetch_) return value_;  // another caller just refreshed
      fetching_ = true;
    }
    Result<T> fetched = fetch();
    std::lock_guard lock(state_mutex_);
    fetching_ = false;
    const auto now = Clock::now();
    if (fetched) {
      value_ = std::make_shared<const T>(std::move(*fetched));
      fetched_at_ = now;
      next_fetch_ = now + max_age_;
      return value_;
    }
    if (value_) {
      next_fetch_ = now + retry_after_;
      return value_;
    }
    return std::move(fetched).error();
  }

  // Makes the next get() fetch again, unless the current value is younger than `min_age` (rate limit).
  // Returns whether it did.
  bool expire_if_older_than(Clock::duration min_age) {
    std::lock_guard lock(state_mutex_);
    if (!value_ || Clock::now() - fetched_at_ < min_age) return false;
    next_fetch_ = Clock::now();
    return true;
  }

 private:
  const Clock::duration max_age_;
  const Clock::duration retry_after_;
  std::mutex fetch_mutex_;  // held across a fetch
  std::mutex state_mutex_;  // guards the members below
  std::shared_ptr<const T> value_;
  Clock::time_point fetched_at_{};
  Clock::time_point next_fetch_{};
  bool fetching_ = false;
};

}  // namespace mytoken::oidc_internal
