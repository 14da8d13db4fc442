#include "oidc/op_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mytoken::oidc_internal {
namespace {

constexpr std::string_view kDiscovery = R"({
  "issuer":"https://op.example.org",
  "authorization_endpoint":"https://op.example.org/auth",
  "token_endpoint":"https://op.example.org/token",
  "userinfo_endpoint":"https://op.example.org/me",
  "revocation_endpoint":"https://op.example.org/token/revocation",
  "jwks_uri":"https://op.example.org/jwks"})";

TEST(ParseDiscovery, ReadsTheEndpoints) {
  auto meta = parse_discovery(kDiscovery, "https://op.example.org");
  ASSERT_TRUE(meta) << meta.error().log_detail;
  EXPECT_EQ(meta->authorization_endpoint, "https://op.example.org/auth");
  EXPECT_EQ(meta->token_endpoint, "https://op.example.org/token");
  EXPECT_EQ(meta->userinfo_endpoint, "https://op.example.org/me");
  EXPECT_EQ(meta->revocation_endpoint, "https://op.example.org/token/revocation");
  EXPECT_EQ(meta->jwks_uri, "https://op.example.org/jwks");
}

TEST(ParseDiscovery, RejectsAnotherIssuerEvenUpToATrailingSlash) {
  for (const char* configured : {"https://op.example.org/", "https://evil.example.org"}) {
    auto meta = parse_discovery(kDiscovery, configured);
    ASSERT_FALSE(meta) << configured;
    EXPECT_EQ(meta.error().error, "oidc_error");
    EXPECT_EQ(meta.error().status, 502);
    EXPECT_EQ(meta.error().description, kUnreachable);
  }
}

TEST(ParseDiscovery, RequiresTokenAndAuthorizationEndpoints) {
  EXPECT_FALSE(parse_discovery(R"({"issuer":"https://op","authorization_endpoint":"https://op/a"})", "https://op"));
  EXPECT_FALSE(parse_discovery("not json", "https://op"));
  EXPECT_FALSE(parse_discovery("[]", "https://op"));
}

TEST(ParseDiscovery, RevocationEndpointIsOptional) {
  auto meta = parse_discovery(
      R"({"issuer":"https://op","authorization_endpoint":"https://op/a","token_endpoint":"https://op/t"})",
      "https://op");
  ASSERT_TRUE(meta);
  EXPECT_TRUE(meta->revocation_endpoint.empty());
}

TEST(OpError, CarriesTheOpStatusAndErrorWithDescription) {  // spec §7 step 3, §15
  const ApiError e = op_error(400, R"({"error":"invalid_grant","error_description":"grant request is invalid"})", "x");
  EXPECT_EQ(e.error, "oidc_error");
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.description, "invalid_grant: grant request is invalid");
}

TEST(OpError, WithoutDescriptionOnlyTheError) {
  const ApiError e = op_error(401, R"({"error":"invalid_client"})", "x");
  EXPECT_EQ(e.status, 401);
  EXPECT_EQ(e.description, "invalid_client");
}

TEST(OpError, NonJsonAnswerIsUnreachable) {
  const ApiError e = op_error(503, "<html>Service Unavailable</html>", "token endpoint");
  EXPECT_EQ(e.error, "oidc_error");
  EXPECT_EQ(e.status, 502);
  EXPECT_EQ(e.description, kUnreachable);
  EXPECT_NE(e.log_detail.find("503"), std::string::npos);
  EXPECT_EQ(e.log_detail.find("html"), std::string::npos);  // the body never goes to the log
}

TEST(OpError, ErrorJsonWithSuccessStatusIsReportedAs502) {
  EXPECT_EQ(op_error(200, R"({"error":"server_error"})", "x").status, 502);
}

TEST(ParseTokenResponse, ReadsEveryMember) {
  auto tokens =
      parse_token_response(200, R"({"access_token":"AT","refresh_token":"RT","id_token":"ID","scope":"openid email",
               "token_type":"Bearer","expires_in":3600})");
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->access_token.reveal(), "AT");
  EXPECT_EQ(tokens->refresh_token.reveal(), "RT");
  EXPECT_EQ(tokens->id_token.reveal(), "ID");
  EXPECT_EQ(tokens->scope, "openid email");
  EXPECT_EQ(tokens->token_type, "Bearer");
  EXPECT_EQ(tokens->expires_in, 3600);
}

TEST(ParseTokenResponse, OptionalMembersMayBeAbsentAndExpiresInAString) {
  auto tokens = parse_token_response(200, R"({"access_token":"AT","expires_in":"60"})");
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->refresh_token.empty());
  EXPECT_TRUE(tokens->id_token.empty());
  EXPECT_EQ(tokens->expires_in, 60);
}

TEST(ParseTokenResponse, OpErrorBecomesOidcError) {
  auto tokens = parse_token_response(400, R"({"error":"invalid_grant","error_description":"expired"})");
  ASSERT_FALSE(tokens);
  EXPECT_EQ(tokens.error().status, 400);
  EXPECT_EQ(tokens.error().description, "invalid_grant: expired");
}

TEST(ParseTokenResponse, MissingAccessTokenOrGarbageIsUnreachable) {
  for (const char* body : {R"({"token_type":"Bearer"})", "", "{", R"("access_token")"}) {
    auto tokens = parse_token_response(200, body);
    ASSERT_FALSE(tokens) << body;
    EXPECT_EQ(tokens.error().status, 502) << body;
    EXPECT_EQ(tokens.error().description, kUnreachable) << body;
  }
}

TEST(IdentityFromClaims, ReadsSubEmailAndVerifiedFlag) {
  auto claims = parse_object(R"({"sub":"u1","email":"a@example.org","email_verified":true})");
  ASSERT_TRUE(claims);
  const OpIdentity id = identity_from_claims(*claims);
  EXPECT_EQ(id.sub, "u1");
  EXPECT_EQ(id.email, "a@example.org");
  EXPECT_TRUE(id.email_verified);
  EXPECT_TRUE(identity_from_claims(*parse_object(R"({"sub":"u","email_verified":"true"})")).email_verified);
  EXPECT_FALSE(identity_from_claims(*parse_object(R"({"sub":"u","email_verified":"false"})")).email_verified);
  EXPECT_EQ(identity_from_claims(*parse_object(R"({"sub":42})")).sub, "");
}

class CheckIdTokenClaims : public ::testing::Test {
 protected:
  static boost::json::object claims(std::string_view json) { return *parse_object(json); }
  static constexpr int64_t kNow = 1'700'000'000;
};

TEST_F(CheckIdTokenClaims, AcceptsMatchingIssuerAudienceAndUnexpired) {
  EXPECT_TRUE(check_id_token_claims(claims(R"({"iss":"https://op","aud":"c","exp":1700000100,"sub":"u"})"),
                                    "https://op", "c", kNow));
  EXPECT_TRUE(check_id_token_claims(claims(R"({"iss":"https://op","aud":["x","c"],"azp":"c","exp":1700000100})"),
                                    "https://op", "c", kNow));
}

TEST_F(CheckIdTokenClaims, RejectsWrongIssuerAudienceAzpOrExpiry) {
  for (const char* json : {
           R"({"iss":"https://op/","aud":"c","exp":1700000100})",
           R"({"iss":"https://op","aud":"d","exp":1700000100})",
           R"({"iss":"https://op","aud":["d"],"exp":1700000100})",
           R"({"iss":"https://op","exp":1700000100})",
           R"({"iss":"https://op","aud":["c","d"],"azp":"d","exp":1700000100})",
           R"({"iss":"https://op","aud":"c","exp":1699999000})",
           R"({"iss":"https://op","aud":"c"})",
       }) {
    auto checked = check_id_token_claims(claims(json), "https://op", "c", kNow);
    ASSERT_FALSE(checked) << json;
    EXPECT_EQ(checked.error().error, "oidc_error") << json;
  }
}

TEST_F(CheckIdTokenClaims, AllowsSmallClockSkew) {
  EXPECT_TRUE(
      check_id_token_claims(claims(R"({"iss":"https://op","aud":"c","exp":1699999990})"), "https://op", "c", kNow));
}

}  // namespace
}  // namespace mytoken::oidc_internal
