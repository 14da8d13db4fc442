#include "util/bounded_lru.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TEST(BoundedLru, ForgetsTheLeastRecentlyUsedWhenFull) {
  BoundedLru<int> lru(2);
  lru.put("a", 1);
  lru.put("b", 2);
  ASSERT_EQ(lru.get("a"), 1);  // "b" is now the least recently used
  lru.put("c", 3);
  EXPECT_EQ(lru.get("a"), 1);
  EXPECT_FALSE(lru.get("b"));
  EXPECT_EQ(lru.get("c"), 3);
  EXPECT_EQ(lru.size(), 2u);
}

TEST(BoundedLru, PutOfAKnownKeyReplacesItsValueWithoutEvicting) {
  BoundedLru<int> lru(2);
  lru.put("a", 1);
  lru.put("b", 2);
  lru.put("a", 10);
  EXPECT_EQ(lru.get("a"), 10);
  EXPECT_EQ(lru.get("b"), 2);
}

TEST(BoundedLru, EraseAndCapacityZero) {
  BoundedLru<int> lru(2);
  lru.put("a", 1);
  lru.erase("a");
  lru.erase("never there");
  EXPECT_FALSE(lru.get("a"));
  EXPECT_EQ(lru.size(), 0u);

  BoundedLru<int> none(0);
  none.put("a", 1);
  EXPECT_FALSE(none.get("a"));
}

}  // namespace
}  // namespace mytoken
