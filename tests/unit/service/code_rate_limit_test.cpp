#include "service/rate_limits/code_rate_limit.hpp"

#include <gtest/gtest.h>

#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

class CodeRateLimitTest : public ::testing::Test {
 protected:
  // One attempt as a request makes it: admit, and on a miss record it; committed like the services do.
  Result<void> attempt(std::string_view code, std::string_view ip, bool miss, int64_t now = 1000) {
    auto tx = store_->begin(TxMode::kWrite);
    if (!tx) return tx.error();
    if (auto r = admit_code_attempt(**tx, options_, secret_, code, ip, now); !r) return r;
    if (miss) {
      if (auto r = record_code_miss(**tx, options_, secret_, ip, now); !r) return r;
    }
    return (*tx)->commit();
  }
  int status(std::string_view code, std::string_view ip, bool miss, int64_t now = 1000) {
    auto r = attempt(code, ip, miss, now);
    return r ? 200 : r.error().status;
  }

  std::unique_ptr<Store> store_ = test::make_temp_sqlite_store();
  ServerSecret secret_ = ServerSecret::from_bytes(std::string(32, 'p'));
  CodeRateLimitOptions options_{
      .enabled = true, .window = 300, .misses_per_ip = 3, .misses_total = 5, .attempts_per_code = 4};
};

TEST_F(CodeRateLimitTest, ClientIsRefusedAfterItsMissesUntilTheWindowEnds) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(status("guess" + std::to_string(i), "192.0.2.1", true), 200);
  EXPECT_EQ(status("guess-x", "192.0.2.1", true), 429);
  EXPECT_EQ(status("real-code", "192.0.2.1", false), 429);     // refused before the lookup: no oracle left
  EXPECT_EQ(status("real-code", "192.0.2.2", false), 200);     // another client is not affected
  EXPECT_EQ(status("guess-y", "192.0.2.1", true, 1200), 200);  // next window (starts at 1200)
}

TEST_F(CodeRateLimitTest, RefusalSaysWhenTheWindowEnds) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(status("guess" + std::to_string(i), "192.0.2.1", true, 1000), 200);
  auto refused = attempt("guess-x", "192.0.2.1", true, 1100);  // window [900, 1200)
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 429);
  EXPECT_EQ(refused.error().retry_after, 100);
}

TEST_F(CodeRateLimitTest, HitsDoNotCountAsMisses) {
  for (int i = 0; i < 10; ++i) EXPECT_EQ(status("code" + std::to_string(i), "192.0.2.1", false), 200);
}

TEST_F(CodeRateLimitTest, AllClientsTogetherHaveABudgetToo) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(status("g" + std::to_string(i), "198.51.100." + std::to_string(i), true), 200);
  EXPECT_EQ(status("g-next", "198.51.100.99", false), 429);
}

TEST_F(CodeRateLimitTest, OneCodeCanBePresentedOnlySoOftenPerWindow) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(status("polled", "192.0.2." + std::to_string(i), false), 200);
  EXPECT_EQ(status("polled", "192.0.2.9", false), 429);
  EXPECT_EQ(status("other", "192.0.2.9", false), 200);
}

TEST_F(CodeRateLimitTest, Ipv6ClientsAreCountedPerSlash64) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(status("g" + std::to_string(i), "2001:db8:1:2::" + std::to_string(i + 1), true), 200);
  EXPECT_EQ(status("g-more", "2001:db8:1:2:ffff::1", false), 429);
  EXPECT_EQ(status("g-more", "2001:db8:1:3::1", false), 200);
}

TEST_F(CodeRateLimitTest, DisabledAdmitsEverything) {
  options_.enabled = false;
  for (int i = 0; i < 20; ++i) EXPECT_EQ(status("same", "192.0.2.1", true), 200);
}

TEST(ClientRateLimitBucket, GroupsAddressesAsDocumented) {
  EXPECT_EQ(client_rate_limit_bucket("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_rate_limit_bucket("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_rate_limit_bucket("2001:db8:a:b:c:d:e:f"), "2001:db8:a:b::/64");
  EXPECT_EQ(client_rate_limit_bucket("not an address"), "not an address");
}

}  // namespace
}  // namespace mytoken
