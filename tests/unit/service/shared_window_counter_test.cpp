#include "service/rate_limits/shared_window_counter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

class SteppedClock final : public Clock {
 public:
  int64_t now() const override { return now_.load(); }
  void advance(int64_t seconds) { now_ += seconds; }
  std::atomic<int64_t> now_{1'800'000'010};  // 10 s into a 60 s window
};

// Real SQLite store; counters keyed by the plain key so the test can read them back.
class SharedWindowCounterTest : public ::testing::Test {
 protected:
  SharedWindowCounter counter(int64_t limit, size_t max_keys = 65536) {
    return SharedWindowCounter(*store_, clock_, {.window = 60, .limit = limit, .max_keys = max_keys},
                               [](std::string_view key) { return std::string(key); });
  }
  int64_t stored(const std::string& key) {
    auto tx = store_->begin(TxMode::kRead);
    return *(*tx)->rate_limits().count(key, clock_.now() - clock_.now() % 60);
  }
  static int admitted(SharedWindowCounter& c, const std::string& key, int requests) {
    int n = 0;
    for (int i = 0; i < requests; ++i) n += c.admit(key) ? 1 : 0;
    return n;
  }

  std::unique_ptr<Store> store_ = test::make_temp_sqlite_store();
  SteppedClock clock_;
};

TEST_F(SharedWindowCounterTest, AdmitsTheLimitThenRefusesWithRetryAfterUntilTheWindowEnds) {
  auto c = counter(40);
  EXPECT_EQ(admitted(c, "k", 40), 40);
  auto refused = c.admit("k");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 429);
  EXPECT_EQ(refused.error().error, "too_many_requests");
  EXPECT_EQ(refused.error().retry_after, 50);  // window [1'800'000'000, +60)
  EXPECT_EQ(admitted(c, "other", 1), 1);       // another key has its own budget
  clock_.advance(50);                          // next window
  EXPECT_EQ(admitted(c, "k", 40), 40);
}

TEST_F(SharedWindowCounterTest, WritesToTheStoreOncePerBatchOrAfterASecond) {
  auto c = counter(320);  // batch 10
  ASSERT_EQ(c.batch(), 10);
  EXPECT_EQ(admitted(c, "k", 9), 9);
  EXPECT_EQ(stored("k"), 0);  // pending locally
  EXPECT_EQ(admitted(c, "k", 1), 1);
  EXPECT_EQ(stored("k"), 10);
  EXPECT_EQ(admitted(c, "k", 3), 3);
  EXPECT_EQ(stored("k"), 10);
  clock_.advance(1);
  EXPECT_EQ(admitted(c, "k", 1), 1);
  EXPECT_EQ(stored("k"), 14);  // a second later the pending count goes out with the next request
}

TEST_F(SharedWindowCounterTest, TwoInstancesOnOneStoreStayWithinTheDocumentedBound) {
  const int64_t limit = 320;
  auto a = counter(limit);
  auto b = counter(limit);
  int total = 0;
  for (int i = 0; i < 1000; ++i) total += (a.admit("k") ? 1 : 0) + (b.admit("k") ? 1 : 0);
  EXPECT_GE(total, limit);                            // a refusal means the limit was really reached
  EXPECT_LE(total, limit + (2 - 1) * 2 * a.batch());  // docs/rate_limits.md: + (instances - 1) × 2 × batch
}

TEST_F(SharedWindowCounterTest, AnInstanceLearnsWhatAnotherUsedWithinABatch) {
  auto a = counter(320);
  auto b = counter(320);
  EXPECT_EQ(admitted(a, "k", 400), 320);
  EXPECT_LE(admitted(b, "k", 400), b.batch());
  clock_.advance(50);  // both start afresh in the next window
  EXPECT_EQ(admitted(b, "k", 10), 10);
}

TEST_F(SharedWindowCounterTest, ManyThreadsOfOneInstanceAdmitExactlyTheLimit) {
  auto c = counter(300);
  std::atomic<int> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] { total += admitted(c, "hot", 100); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), 300);
  clock_.advance(1);
  EXPECT_FALSE(c.admit("hot"));
}

TEST_F(SharedWindowCounterTest, KeysBeyondTheMemoryCapAreStillLimitedThroughTheStore) {
  auto c = counter(5, /*max_keys=*/16);  // one key per shard
  for (int k = 0; k < 40; ++k) {
    const auto key = "client-" + std::to_string(k);
    EXPECT_EQ(admitted(c, key, 8), 5) << key;
  }
}

TEST_F(SharedWindowCounterTest, EndedWindowsAreForgotten) {
  auto c = counter(64, /*max_keys=*/16);  // batch 2
  for (int k = 0; k < 40; ++k) EXPECT_EQ(admitted(c, "old-" + std::to_string(k), 5), 5);
  clock_.advance(60);
  // The buckets of the last window were dropped, so new keys are tracked in memory again (no store write yet).
  EXPECT_EQ(admitted(c, "new", 1), 1);
  EXPECT_EQ(stored("new"), 0);
}

}  // namespace
}  // namespace mytoken
