#include <atomic>
#include <thread>
#include <vector>

#include "contract/store_contract.hpp"

namespace mytoken::store_contract {
namespace {

TEST_P(StoreContract, RateLimitCountsUpToTheLimitWithinAWindow) {
  auto tx = begin();
  EXPECT_EQ(must(tx->rate_limits().count("k", 100)), 0);
  EXPECT_TRUE(must(tx->rate_limits().try_increment("k", 100, 2)));
  EXPECT_TRUE(must(tx->rate_limits().try_increment("k", 100, 2)));
  EXPECT_FALSE(must(tx->rate_limits().try_increment("k", 100, 2)));
  EXPECT_EQ(must(tx->rate_limits().count("k", 100)), 2);
  EXPECT_EQ(must(tx->rate_limits().count("other", 100)), 0);
  EXPECT_FALSE(must(tx->rate_limits().try_increment("zero", 100, 0)));
}

TEST_P(StoreContract, RateLimitStartsAgainInANewWindowAndNeverGoesBack) {
  auto tx = begin();
  EXPECT_TRUE(must(tx->rate_limits().try_increment("k", 100, 1)));
  EXPECT_FALSE(must(tx->rate_limits().try_increment("k", 100, 1)));
  EXPECT_TRUE(must(tx->rate_limits().try_increment("k", 400, 1)));  // new window
  EXPECT_EQ(must(tx->rate_limits().count("k", 400)), 1);
  EXPECT_EQ(must(tx->rate_limits().count("k", 700)), 0);  // a later window has not started counting
  // An instance whose clock lags counts against the newer window rather than resetting it.
  EXPECT_FALSE(must(tx->rate_limits().try_increment("k", 100, 1)));
  EXPECT_EQ(must(tx->rate_limits().count("k", 400)), 1);
}

TEST_P(StoreContract, PurgeOfRateLimitsKeepsCurrentWindows) {
  auto tx = begin();
  must(tx->rate_limits().try_increment("old", 100, 5));
  must(tx->rate_limits().try_increment("current", 400, 5));
  EXPECT_EQ(must(tx->rate_limits().purge_before(400)), 1);
  EXPECT_EQ(must(tx->rate_limits().count("old", 100)), 0);
  EXPECT_EQ(must(tx->rate_limits().count("current", 400)), 1);
}

TEST_P(StoreContract, ConcurrentRateLimitIncrementsNeverExceedTheLimit) {
  std::atomic<int> admitted{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        auto tx = store_->begin(TxMode::kWrite);
        if (!tx) {
          ++errors;
          continue;
        }
        auto ok = (*tx)->rate_limits().try_increment("shared", 1000, 10);
        if (!ok || !(*tx)->commit()) {
          ++errors;
        } else if (*ok) {
          ++admitted;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(admitted.load(), 10);
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(must(tx->rate_limits().count("shared", 1000)), 10);
}

TEST_P(StoreContract, RateLimitAddReturnsTheTotalAndStartsAgainInANewWindow) {
  auto tx = begin();
  EXPECT_EQ(must(tx->rate_limits().add("k", 100, 5)), 5);
  EXPECT_EQ(must(tx->rate_limits().add("k", 100, 3)), 8);  // no limit: add only counts
  EXPECT_EQ(must(tx->rate_limits().count("k", 100)), 8);
  EXPECT_EQ(must(tx->rate_limits().add("k", 400, 2)), 2);  // new window
  // An instance whose clock lags adds to the newer window rather than resetting it.
  EXPECT_EQ(must(tx->rate_limits().add("k", 100, 1)), 3);
  EXPECT_EQ(must(tx->rate_limits().count("k", 400)), 3);
  // Shares the counters of try_increment: both kinds of callers see one total.
  EXPECT_TRUE(must(tx->rate_limits().try_increment("k", 400, 4)));
  EXPECT_FALSE(must(tx->rate_limits().try_increment("k", 400, 4)));
  EXPECT_EQ(must(tx->rate_limits().add("k", 400, 1)), 5);
}

TEST_P(StoreContract, ConcurrentRateLimitAddsLoseNoCount) {
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto tx = store_->begin(TxMode::kWrite);
        if (!tx) {
          ++errors;
          continue;
        }
        auto total = (*tx)->rate_limits().add("shared", 1000, 3);
        if (!total || *total < 3 || *total > 8 * 5 * 3 || !(*tx)->commit()) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  auto tx = begin(TxMode::kRead);
  EXPECT_EQ(must(tx->rate_limits().count("shared", 1000)), 8 * 5 * 3);
}

}  // namespace
}  // namespace mytoken::store_contract
