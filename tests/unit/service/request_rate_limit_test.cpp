#include "service/rate_limits/request_rate_limit.hpp"

#include <gtest/gtest.h>

#include "service/common/presented_token.hpp"
#include "unit/service/service_test_context.hpp"

namespace mytoken {
namespace {

class RequestRateLimitTest : public test::ServiceTest {
 protected:
  RequestRateLimiter limiter(RequestRateLimitOptions options) {
    return RequestRateLimiter(*store_, clock_, secret_, options);
  }
  static int admitted_clients(RequestRateLimiter& l, std::string_view ip, int requests) {
    int n = 0;
    for (int i = 0; i < requests; ++i) n += l.admit_client(ip) ? 1 : 0;
    return n;
  }
  int64_t stored(std::string_view kind, std::string_view key) {
    std::string material(kind);
    material += '\0';
    material += key;
    auto tx = test::must(store_->begin(TxMode::kRead));
    return test::must(tx->rate_limits().count(secret_.lookup_hash(purpose::kRequestRateLimit, material),
                                              clock_.now() - clock_.now() % 60));
  }
};

TEST_F(RequestRateLimitTest, ClientsAreLimitedByAddressAndIpv6ByItsSlash64) {
  auto l = limiter({.window = 60, .per_ip = 3, .per_token = 100});
  EXPECT_EQ(admitted_clients(l, "2001:db8:1:2::1", 2), 2);
  EXPECT_EQ(admitted_clients(l, "2001:db8:1:2:ffff::9", 2), 1);  // same /64
  EXPECT_EQ(admitted_clients(l, "2001:db8:1:3::1", 3), 3);       // another /64
  EXPECT_EQ(admitted_clients(l, "192.0.2.1", 4), 3);
  EXPECT_EQ(admitted_clients(l, "::ffff:192.0.2.1", 1), 0);  // IPv4-mapped counts as the IPv4 address
  auto refused = l.admit_client("192.0.2.1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, 429);
  EXPECT_GT(refused.error().retry_after, 0);
  EXPECT_LE(refused.error().retry_after, 60);
}

TEST_F(RequestRateLimitTest, StoredCountersAreKeyedHashes) {
  auto l = limiter({.window = 60, .per_ip = 3, .per_token = 2});  // batch 1: every request is written
  EXPECT_TRUE(l.admit_client("192.0.2.7"));
  EXPECT_TRUE(l.admit_token(MomId{"mom-1"}));
  EXPECT_EQ(stored("ip", "192.0.2.7"), 1);
  EXPECT_EQ(stored("token", "mom-1"), 1);
  auto tx = test::must(store_->begin(TxMode::kRead));
  EXPECT_EQ(test::must(tx->rate_limits().count("192.0.2.7", 0)), 0);
  EXPECT_EQ(test::must(tx->rate_limits().count("mom-1", 0)), 0);
}

TEST_F(RequestRateLimitTest, DisabledLimitsAdmitEverything) {
  auto l = limiter({.enabled = false, .window = 60, .per_ip = 1, .per_token = 1});
  EXPECT_EQ(admitted_clients(l, "192.0.2.1", 10), 10);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(l.admit_token(MomId{"m"}));
}

TEST_F(RequestRateLimitTest, ValidatingAMytokenCountsAgainstItsLimitOnly) {
  auto l = limiter({.window = 60, .per_ip = 100, .per_token = 3});
  ctx_.request_limits = &l;
  const auto first = new_family_token(std::nullopt);
  const auto second = new_family_token(std::nullopt);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(validate_mytoken(ctx_, first.jwt)) << i;
  auto refused = validate_mytoken(ctx_, first.jwt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error, "too_many_requests");
  EXPECT_TRUE(validate_mytoken(ctx_, second.jwt));              // another token is still served
  EXPECT_FALSE(validate_mytoken(ctx_, Secret("not-a-token")));  // invalid tokens count nothing and fail as before
  clock_.advance(60);
  EXPECT_TRUE(validate_mytoken(ctx_, first.jwt));  // the next window
}

}  // namespace
}  // namespace mytoken
