#include "service/common/purge_job.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "unit/service/service_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

ProxyTokenRow code_row(const std::string& id, ProxyTokenRow::Kind kind, int64_t expires_at,
                       std::optional<MomId> mom_id = std::nullopt) {
  ProxyTokenRow row;
  row.id = id;
  row.kind = kind;
  row.created = 1;
  row.expires_at = expires_at;
  row.mom_id = std::move(mom_id);
  return row;
}

PendingLoginRow login_row(const std::string& id, int64_t expires_at) {
  PendingLoginRow row;
  row.consent_code_hash = id;
  row.state_hash = "state-" + id;
  row.request_json = "{}";
  row.created = 1;
  row.expires_at = expires_at;
  return row;
}

class PurgeJobTest : public test::ServiceTest {
 protected:
  bool code_exists(const std::string& id) {
    auto tx = must(store_->begin(TxMode::kRead));
    return must(tx->proxy_tokens().find(id)).has_value();
  }
  PurgeOptions options_{.interval = std::chrono::seconds(1), .keep_expired = 600, .rate_limit_window = 300};
};

TEST_F(PurgeJobTest, RemovesOnlyWhatExpiredLongEnoughAgo) {
  const auto token = new_family_token(std::nullopt);
  const int64_t now = clock_.now();
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    using Kind = ProxyTokenRow::Kind;
    must(tx->proxy_tokens().insert(code_row("old-transfer", Kind::kTransferCode, now - 601, token.mom_id)));
    must(tx->proxy_tokens().insert(code_row("old-polling", Kind::kPollingCode, now - 700)));
    must(tx->proxy_tokens().insert(code_row("just-expired", Kind::kTransferCode, now - 10, token.mom_id)));
    must(tx->proxy_tokens().insert(code_row("live", Kind::kTransferCode, now + 100, token.mom_id)));
    must(tx->proxy_tokens().insert(code_row("short-token", Kind::kShortToken, 0, token.mom_id)));
    must(tx->pending_logins().insert(login_row("old-login", now - 601)));
    must(tx->pending_logins().insert(login_row("live-login", now + 100)));
    must(tx->rate_limits().try_increment("past-window", now - 900, 10));
    must(tx->rate_limits().try_increment("current-window", now - now % 300, 10));
    must(tx->commit());
  }
  PurgeJob job(*store_, clock_, options_);
  const auto counts = must(job.run_once());
  EXPECT_EQ(counts.codes, 2);
  EXPECT_EQ(counts.pending_logins, 1);
  EXPECT_EQ(counts.rate_limits, 1);
  EXPECT_FALSE(code_exists("old-transfer"));
  EXPECT_FALSE(code_exists("old-polling"));
  EXPECT_TRUE(code_exists("just-expired"));  // still answers "expired" for keep_expired seconds
  EXPECT_TRUE(code_exists("live"));
  EXPECT_TRUE(code_exists("short-token"));
  auto tx = must(store_->begin(TxMode::kRead));
  EXPECT_FALSE(must(tx->pending_logins().find_by_consent("old-login")).has_value());
  EXPECT_TRUE(must(tx->pending_logins().find_by_consent("live-login")).has_value());
  EXPECT_EQ(must(tx->rate_limits().count("current-window", now - now % 300)), 1);
  EXPECT_TRUE(must(tx->tokens().find(token.mom_id)).has_value());
}

// Each pass of the job reads the clock once, first thing: the test counts passes and waits for them.
class PassCountingClock final : public Clock {
 public:
  explicit PassCountingClock(int64_t now) : now_(now) {}
  int64_t now() const override {
    {
      std::lock_guard lock(mutex_);
      ++reads_;
    }
    read_.notify_all();
    return now_;
  }
  // False after a generous deadline, so a job that never runs fails the test instead of hanging it.
  bool wait_for_reads(int reads) const {
    std::unique_lock lock(mutex_);
    return read_.wait_for(lock, std::chrono::seconds(30), [&] { return reads_ >= reads; });
  }
  int reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
  }

 private:
  const int64_t now_;
  mutable std::mutex mutex_;
  mutable std::condition_variable read_;
  mutable int reads_ = 0;
};

TEST_F(PurgeJobTest, PurgesOnItsThreadUntilStopped) {
  PassCountingClock clock(clock_.now());
  {
    auto tx = must(store_->begin(TxMode::kWrite));
    must(tx->proxy_tokens().insert(code_row("old-polling", ProxyTokenRow::Kind::kPollingCode, clock_.now() - 700)));
    must(tx->commit());
  }
  PurgeJob job(*store_, clock, PurgeOptions{.interval = std::chrono::seconds(0)});
  job.start();
  const bool second_pass_began = clock.wait_for_reads(2);  // so the first one has committed
  job.stop();
  const int passes_at_stop = clock.reads();
  job.stop();  // idempotent

  EXPECT_TRUE(second_pass_began);
  EXPECT_FALSE(code_exists("old-polling"));
  EXPECT_EQ(clock.reads(), passes_at_stop);  // stop() joined the thread: no pass after it
}

}  // namespace
}  // namespace mytoken
