#include "net/lookup_cache.hpp"

#include <gtest/gtest.h>

namespace mytoken::net_internal {
namespace {

using Clock = std::chrono::steady_clock;

struct ManualTime {
  Clock::time_point now{};
  LookupCache<int>::Now fn() {
    return [this] { return now; };
  }
};

TEST(LookupCache, AnswersFromTheCacheUntilTheTtlEnds) {
  ManualTime t;
  LookupCache<int> cache(10, std::chrono::seconds(60), t.fn());
  int lookups = 0;
  auto lookup = [&] { return ++lookups; };
  EXPECT_EQ(cache.get("a", lookup), 1);
  EXPECT_EQ(cache.get("a", lookup), 1);
  t.now += std::chrono::seconds(59);
  EXPECT_EQ(cache.get("a", lookup), 1);
  t.now += std::chrono::seconds(1);
  EXPECT_EQ(cache.get("a", lookup), 2);
}

TEST(LookupCache, NeverHoldsMoreThanItsCapacity) {
  ManualTime t;
  LookupCache<int> cache(2, std::chrono::seconds(60), t.fn());
  for (int i = 0; i < 5; ++i) {
    t.now += std::chrono::seconds(1);
    cache.get("k" + std::to_string(i), [&] { return i; });
  }
  EXPECT_EQ(cache.size(), 2u);
  int lookups = 0;
  EXPECT_EQ(cache.get("k4", [&] { return ++lookups; }), 4) << "the newest entry stays";
  EXPECT_EQ(lookups, 0);
}

TEST(LookupCache, ZeroTtlOrCapacityDisablesCaching) {
  LookupCache<int> cache(0, std::chrono::seconds(60));
  int lookups = 0;
  cache.get("a", [&] { return ++lookups; });
  cache.get("a", [&] { return ++lookups; });
  EXPECT_EQ(lookups, 2);
}

}  // namespace
}  // namespace mytoken::net_internal
