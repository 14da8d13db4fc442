#pragma once

#include <array>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/ports/clock.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"

namespace mytoken {

struct SharedWindowCounterOptions {
  int64_t window = 60;  // seconds; windows are aligned to multiples of it
  int64_t limit = 600;  // admissions per key and window, all instances together
  // Local admissions written to the store together. 0: max(1, limit / 32).
  int64_t batch = 0;
  // Keys tracked in memory; past it (after dropping ended windows) a new key is counted in the store directly.
  size_t max_keys = 65536;
};

// A fixed-window limit per key shared by all server instances without a store write per request
// (docs/rate_limits.md). Each instance counts locally and adds its pending count to the store's counter
// (RateLimitRepository::add) once `batch` requests are pending or a second has passed; it decides with the
// total the store returned last plus what it has counted since. So a store write happens once per batch, and
// all instances together admit at most limit + (instances - 1) × 2 × batch requests of a key per window: an
// instance holds at most one batch in flight to the store and one pending.
//
// Thread-safe: admit() may run on many threads at once. No lock is held during the store call. A failing store
// admits (a limit is no reason to refuse service) and logs; the counts are retried with the next flush.
class SharedWindowCounter {
 public:
  // `store_key` maps a local key to the opaque key the store holds (a keyed hash). `store` and `clock` must
  // outlive this object.
  SharedWindowCounter(Store& store, const Clock& clock, SharedWindowCounterOptions options,
                      std::function<std::string(std::string_view)> store_key);
  SharedWindowCounter(const SharedWindowCounter&) = delete;
  SharedWindowCounter& operator=(const SharedWindowCounter&) = delete;

  // Counts one request of `key`, or refuses it with 429 too_many_requests (retry_after: seconds until the
  // window ends) and counts nothing if the key's known total has reached the limit.
  Result<void> admit(std::string_view key);

  int64_t batch() const { return batch_; }

 private:
  struct Bucket {
    int64_t window_start = 0;
    int64_t known_total = 0;  // all instances, as the store answered last (our flushed counts included)
    int64_t in_flight = 0;    // counted here, being added to the store
    int64_t pending = 0;      // counted here, not yet sent
    int64_t last_flush = 0;   // clock seconds of the last flush (or of the bucket's start)
  };
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    std::mutex mutex;
    std::condition_variable flushed;  // a flush of this shard ended
    std::unordered_map<std::string, Bucket, StringHash, std::equal_to<>> buckets;
    int64_t swept_window = 0;  // buckets of windows before this one are gone
  };
  static constexpr size_t kShards = 16;  // spreads lock contention of many worker threads

  Shard& shard_of(std::string_view key);
  // The key's bucket of the window starting at `start`; nullptr if the shard is full. Requires: shard locked.
  Bucket* bucket_of(Shard& shard, std::string_view key, int64_t start, int64_t now);
  void flush(Shard& shard, std::string_view key, int64_t start, int64_t count);
  Result<int64_t> add_to_store(std::string_view key, int64_t start, int64_t count);
  Result<void> admit_untracked(std::string_view key, int64_t start, int64_t now);
  ApiError refusal(int64_t start, int64_t now) const;

  Store& store_;
  const Clock& clock_;
  const int64_t window_;
  const int64_t limit_;
  const int64_t batch_;
  const size_t max_keys_per_shard_;
  const std::function<std::string(std::string_view)> store_key_;
  std::array<Shard, kShards> shards_;
};

}  // namespace mytoken
