#include "http/request_origin.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace mytoken {
namespace {

constexpr std::string_view kIssuer = "https://mytoken.example.org/base";

HttpRequest with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/c/abcdefgh";
  r.headers = std::move(headers);
  return r;
}

TEST(UrlOrigin, KeepsSchemeHostAndNonDefaultPort) {
  EXPECT_EQ(url_origin("https://Mytoken.Example.org/base"), "https://mytoken.example.org");
  EXPECT_EQ(url_origin("https://mytoken.example.org:443"), "https://mytoken.example.org");
  EXPECT_EQ(url_origin("http://127.0.0.1:8000/x?y"), "http://127.0.0.1:8000");
  EXPECT_EQ(url_origin("http://[::1]:80"), "http://[::1]");
}

TEST(UrlOrigin, IsEmptyForOpaqueOrNonHttpOrigins) {
  for (const char* url : {"null", "", "file:///etc/passwd", "data:text/html,x", "//example.org", "https://"}) {
    EXPECT_EQ(url_origin(url), "") << url;
  }
}

TEST(CrossSite, RequestsWithoutBrowserHeadersAreNotCrossSite) {  // oidc-agent, curl
  EXPECT_FALSE(is_cross_site_request(with_headers({}), kIssuer));
}

TEST(CrossSite, SameOriginIsAccepted) {
  EXPECT_FALSE(is_cross_site_request(with_headers({{"origin", "https://mytoken.example.org"}}), kIssuer));
  EXPECT_FALSE(is_cross_site_request(
      with_headers({{"origin", "https://mytoken.example.org:443"}, {"sec-fetch-site", "same-origin"}}), kIssuer));
}

TEST(CrossSite, ForeignOrNullOriginIsCrossSite) {
  for (const char* origin : {"https://evil.example", "null", "http://mytoken.example.org",
                             "https://mytoken.example.org:8443", "https://mytoken.example.org.evil.example"}) {
    EXPECT_TRUE(is_cross_site_request(with_headers({{"origin", origin}}), kIssuer)) << origin;
  }
}

TEST(CrossSite, SecFetchSiteCrossSiteIsRefusedEvenWithoutOrigin) {
  EXPECT_TRUE(is_cross_site_request(with_headers({{"sec-fetch-site", "Cross-Site"}}), kIssuer));
  EXPECT_FALSE(is_cross_site_request(with_headers({{"sec-fetch-site", "none"}}), kIssuer));
}

}  // namespace
}  // namespace mytoken
