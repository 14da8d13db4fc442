#include "service/rate_limits/shared_window_counter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace mytoken {

SharedWindowCounter::SharedWindowCounter(Store& store, const Clock& clock, SharedWindowCounterOptions options,
                                         std::function<std::string(std::string_view)> store_key)
    : store_(store),
      clock_(clock),
      window_(std::max<int64_t>(1, options.window)),
      limit_(options.limit),
      batch_(options.batch > 0 ? options.batch : std::max<int64_t>(1, options.limit / 32)),
      max_keys_per_shard_(std::max<size_t>(1, options.max_keys / kShards)),
      store_key_(std::move(store_key)) {}

Result<void> SharedWindowCounter::admit(std::string_view key) {
  const int64_t now = clock_.now();
  const int64_t start = now - now % window_;
  Shard& shard = shard_of(key);
  std::unique_lock lock(shard.mutex);
  Bucket* bucket = bucket_of(shard, key, start, now);
  // At most one batch in flight and one pending per key: that is what bounds the overshoot (header comment).
  while (bucket != nullptr && bucket->in_flight > 0 && bucket->pending >= batch_) {
    shard.flushed.wait(lock);
    bucket = bucket_of(shard, key, start, now);
  }
  if (bucket == nullptr) {
    lock.unlock();
    return admit_untracked(key, start, now);
  }
  if (bucket->known_total + bucket->in_flight + bucket->pending >= limit_) return refusal(start, now);
  ++bucket->pending;
  const bool due = bucket->pending >= batch_ || now > bucket->last_flush;
  if (bucket->in_flight > 0 || !due) return {};
  const int64_t count = std::exchange(bucket->pending, 0);
  bucket->in_flight = count;
  bucket->last_flush = now;
  lock.unlock();
  flush(shard, key, start, count);
  return {};
}

SharedWindowCounter::Shard& SharedWindowCounter::shard_of(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

SharedWindowCounter::Bucket* SharedWindowCounter::bucket_of(Shard& shard, std::string_view key, int64_t start,
                                                            int64_t now) {
  if (shard.swept_window < start) {  // once per window: counts of ended windows no longer matter
    std::erase_if(shard.buckets, [start](const auto& entry) { return entry.second.window_start < start; });
    shard.swept_window = start;
  }
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_keys_per_shard_) return nullptr;
    it = shard.buckets.emplace(std::string(key), Bucket{.window_start = start, .last_flush = now}).first;
  } else if (it->second.window_start < start) {
    it->second = Bucket{.window_start = start, .last_flush = now};
  }
  return &it->second;
}

void SharedWindowCounter::flush(Shard& shard, std::string_view key, int64_t start, int64_t count) {
  auto total = add_to_store(key, start, count);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.buckets.find(key); it != shard.buckets.end() && it->second.window_start == start) {
    Bucket& bucket = it->second;
    bucket.in_flight = 0;
    if (total) {
      bucket.known_total = std::max(bucket.known_total, *total);
    } else {
      bucket.pending += count;  // sent again with the next flush
    }
  }
  shard.flushed.notify_all();
}

Result<int64_t> SharedWindowCounter::add_to_store(std::string_view key, int64_t start, int64_t count) {
  auto total = [&]() -> Result<int64_t> {
    auto tx = store_.begin(TxMode::kWrite);
    if (!tx) return tx.error();
    auto added = (*tx)->rate_limits().add(store_key_(key), start, count);
    if (!added) return added.error();
    if (auto committed = (*tx)->commit(); !committed) return committed.error();
    return *added;
  }();
  if (!total) spdlog::warn("request rate limit: counts not shared through the store: {}", total.error().log_detail);
  return total;
}

// A key the memory cap leaves untracked is counted in the store one request at a time: exact, but a store
// write per request, which only a flood of distinct keys within one window causes.
Result<void> SharedWindowCounter::admit_untracked(std::string_view key, int64_t start, int64_t now) {
  auto total = add_to_store(key, start, 1);
  if (total && *total > limit_) return refusal(start, now);
  return {};
}

ApiError SharedWindowCounter::refusal(int64_t start, int64_t now) const {
  return ApiError::too_many_requests(std::max<int64_t>(1, start + window_ - now));
}

}  // namespace mytoken
