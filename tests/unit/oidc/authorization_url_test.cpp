#include "oidc/authorization_url.hpp"

#include <gtest/gtest.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <string>
#include <vector>

#include "crypto/encoding.hpp"

namespace mytoken::oidc_internal {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

ProviderOptions provider(std::string issuer = "https://op.example.org") {
  return ProviderOptions{.issuer = std::move(issuer),
                         .name = "Example",
                         .client_id = "mytoken client",
                         .client_secret = "s3cret",
                         .scopes = {"openid", "profile"}};
}

AuthorizationParams params() {
  return AuthorizationParams{.redirect_uri = "https://mytoken.example.com/redirect",
                             .state = "st4te",
                             .code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                             .scopes = {"openid", "profile", "email"},
                             .audiences = {}};
}

// Decoded query parameters, in order.
Pairs query_of(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  EXPECT_TRUE(parsed.has_value()) << url;
  Pairs out;
  for (const auto& p : parsed->params()) out.emplace_back(p.key, p.value);
  return out;
}

std::string first(const Pairs& pairs, const std::string& key) {
  for (const auto& [k, v] : pairs) {
    if (k == key) return v;
  }
  return "<absent>";
}

std::vector<std::string> all(const Pairs& pairs, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs) {
    if (k == key) out.push_back(v);
  }
  return out;
}

TEST(AuthorizationScopes, AppendsOfflineAccessAndOpenidWhenMissing) {
  EXPECT_EQ(authorization_scopes({"profile"}, {}, false),
            (std::vector<std::string>{"profile", "offline_access", "openid"}));
  EXPECT_EQ(authorization_scopes({"openid", "offline_access", "email"}, {}, false),
            (std::vector<std::string>{"openid", "offline_access", "email"}));
}

TEST(AuthorizationScopes, UsesConfiguredScopesWhenNoneRequested) {
  EXPECT_EQ(authorization_scopes({}, {"openid", "profile"}, false),
            (std::vector<std::string>{"openid", "profile", "offline_access"}));
}

TEST(AuthorizationScopes, GoogleGetsNoOfflineAccessScope) {
  EXPECT_EQ(authorization_scopes({"email"}, {}, true), (std::vector<std::string>{"email", "openid"}));
}

TEST(AuthorizationScopes, DropsDuplicatesAndEmptyEntries) {
  EXPECT_EQ(authorization_scopes({"email", "", "email", "openid"}, {}, false),
            (std::vector<std::string>{"email", "openid", "offline_access"}));
}

TEST(RefreshScope, EmptyMeansNoScopeParameter) { EXPECT_EQ(refresh_scope({}, false), ""); }

TEST(RefreshScope, AppendsOfflineAccessToNonEmptyScope) {  // spec §7 step 3
  EXPECT_EQ(refresh_scope({"storage.read"}, false), "storage.read offline_access");
  EXPECT_EQ(refresh_scope({"offline_access", "email"}, false), "offline_access email");
  EXPECT_EQ(refresh_scope({"email"}, true), "email");
}

TEST(IsGoogle, MatchesWithAndWithoutTrailingSlash) {
  EXPECT_TRUE(is_google("https://accounts.google.com"));
  EXPECT_TRUE(is_google("https://accounts.google.com/"));
  EXPECT_FALSE(is_google("https://accounts.google.com.evil.example"));
}

TEST(BuildAuthorizationUrl, HasEveryParameterOfSpec53) {
  auto url = build_authorization_url("https://op.example.org/auth", provider(), params());
  ASSERT_TRUE(url) << url.error().log_detail;
  EXPECT_TRUE(url->starts_with("https://op.example.org/auth?")) << *url;
  EXPECT_EQ(query_of(*url), (Pairs{{"response_type", "code"},
                                   {"client_id", "mytoken client"},
                                   {"redirect_uri", "https://mytoken.example.com/redirect"},
                                   {"state", "st4te"},
                                   {"scope", "openid profile email offline_access"},
                                   {"prompt", "consent"},
                                   {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
                                   {"code_challenge_method", "S256"}}));
}

TEST(BuildAuthorizationUrl, PercentEncodesValuesStrictly) {
  auto p = params();
  p.state = "a+b&c=d#e f";
  auto url = build_authorization_url("https://op.example.org/auth", provider(), p);
  ASSERT_TRUE(url);
  EXPECT_NE(url->find("state=a%2Bb%26c%3Dd%23e%20f"), std::string::npos) << *url;
  EXPECT_NE(url->find("redirect_uri=https%3A%2F%2Fmytoken.example.com%2Fredirect"), std::string::npos) << *url;
  EXPECT_NE(url->find("scope=openid%20profile%20email%20offline_access"), std::string::npos) << *url;
  EXPECT_EQ(first(query_of(*url), "state"), "a+b&c=d#e f");
}

TEST(BuildAuthorizationUrl, KeepsTheEndpointsOwnQuery) {
  auto url = build_authorization_url("https://op.example.org/auth?tenant=x", provider(), params());
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->starts_with("https://op.example.org/auth?tenant=x&response_type=code&")) << *url;
}

TEST(BuildAuthorizationUrl, Rfc8707ModeSendsOneResourcePerAudience) {
  auto p = params();
  p.audiences = {"https://storage.example.org", "urn:compute", "https://storage.example.org"};
  auto url = build_authorization_url("https://op.example.org/auth", provider(), p);
  ASSERT_TRUE(url);
  const auto q = query_of(*url);
  EXPECT_EQ(all(q, "resource"), (std::vector<std::string>{"https://storage.example.org", "urn:compute"}));
  EXPECT_TRUE(all(q, "audience").empty());
}

TEST(BuildAuthorizationUrl, LegacyModeRepeatsTheConfiguredParameter) {
  auto options = provider();
  options.use_rfc8707 = false;
  options.audience_request_parameter = "aud";
  auto p = params();
  p.audiences = {"a1", "a2"};
  auto url = build_authorization_url("https://op.example.org/auth", options, p);
  ASSERT_TRUE(url);
  const auto q = query_of(*url);
  EXPECT_EQ(all(q, "aud"), (std::vector<std::string>{"a1", "a2"}));
  EXPECT_TRUE(all(q, "resource").empty());
}

TEST(BuildAuthorizationUrl, LegacyModeCanSpaceJoinAudiences) {
  auto options = provider();
  options.use_rfc8707 = false;
  options.space_separate_auds = true;
  auto p = params();
  p.audiences = {"a1", "a2"};
  auto url = build_authorization_url("https://op.example.org/auth", options, p);
  ASSERT_TRUE(url);
  EXPECT_EQ(all(query_of(*url), "audience"), (std::vector<std::string>{"a1 a2"}));
}

TEST(BuildAuthorizationUrl, GoogleUsesAccessTypeOffline) {
  auto url = build_authorization_url("https://accounts.google.com/o/oauth2/v2/auth",
                                     provider("https://accounts.google.com"), params());
  ASSERT_TRUE(url);
  const auto q = query_of(*url);
  EXPECT_EQ(first(q, "access_type"), "offline");
  EXPECT_EQ(first(q, "scope"), "openid profile email");
}

TEST(BuildAuthorizationUrl, RejectsAnEndpointThatIsNoAbsoluteUrl) {
  auto url = build_authorization_url("/auth", provider(), params());
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().error, "oidc_error");
  EXPECT_EQ(url.error().status, 502);
}

TEST(FormEncode, EncodesReservedCharactersAndSpaceAsPlus) {
  EXPECT_EQ(form_encode_component("a b+c&d=e/f:g%h~i-j.k_l"), "a+b%2Bc%26d%3De%2Ff%3Ag%25h~i-j.k_l");
  EXPECT_EQ(form_encode_component("\xc3\xa4"), "%C3%A4");
  EXPECT_EQ(form_encode({{"grant_type", "refresh_token"}, {"scope", "openid email"}}),
            "grant_type=refresh_token&scope=openid+email");
}

TEST(BasicAuthorization, FormEncodesCredentialsBeforeBase64) {  // RFC 6749 §2.3.1
  const std::string header = basic_authorization("my client:1", "p@ss w+rd%");
  ASSERT_TRUE(header.starts_with("Basic "));
  const auto decoded = base64_decode(header.substr(6));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, "my+client%3A1:p%40ss+w%2Brd%25");
}

TEST(BasicAuthorization, PlainCredentialsStayReadable) {
  EXPECT_EQ(basic_authorization("mytoken-test", "mytoken-test-secret"),
            "Basic " + base64_encode("mytoken-test:mytoken-test-secret"));
}

TEST(AudienceParams, NoAudiencesNoParameters) { EXPECT_TRUE(audience_params(provider(), {}).empty()); }

}  // namespace
}  // namespace mytoken::oidc_internal
