#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

constexpr int64_t kNow = 1'700'000'000;

Result<int64_t> parse(std::string_view json_text) {
  return parse_restriction_time(boost::json::parse(json_text), kNow);
}

int64_t ok(std::string_view json_text) {
  const auto r = parse(json_text);
  EXPECT_TRUE(r) << json_text;
  return r ? *r : -1;
}

TEST(ParseRestrictionTime, AcceptsIntegerUnixTime) { EXPECT_EQ(ok("1767225600"), 1767225600); }

TEST(ParseRestrictionTime, PlusSecondsIsRelativeToNow) { EXPECT_EQ(ok(R"("+3600")"), kNow + 3600); }

TEST(ParseRestrictionTime, CombinedDurationUnits) {  // spec §6.1
  EXPECT_EQ(ok(R"("+1d12h")"), kNow + 36 * 3600);
  EXPECT_EQ(ok(R"("+90m30s")"), kNow + 90 * 60 + 30);
  EXPECT_EQ(ok(R"("+1w")"), kNow + 7 * 86400);
  EXPECT_EQ(ok(R"("+1y")"), kNow + 365 * 86400);
  EXPECT_EQ(ok(R"("+2h30m")"), kNow + 9000);
}

TEST(ParseRestrictionTime, SubSecondUnitsTruncateToWholeSeconds) {
  EXPECT_EQ(ok(R"("+1500ms")"), kNow + 1);
  EXPECT_EQ(ok(R"("+2000000us")"), kNow + 2);
  EXPECT_EQ(ok(R"("+3000000µs")"), kNow + 3);
  EXPECT_EQ(ok(R"("+4000000000ns")"), kNow + 4);
}

TEST(ParseRestrictionTime, FractionalDurations) { EXPECT_EQ(ok(R"("+1.5h")"), kNow + 5400); }

TEST(ParseRestrictionTime, DecimalStringIsAbsoluteTime) { EXPECT_EQ(ok(R"("1767225600")"), 1767225600); }

TEST(ParseRestrictionTime, DateTimeStringIsUtc) {
  EXPECT_EQ(ok(R"("2026-01-01 00:00")"), 1767225600);
  EXPECT_EQ(ok(R"("2026-01-01 12:34")"), 1767225600 + 12 * 3600 + 34 * 60);
}

TEST(ParseRestrictionTime, RejectsMalformedValues) {
  for (const auto* bad : {R"("+")", R"("+1x")", R"("+h")", R"("-5")", R"("1d")", R"("2026-02-30 00:00")",
                          R"("2026-01-01 24:00")", R"("2026-1-01 00:00")", R"("")", "true", "-1", "1.5", "null",
                          R"("+99999999999999999y")", R"("99999999999999999999")", "[]"}) {
    const auto r = parse(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, 400);
    EXPECT_EQ(r.error().error, "invalid_request");
  }
}

}  // namespace
}  // namespace mytoken
