#include "cli/time_syntax.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace mytoken::cli {
namespace {

constexpr int64_t kNow = 1'700'000'000;

// Pins the local time zone for the tests of local-time forms and restores it afterwards.
class LocalZone {
 public:
  explicit LocalZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) saved_ = old;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~LocalZone() {
    if (saved_.empty()) {
      unsetenv("TZ");
    } else {
      setenv("TZ", saved_.c_str(), 1);
    }
    tzset();
  }

 private:
  std::string saved_;
};

TEST(CliTimeSyntax, UnixTime) { EXPECT_EQ(parse_cli_time("1767225600", kNow), 1767225600); }

TEST(CliTimeSyntax, RelativeSeconds) { EXPECT_EQ(parse_cli_time("+3600", kNow), kNow + 3600); }

TEST(CliTimeSyntax, RelativeDurations) {
  EXPECT_EQ(parse_cli_time("+1d12h", kNow), kNow + 36 * 3600);
  EXPECT_EQ(parse_cli_time("+2w", kNow), kNow + 14 * 86400);
  EXPECT_EQ(parse_cli_time("+1.5h", kNow), kNow + 5400);
  EXPECT_EQ(parse_cli_time("+90m", kNow), kNow + 5400);
  EXPECT_EQ(parse_cli_time("+1y", kNow), kNow + 365 * 86400);
  EXPECT_EQ(parse_cli_time("+30s", kNow), kNow + 30);
}

TEST(CliTimeSyntax, LocalCalendarTimeUsesTheLocalZone) {
  LocalZone zone("CET-1");
  EXPECT_EQ(parse_cli_time("2026-01-31 18:00", kNow), 1769882400 - 3600);
}

TEST(CliTimeSyntax, Iso8601WithZone) {
  EXPECT_EQ(parse_cli_time("2026-01-31T18:00Z", kNow), 1769882400);
  EXPECT_EQ(parse_cli_time("2026-01-31T18:00:30Z", kNow), 1769882430);
  EXPECT_EQ(parse_cli_time("2026-01-31T19:00+01:00", kNow), 1769882400);
  EXPECT_EQ(parse_cli_time("2026-01-31T16:30-01:30", kNow), 1769882400);
}

TEST(CliTimeSyntax, Iso8601WithoutZoneIsLocal) {
  LocalZone zone("UTC0");
  EXPECT_EQ(parse_cli_time("2026-01-31T18:00", kNow), 1769882400);
}

TEST(CliTimeSyntax, RejectsEverythingElse) {
  for (const char* bad : {"", "tomorrow", "+", "+1x", "+-5", "-5", "2026-02-30 10:00", "2026-01-31 25:00", "2026-01-31",
                          "2026-01-31T18:00+1", "2026-13-01T00:00Z", "1.5", "+1d garbage"}) {
    EXPECT_FALSE(parse_cli_time(bad, kNow).has_value()) << bad;
  }
}

}  // namespace
}  // namespace mytoken::cli
