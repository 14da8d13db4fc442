// Runs against a real OP only when MYTOKEN_TEST_OP_ISSUER is set (e.g. shared/test-op: issuer
// http://127.0.0.1:9455, client mytoken-test / mytoken-test-secret). The full code flow also needs
// MYTOKEN_TEST_OP_DIR, the directory holding test-op's login.mjs (run with node).
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "crypto/encoding.hpp"
#include "oidc/curl_oidc_provider.hpp"

namespace mytoken {
namespace {

std::string env(const char* name, std::string fallback = {}) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

constexpr std::string_view kResource = "https://storage.example.org";

class CurlOidcProviderIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    issuer_ = env("MYTOKEN_TEST_OP_ISSUER");
    if (issuer_.empty()) GTEST_SKIP() << "MYTOKEN_TEST_OP_ISSUER not set";
    ProviderOptions options;
    options.issuer = issuer_;
    options.name = "test OP";
    options.client_id = env("MYTOKEN_TEST_OP_CLIENT_ID", "mytoken-test");
    options.client_secret = env("MYTOKEN_TEST_OP_CLIENT_SECRET", "mytoken-test-secret");
    options.scopes = {"openid", "profile", "email"};
    auto op = make_curl_oidc_provider(options);
    ASSERT_TRUE(op) << op.error().log_detail;
    op_ = std::move(*op);
  }

  static std::string challenge(std::string_view verifier) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest.data());
    return base64url_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  }

  AuthorizationParams params(const std::string& verifier) const {
    return AuthorizationParams{.redirect_uri = redirect_uri_,
                               .state = "integration-state",
                               .code_challenge = challenge(verifier),
                               .scopes = {"openid", "profile", "email", "storage.read"},
                               .audiences = {std::string(kResource)}};
  }

  // Drives login + consent with login.mjs; returns the `code` of the redirect, "" on failure.
  static std::string login(const std::string& dir, const std::string& url) {
    const std::string command = "node '" + dir + "/login.mjs' '" + url + "' 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    if (!pipe) return {};
    std::string out;
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out += buffer.data();
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    auto redirect = boost::urls::parse_uri(out);
    if (!redirect) return {};
    auto it = redirect->params().find("code");
    return it == redirect->params().end() ? std::string() : std::string((*it).value);
  }

  std::string issuer_;
  std::string redirect_uri_ = env("MYTOKEN_TEST_OP_REDIRECT_URI", "http://127.0.0.1:8000/redirect");
  std::unique_ptr<OidcProvider> op_;
};

TEST_F(CurlOidcProviderIntegration, DiscoveryGivesTheAuthorizationEndpoint) {
  auto url = op_->authorization_url(params("v"));
  ASSERT_TRUE(url) << url.error().description << " / " << url.error().log_detail;
  auto parsed = boost::urls::parse_uri(*url);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(url->starts_with(issuer_)) << *url;
  EXPECT_EQ((*parsed->params().find("client_id")).value, "mytoken-test");
  EXPECT_EQ((*parsed->params().find("scope")).value, "openid profile email storage.read offline_access");
  EXPECT_EQ((*parsed->params().find("resource")).value, kResource);
}

TEST_F(CurlOidcProviderIntegration, DiscoveryOfAnotherIssuerSpellingIsRefused) {
  ProviderOptions options;
  options.issuer = issuer_ + "/";  // the document names the issuer without the slash
  options.client_id = "mytoken-test";
  auto op = make_curl_oidc_provider(options);
  ASSERT_TRUE(op);
  auto url = (*op)->authorization_url(params("v"));
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().status, 502);
}

TEST_F(CurlOidcProviderIntegration, CodeExchangeRefreshIdentifyAndRevoke) {
  const std::string dir = env("MYTOKEN_TEST_OP_DIR");
  if (dir.empty()) GTEST_SKIP() << "MYTOKEN_TEST_OP_DIR (test-op with login.mjs) not set";
  const std::string verifier = "integration-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
  auto url = op_->authorization_url(params(verifier));
  ASSERT_TRUE(url) << url.error().log_detail;
  const std::string code = login(dir, *url);
  ASSERT_FALSE(code.empty()) << "login.mjs gave no code for " << *url;

  auto tokens = op_->exchange_code(Secret(code), Secret(verifier), redirect_uri_);
  ASSERT_TRUE(tokens) << tokens.error().description << " / " << tokens.error().log_detail;
  EXPECT_FALSE(tokens->access_token.empty());
  ASSERT_FALSE(tokens->refresh_token.empty());
  EXPECT_FALSE(tokens->id_token.empty());

  auto identity = op_->identify(*tokens);
  ASSERT_TRUE(identity) << identity.error().description << " / " << identity.error().log_detail;
  EXPECT_EQ(identity->sub, "alice");

  // No ID token: userinfo with an opaque access token (test-op: a refresh grant with openid and no resource).
  auto opaque = op_->refresh(tokens->refresh_token, {"openid", "email"}, {});
  ASSERT_TRUE(opaque) << opaque.error().description << " / " << opaque.error().log_detail;
  OpTokenResponse at_only;
  at_only.access_token = opaque->access_token;
  auto from_userinfo = op_->identify(at_only);
  ASSERT_TRUE(from_userinfo) << from_userinfo.error().description << " / " << from_userinfo.error().log_detail;
  EXPECT_EQ(from_userinfo->sub, "alice");
  EXPECT_EQ(from_userinfo->email, "alice@example.org");

  auto jwt_at = op_->refresh(tokens->refresh_token, {"storage.read"}, {std::string(kResource)});
  ASSERT_TRUE(jwt_at) << jwt_at.error().description << " / " << jwt_at.error().log_detail;
  EXPECT_EQ(std::count(jwt_at->access_token.reveal().begin(), jwt_at->access_token.reveal().end(), '.'), 2);

  auto bad = op_->refresh(Secret("not-a-refresh-token"), {}, {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, 400);
  EXPECT_TRUE(bad.error().description.starts_with("invalid_grant")) << bad.error().description;

  auto revoked = op_->revoke_refresh_token(tokens->refresh_token);
  ASSERT_TRUE(revoked) << revoked.error().description << " / " << revoked.error().log_detail;
  auto after = op_->refresh(tokens->refresh_token, {}, {});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().status, 400);

  // A replayed code is the OP's invalid_grant with its status (last: the OP then revokes the whole grant).
  auto replay = op_->exchange_code(Secret(code), Secret(verifier), redirect_uri_);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().error, "oidc_error");
  EXPECT_EQ(replay.error().status, 400);
  EXPECT_TRUE(replay.error().description.starts_with("invalid_grant")) << replay.error().description;
}

}  // namespace
}  // namespace mytoken
