#include "oidc/refreshing_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace mytoken::oidc_internal {
namespace {

using namespace std::chrono_literals;

TEST(RefreshingCache, FetchesOnceAndServesTheCachedValue) {
  RefreshingCache<int> cache(1h, 1min);
  int fetches = 0;
  auto fetch = [&]() -> Result<int> { return ++fetches; };
  ASSERT_TRUE(cache.get(fetch));
  auto again = cache.get(fetch);
  ASSERT_TRUE(again);
  EXPECT_EQ(**again, 1);
  EXPECT_EQ(fetches, 1);
}

TEST(RefreshingCache, ConcurrentFirstUsersWaitForOneFetch) {
  RefreshingCache<int> cache(1h, 1min);
  std::atomic<int> fetches = 0;
  auto fetch = [&]() -> Result<int> {
    std::this_thread::sleep_for(20ms);  // widens the race window; not used for synchronisation
    return ++fetches;
  };
  std::vector<std::thread> threads;
  std::atomic<int> ok = 0;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (auto v = cache.get(fetch); v && **v == 1) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches.load(), 1);
  EXPECT_EQ(ok.load(), 8);
}

TEST(RefreshingCache, FailureWithoutValueIsReturnedAndRetriedNextTime) {
  RefreshingCache<int> cache(1h, 1min);
  int calls = 0;
  auto fetch = [&]() -> Result<int> {
    if (++calls == 1) return ApiError::oidc_error(502, "down");
    return 7;
  };
  EXPECT_FALSE(cache.get(fetch));
  auto second = cache.get(fetch);
  ASSERT_TRUE(second);
  EXPECT_EQ(**second, 7);
}

TEST(RefreshingCache, FailedRefreshKeepsTheOldValue) {
  RefreshingCache<int> cache(0s, 1min);  // always stale
  auto good = []() -> Result<int> { return 1; };
  auto bad = []() -> Result<int> { return ApiError::oidc_error(502, "down"); };
  ASSERT_TRUE(cache.get(good));
  auto kept = cache.get(bad);
  ASSERT_TRUE(kept);
  EXPECT_EQ(**kept, 1);
}

TEST(RefreshingCache, ExpireIfOlderThanIsRateLimited) {
  RefreshingCache<int> cache(1h, 1min);
  int fetches = 0;
  auto fetch = [&]() -> Result<int> { return ++fetches; };
  ASSERT_TRUE(cache.get(fetch));
  EXPECT_FALSE(cache.expire_if_older_than(1h));
  EXPECT_TRUE(cache.expire_if_older_than(0s));
  auto refreshed = cache.get(fetch);
  ASSERT_TRUE(refreshed);
  EXPECT_EQ(**refreshed, 2);
}

}  // namespace
}  // namespace mytoken::oidc_internal
