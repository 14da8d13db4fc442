#include "http/http_metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mytoken {
namespace {

HttpRequest request(std::string method, std::string path, std::string route) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.route = std::move(route);
  return r;
}

bool has_line(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST(HttpMetrics, CountsByRoutePatternNeverByRawPath) {
  metrics::Registry registry;
  HttpMetrics m(registry, {"/c/{code}", "/health"});
  m.observe(request("GET", "/c/SECRETCODE", "/c/{code}"), 200, std::chrono::milliseconds(3));
  m.observe(request("GET", "/c/OTHERCODE", "/c/{code}"), 200, std::chrono::milliseconds(3));
  m.observe(request("GET", "/c/x/y/TOKEN", ""), 404, std::chrono::milliseconds(1));
  m.observe(request("POST", "", ""), 413, std::chrono::milliseconds(1));
  const std::string text = registry.render();
  EXPECT_TRUE(has_line(text, R"(mytoken_http_requests_total{endpoint="/c/{code}",method="GET",status="200"} 2)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_requests_total{endpoint="unmatched",method="GET",status="404"} 1)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_requests_total{endpoint="none",method="POST",status="413"} 1)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_request_duration_seconds_count{endpoint="/c/{code}"} 2)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_request_duration_seconds_bucket{endpoint="/c/{code}",le="0.0025"} 0)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_request_duration_seconds_bucket{endpoint="/c/{code}",le="0.005"} 2)"));
  EXPECT_EQ(text.find("SECRETCODE"), std::string::npos);
  EXPECT_EQ(text.find("TOKEN"), std::string::npos);
}

TEST(HttpMetrics, FoldsUnknownMethodsIntoOtherAndCountsUnusualStatuses) {
  metrics::Registry registry;
  HttpMetrics m(registry, {"/health"});
  m.observe(request("BREW", "/health", "/health"), 405, std::chrono::microseconds(10));
  m.observe(request("GET", "/health", "/health"), 418, std::chrono::microseconds(10));
  const std::string text = registry.render();
  EXPECT_TRUE(has_line(text, R"(mytoken_http_requests_total{endpoint="/health",method="other",status="405"} 1)"));
  EXPECT_TRUE(has_line(text, R"(mytoken_http_requests_total{endpoint="/health",method="GET",status="418"} 1)"));
  EXPECT_EQ(text.find("BREW"), std::string::npos);
}

}  // namespace
}  // namespace mytoken
