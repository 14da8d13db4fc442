#include "http/access_log.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TEST(LoggablePath, UsesRoutePatternNeverTheCode) {
  HttpRequest r;
  r.path = "/c/SECRETCODE";
  r.query = "code=SECRET&state=S";
  r.route = "/c/{code}";
  EXPECT_EQ(loggable_path(r), "/c/{code}");
}

TEST(LoggablePath, UnmatchedPathKeepsOnlyFirstSegment) {
  HttpRequest r;
  r.path = "/c/SECRETCODE/extra";
  EXPECT_EQ(loggable_path(r), "/c/...");
  r.path = "/unknown";
  EXPECT_EQ(loggable_path(r), "/unknown");
  r.path = "";
  EXPECT_EQ(loggable_path(r), "-");
}

TEST(FormatAccessLine, HasTheFields) {
  const auto line = format_access_line({.method = "POST",
                                        .path = "/api/v0/token/access",
                                        .status = 200,
                                        .duration = std::chrono::microseconds(1500),
                                        .client_ip = "192.0.2.1",
                                        .mom_id = "abc",
                                        .bytes = 42});
  EXPECT_EQ(line,
            "method=POST path=/api/v0/token/access status=200 duration_ms=1.500 ip=192.0.2.1 bytes=42 mom_id=abc");
}

TEST(FormatAccessLine, QuotesAndEscapesHostileValues) {
  const auto line = format_access_line(
      {.method = "GET", .path = "/a b\n\"x\"", .status = 404, .client_ip = "", .detail = "sqlite: busy"});
  EXPECT_EQ(line,
            R"(method=GET path="/a b\x0a\"x\"" status=404 duration_ms=0.000 ip="" bytes=0 detail="sqlite: busy")");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace mytoken
