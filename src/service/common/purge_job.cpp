#include "service/common/purge_job.hpp"

#include <spdlog/spdlog.h>

namespace mytoken {

PurgeJob::PurgeJob(Store& store, const Clock& clock, PurgeOptions options)
    : store_(store), clock_(clock), options_(options) {}

PurgeJob::~PurgeJob() { stop(); }

Result<PurgeCounts> PurgeJob::run_once() const {
  const int64_t now = clock_.now();
  const int64_t cutoff = now - options_.keep_expired;
  auto tx = store_.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  PurgeCounts counts;
  auto codes = t.proxy_tokens().purge_expired(cutoff);
  if (!codes) return codes.error();
  counts.codes = *codes;
  auto logins = t.pending_logins().purge_expired(cutoff);
  if (!logins) return logins.error();
  counts.pending_logins = *logins;
  // A counter whose window started a whole window ago has ended; the current one is never touched.
  auto limits = t.rate_limits().purge_before(now - options_.rate_limit_window);
  if (!limits) return limits.error();
  counts.rate_limits = *limits;
  if (auto r = t.commit(); !r) return r.error();
  return counts;
}

void PurgeJob::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, options_.interval, [this] { return stopping_; })) {
      lock.unlock();
      if (auto counts = run_once(); !counts) {
        spdlog::warn("purge of expired codes failed: {}", counts.error().log_detail);
      } else if (counts->codes + counts->pending_logins + counts->rate_limits > 0) {
        spdlog::debug("purged {} expired codes, {} pending logins, {} rate-limit counters", counts->codes,
                      counts->pending_logins, counts->rate_limits);
      }
      lock.lock();
    }
  });
}

void PurgeJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace mytoken
