#include "http/request_decoding.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>

namespace mytoken {
namespace {

HttpRequest with_body(std::string body, std::string content_type = {}) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/v0/token/access";
  r.body = std::move(body);
  if (!content_type.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  return r;
}

boost::json::object object(std::string_view json) { return boost::json::parse(json).as_object(); }

TEST(DecodeBody, ParsesJsonObject) {
  const auto got = decode_body(with_body(R"({"grant_type":"mytoken","n":1})", "application/json"), false);
  ASSERT_TRUE(got) << got.error().description;
  EXPECT_EQ(*got, object(R"({"grant_type":"mytoken","n":1})"));
}

TEST(DecodeBody, MissingContentTypeMeansJson) {  // spec §1.1
  const auto got = decode_body(with_body(R"({"a":"b"})"), true);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, object(R"({"a":"b"})"));
}

TEST(DecodeBody, NullOrEmptyBodyIsEmptyObject) {  // spec §1.2
  for (const char* body : {"null", "", "  \n", " null "}) {
    const auto got = decode_body(with_body(body), false);
    ASSERT_TRUE(got) << body;
    EXPECT_TRUE(got->empty()) << body;
  }
}

TEST(DecodeBody, RejectsJsonThatIsNotAnObject) {
  for (const char* body : {"[]", "\"str\"", "42", "true"}) {
    const auto got = decode_body(with_body(body), false);
    ASSERT_FALSE(got) << body;
    EXPECT_EQ(got.error().status, 400);
    EXPECT_EQ(got.error().error, "invalid_request");
    EXPECT_EQ(got.error().description, "request body must be a JSON object");
  }
}

TEST(DecodeBody, RejectsMalformedJsonWithParserMessage) {
  const auto got = decode_body(with_body(R"({"a":)"), false);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().error, "invalid_request");
  EXPECT_EQ(got.error().description.rfind("invalid JSON: ", 0), 0u) << got.error().description;
  EXPECT_FALSE(decode_body(with_body(R"({"a":1} trailing)"), false));
  EXPECT_FALSE(decode_body(with_body("{\"a\":\"\xff\"}"), false));  // invalid UTF-8
}

TEST(DecodeBody, RejectsNestingBeyondTheLimit) {
  const std::string ok = std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']');
  EXPECT_TRUE(decode_body(with_body("{\"a\":" + ok + "}"), false));
  const std::string bomb = std::string(100000, '[') + std::string(100000, ']');
  const auto got = decode_body(with_body("{\"a\":" + bomb + "}"), false);
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().description.find("nesting deeper than"), std::string::npos) << got.error().description;
}

TEST(DecodeBody, RejectsDuplicateKeysAtAnyLevel) {
  auto got = decode_body(with_body(R"({"mytoken":"a","mytoken":"b"})"), false);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().description, "invalid JSON: duplicate key 'mytoken'");
  EXPECT_FALSE(decode_body(with_body(R"({"r":[{"exp":1,"exp":2}]})"), false));
  // The same key in sibling objects is fine.
  EXPECT_TRUE(decode_body(with_body(R"({"r":[{"exp":1},{"exp":2}],"exp":3})"), false));
}

TEST(DecodeBody, DecodesFormOnFormCapableEndpoints) {
  const auto got = decode_body(with_body("grant_type=refresh_token&refresh_token=ab%2Bc&scope=openid+profile&x=2",
                                         "application/x-www-form-urlencoded; charset=UTF-8"),
                               true);
  ASSERT_TRUE(got) << got.error().description;
  EXPECT_EQ(*got, object(R"({"grant_type":"refresh_token","refresh_token":"ab+c","scope":"openid profile","x":"2"})"));
}

TEST(DecodeBody, RejectsRepeatedFormParameters) {  // RFC 6749 §3.1/§3.2
  auto got =
      decode_body(with_body("grant_type=mytoken&mytoken=a&mytoken=b", "application/x-www-form-urlencoded"), true);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().status, 400);
  EXPECT_EQ(got.error().error, "invalid_request");
  EXPECT_EQ(got.error().description, "parameter 'mytoken' is given more than once");
}

TEST(DecodeBody, FormBodyOnJsonOnlyEndpointIsParsedAsJson) {
  const auto got = decode_body(with_body("a=b", "application/x-www-form-urlencoded"), false);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().status, 400);
}

TEST(DecodeBody, RejectsMalformedFormAndUnsupportedTypes) {
  auto bad_escape = decode_body(with_body("a=%zz", "application/x-www-form-urlencoded"), true);
  ASSERT_FALSE(bad_escape);
  EXPECT_EQ(bad_escape.error().error, "invalid_request");
  auto xml = decode_body(with_body("<a/>", "application/xml"), true);
  ASSERT_FALSE(xml);
  EXPECT_EQ(xml.error().description, "unsupported Content-Type 'application/xml'");
}

TEST(DecodeFormAll, KeepsEveryValueInOrder) {
  const auto got = decode_form_all("a=1&b&a=2&&c=");
  ASSERT_TRUE(got);
  const std::vector<std::pair<std::string, std::string>> want = {{"a", "1"}, {"b", ""}, {"a", "2"}, {"c", ""}};
  EXPECT_EQ(*got, want);
}

TEST(BearerToken, ExtractsTokenCaseInsensitively) {
  HttpRequest r;
  r.headers = {{"authorization", "bEaReR  eyJ.abc.def "}};
  EXPECT_EQ(bearer_token(r), "eyJ.abc.def");
}

TEST(BearerToken, IgnoresOtherSchemesAndEmptyTokens) {
  HttpRequest r;
  EXPECT_EQ(bearer_token(r), std::nullopt);
  for (const char* value : {"Basic abc", "Bearer", "Bearer   ", "Bearerabc", "Bearers abc"}) {
    r.headers = {{"authorization", value}};
    EXPECT_EQ(bearer_token(r), std::nullopt) << value;
  }
}

TEST(BasicCredentials, SplitsAtTheFirstColon) {
  HttpRequest r;
  r.headers = {{"authorization", "basic XzpzZWNyZXQ6d2l0aDpjb2xvbnM="}};  // "_:secret:with:colons"
  auto got = basic_credentials(r);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user, "_");
  EXPECT_EQ(got->password, "secret:with:colons");
}

TEST(BasicCredentials, IgnoresOtherSchemesAndMalformedValues) {
  HttpRequest r;
  EXPECT_FALSE(basic_credentials(r).has_value());
  // Bearer; not base64; base64 of "nocolon"; no credentials at all
  for (const char* value : {"Bearer X306cw==", "Basic !!!", "Basic bm9jb2xvbg==", "Basic", "Basic   "}) {
    r.headers = {{"authorization", value}};
    EXPECT_FALSE(basic_credentials(r).has_value()) << value;
  }
}

TEST(Cookie, FindsNamedCookie) {
  HttpRequest r;
  r.headers = {{"cookie", "other=1; mytoken=abc.def; mytoken-transfercode=\"xyz\""}};
  EXPECT_EQ(cookie(r, "mytoken"), "abc.def");
  EXPECT_EQ(cookie(r, "mytoken-transfercode"), "xyz");
  EXPECT_EQ(cookie(r, "missing"), std::nullopt);
}

}  // namespace
}  // namespace mytoken
