#include "service/common/oidc_providers.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "oidc/curl_oidc_provider.hpp"

namespace mytoken {
namespace {

ProviderOptions options(std::string issuer, std::string client_id = "c") {
  ProviderOptions o;
  o.issuer = std::move(issuer);
  o.client_id = std::move(client_id);
  return o;
}

std::unique_ptr<OidcProvider> provider(std::string issuer) {
  auto made = make_curl_oidc_provider(options(std::move(issuer)));
  EXPECT_TRUE(made);
  return std::move(*made);
}

OidcProviders two_providers() {
  std::vector<std::unique_ptr<OidcProvider>> list;
  list.push_back(provider("https://op.example.org"));
  list.push_back(provider("https://other.example.org/realm/"));
  auto providers = OidcProviders::create(std::move(list));
  EXPECT_TRUE(providers);
  return std::move(*providers);
}

TEST(OidcProviders, FindsByExactIssuer) {
  const auto providers = two_providers();
  ASSERT_NE(providers.find("https://op.example.org"), nullptr);
  EXPECT_EQ(providers.find("https://op.example.org")->issuer(), "https://op.example.org");
}

TEST(OidcProviders, FindsWithOrWithoutTrailingSlash) {  // spec §5.2 step 1
  const auto providers = two_providers();
  ASSERT_NE(providers.find("https://op.example.org/"), nullptr);
  EXPECT_EQ(providers.find("https://op.example.org/")->issuer(), "https://op.example.org");
  ASSERT_NE(providers.find("https://other.example.org/realm"), nullptr);
  EXPECT_EQ(providers.find("https://other.example.org/realm")->issuer(), "https://other.example.org/realm/");
}

TEST(OidcProviders, UnknownIssuerIsNull) {
  const auto providers = two_providers();
  EXPECT_EQ(providers.find("https://op.example.org//"), nullptr);
  EXPECT_EQ(providers.find("https://op.example.or"), nullptr);
  EXPECT_EQ(providers.find("http://op.example.org"), nullptr);
  EXPECT_EQ(providers.find(""), nullptr);
}

TEST(OidcProviders, AllKeepsConfigurationOrder) {
  const auto providers = two_providers();
  ASSERT_EQ(providers.all().size(), 2u);
  EXPECT_EQ(providers.all()[1]->issuer(), "https://other.example.org/realm/");
}

TEST(OidcProviders, RejectsTheSameIssuerTwice) {
  std::vector<std::unique_ptr<OidcProvider>> list;
  list.push_back(provider("https://op.example.org"));
  list.push_back(provider("https://op.example.org/"));
  EXPECT_FALSE(OidcProviders::create(std::move(list)));
}

TEST(MakeCurlOidcProvider, RejectsInvalidOptionsWithoutContactingTheOp) {
  EXPECT_FALSE(make_curl_oidc_provider(options("op.example.org")));
  EXPECT_FALSE(make_curl_oidc_provider(options("ftp://op.example.org")));
  EXPECT_FALSE(make_curl_oidc_provider(options("https://op.example.org?x=1")));
  EXPECT_FALSE(make_curl_oidc_provider(options("https://op.example.org", "")));
  auto o = options("https://op.invalid");
  o.name = "N";
  o.scopes = {"openid"};
  auto ok = make_curl_oidc_provider(o);
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)->name(), "N");
  EXPECT_EQ((*ok)->scopes(), std::vector<std::string>{"openid"});
}

TEST(CurlOidcProvider, UnreachableOpIsOidcError502) {
  // Port 9 on loopback: nothing listens, so the connection is refused at once.
  auto op = make_curl_oidc_provider(options("http://127.0.0.1:9"));
  ASSERT_TRUE(op);
  auto url = (*op)->authorization_url({});
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().error, "oidc_error");
  EXPECT_EQ(url.error().status, 502);
  EXPECT_EQ(url.error().description, "the OpenID provider could not be reached");
  EXPECT_FALSE(url.error().log_detail.empty());
  auto refreshed = (*op)->refresh(Secret("rt-secret-value"), {}, {});
  ASSERT_FALSE(refreshed);
  EXPECT_EQ(refreshed.error().log_detail.find("rt-secret-value"), std::string::npos);
}

}  // namespace
}  // namespace mytoken
