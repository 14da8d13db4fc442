#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "http/responses.hpp"

namespace mytoken {
namespace {

HttpRequest request(std::string method, std::string path) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

HttpResponse text(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

std::string header(const HttpResponse& r, std::string_view name) {
  return std::string(find_header(r, name).value_or(""));
}

boost::json::value body_json(const HttpResponse& r) { return boost::json::parse(r.body); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.add("GET", "/jwks", [](HttpRequest&) { return text("jwks"); });
    router_.add("POST", "/api/v0/token/my", [](HttpRequest&) { return text("my"); });
    router_.add("GET", "/c/{code}",
                [](HttpRequest& r) { return text("consent " + std::string(*r.path_param("code"))); });
    router_.add("POST", "/c/{code}", [](HttpRequest&) { return text("approve"); });
    router_.add("POST", "/c", [](HttpRequest&) { return text("render"); });
    router_.add("GET", "/api/v0/settings/{name}", [](HttpRequest&) { return text("param"); });
    router_.add("GET", "/api/v0/settings/grants", [](HttpRequest&) { return text("literal"); });
    router_.add("GET", "/boom", [](HttpRequest&) -> HttpResponse { throw std::runtime_error("secret detail"); });
  }
  Router router_;
};

TEST_F(RouterTest, DispatchesByMethodAndPath) {
  auto r = request("POST", "/api/v0/token/my");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "my");
  EXPECT_EQ(r.route, "/api/v0/token/my");
}

TEST_F(RouterTest, FillsPathParamsAndRecordsThePattern) {
  auto r = request("GET", "/c/abcdEFGH");
  EXPECT_EQ(router_.dispatch(r).body, "consent abcdEFGH");
  EXPECT_EQ(r.path_param("code"), "abcdEFGH");
  EXPECT_EQ(r.route, "/c/{code}");
}

TEST_F(RouterTest, PlaceholderDoesNotMatchEmptyOrSeveralSegments) {
  auto empty = request("GET", "/c/");
  EXPECT_EQ(router_.dispatch(empty).status, 405);  // "/c/" is "/c" (trailing slash), which only has POST
  auto deeper = request("GET", "/c/a/b");
  EXPECT_EQ(router_.dispatch(deeper).status, 404);
}

TEST_F(RouterTest, IgnoresOneTrailingSlash) {
  auto r = request("GET", "/jwks/");
  EXPECT_EQ(router_.dispatch(r).body, "jwks");
}

TEST_F(RouterTest, LiteralSegmentBeatsPlaceholder) {
  auto literal = request("GET", "/api/v0/settings/grants");
  EXPECT_EQ(router_.dispatch(literal).body, "literal");
  auto param = request("GET", "/api/v0/settings/email");
  EXPECT_EQ(router_.dispatch(param).body, "param");
}

TEST_F(RouterTest, UnknownPathIs404WithThePath) {  // spec §1.11
  auto r = request("GET", "/nope");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(body_json(response), boost::json::parse(R"({"error":"not_found","error_description":"/nope"})"));
  EXPECT_EQ(header(response, "Content-Type"), "application/json");
  EXPECT_TRUE(r.route.empty());
}

TEST_F(RouterTest, KnownPathWithOtherMethodIs405WithAllow) {
  auto r = request("DELETE", "/c/abc");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(body_json(response).at("error"), "Method Not Allowed");
  EXPECT_EQ(header(response, "Allow"), "GET,HEAD,POST");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto r = request("HEAD", "/jwks");
  EXPECT_EQ(router_.dispatch(r).body, "jwks");  // the server drops the body, not the router
}

TEST_F(RouterTest, HandlerExceptionBecomes500WithoutDetails) {
  auto r = request("GET", "/boom");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(body_json(response).at("error"), "internal_server_error");
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
}

TEST_F(RouterTest, CorsHeadersOnApiPaths) {  // spec §1.8
  for (const char* path : {"/api/v0/token/my", "/jwks", "/.well-known/openid-configuration", "/api/v0/unknown"}) {
    auto r = request(std::string_view(path) == "/api/v0/token/my" ? "POST" : "GET", path);
    const auto response = router_.dispatch(r);
    EXPECT_EQ(header(response, "Access-Control-Allow-Origin"), "*") << path;
    EXPECT_FALSE(find_header(response, "X-Frame-Options")) << path;
  }
}

TEST_F(RouterTest, PreflightOnCorsPathsIs204) {
  auto r = request("OPTIONS", "/api/v0/token/my");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(header(response, "Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(header(response, "Access-Control-Allow-Methods"), "GET,POST,HEAD,PUT,DELETE,PATCH");
  EXPECT_EQ(header(response, "Access-Control-Allow-Headers"), "Authorization, Content-Type");
  EXPECT_TRUE(response.body.empty());
}

TEST_F(RouterTest, SecurityHeadersOnOtherPaths) {
  auto r = request("GET", "/c/abc");
  const auto response = router_.dispatch(r);
  EXPECT_EQ(header(response, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(response, "X-Frame-Options"), "DENY");
  EXPECT_EQ(header(response, "Referrer-Policy"), "no-referrer");
  const auto csp = header(response, "Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << "no inline script: " << csp;
  EXPECT_FALSE(find_header(response, "Access-Control-Allow-Origin"));
  auto options = request("OPTIONS", "/c/abc");  // no preflight outside the CORS paths
  EXPECT_EQ(router_.dispatch(options).status, 405);
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
  Router router;
  const auto handler = [](HttpRequest&) { return HttpResponse{}; };
  EXPECT_THROW(router.add("GET", "no-slash", handler), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/a/{b", handler), std::invalid_argument);
  router.add("GET", "/a", handler);
  EXPECT_THROW(router.add("GET", "/a", handler), std::invalid_argument);
}

}  // namespace
}  // namespace mytoken
