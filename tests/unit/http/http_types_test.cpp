#include "http/http_types.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TEST(HttpRequest, QueryParamIsPercentDecoded) {
  HttpRequest r;
  r.query = "code=a%2Fb&state=x+y&flag";
  EXPECT_EQ(r.query_param("code"), "a/b");
  EXPECT_EQ(r.query_param("state"), "x y");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("missing"), std::nullopt);
  r.query = "bad=%zz";
  EXPECT_EQ(r.query_param("bad"), std::nullopt);
}

TEST(HttpRequest, HeaderAndPathParam) {
  HttpRequest r;
  r.headers = {{"content-type", "application/json"}};
  r.path_params = {{"code", "abc"}};
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), std::nullopt);
  EXPECT_EQ(r.path_param("code"), "abc");
  EXPECT_EQ(r.path_param("other"), std::nullopt);
}

}  // namespace
}  // namespace mytoken
