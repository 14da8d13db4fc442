#include "http/responses.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace mytoken {
namespace {

TEST(ErrorResponse, WireObjectAndStatus) {  // spec §1.5
  const auto response = error_response(ApiError::invalid_token("token not valid"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(boost::json::parse(response.body),
            boost::json::parse(R"({"error":"invalid_token","error_description":"token not valid"})"));
  EXPECT_EQ(find_header(response, "content-type"), "application/json");
  EXPECT_EQ(find_header(response, "Cache-Control"), "no-store");
}

TEST(ErrorResponse, OmitsEmptyDescriptionAndKeepsLogDetailOffTheWire) {
  const auto pending = error_response(ApiError::authorization_pending());
  EXPECT_EQ(pending.status, 428);
  EXPECT_EQ(pending.body, R"({"error":"authorization_pending"})");
  const auto internal = error_response(ApiError::internal("db locked"));
  EXPECT_EQ(internal.body.find("db locked"), std::string::npos);
  EXPECT_EQ(internal.log_detail, "db locked");
}

TEST(ErrorResponse, TooManyRequestsSaysWhenToRetry) {
  const auto refused = error_response(ApiError::too_many_requests(17));
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(find_header(refused, "Retry-After"), "17");
  EXPECT_EQ(boost::json::parse(refused.body).as_object().at("error"), "too_many_requests");
  EXPECT_EQ(find_header(error_response(ApiError::too_many_requests(0)), "Retry-After"), std::nullopt);
  EXPECT_EQ(find_header(error_response(ApiError::slow_down()), "Retry-After"), std::nullopt);
}

TEST(Responses, HtmlRedirectEmpty) {
  const auto html = html_response(200, "<p>hi</p>");
  EXPECT_EQ(find_header(html, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(html.body, "<p>hi</p>");
  const auto redirect = redirect_response("https://op.example/auth?x=1");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(find_header(redirect, "Location"), "https://op.example/auth?x=1");
  EXPECT_TRUE(redirect.body.empty());
  EXPECT_EQ(redirect_response(302, "/x").status, 302);
  EXPECT_EQ(empty_response().status, 204);
}

TEST(SetHeader, ReplacesCaseInsensitively) {
  auto response = json_response(boost::json::object{});
  set_header(response, "cache-control", "private");
  EXPECT_EQ(find_header(response, "Cache-Control"), "private");
  EXPECT_EQ(response.headers.size(), 2u);
}

}  // namespace
}  // namespace mytoken
