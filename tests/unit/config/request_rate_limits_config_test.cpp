#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "config/server_config.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

// Loads a minimal configuration whose `features:` section is `features`.
ServerConfig load_with_features(const std::string& features) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "mytokend.yaml";
  std::ofstream(file) << "issuer: https://mytoken.example\n"
                      << "features:\n"
                      << features << "providers:\n"
                      << "  - {issuer: https://op.example, client_id: c, client_secret: s, scopes: [openid]}\n";
  return load_server_config(file);
}

TEST(RequestRateLimitsConfig, DefaultsWhenAbsent) {
  const auto limits = load_with_features("  tokeninfo: {introspect: {enabled: true}}\n").features.request_rate_limit;
  EXPECT_TRUE(limits.enabled);
  EXPECT_EQ(limits.window, 60);
  EXPECT_EQ(limits.per_ip, 1200);
  EXPECT_EQ(limits.per_token, 600);
}

TEST(RequestRateLimitsConfig, ReadsEveryKey) {
  const auto limits =
      load_with_features("  request_rate_limits: {enabled: false, window: 2, per_ip: 20, per_token: 5}\n")
          .features.request_rate_limit;
  EXPECT_FALSE(limits.enabled);
  EXPECT_EQ(limits.window, 2);
  EXPECT_EQ(limits.per_ip, 20);
  EXPECT_EQ(limits.per_token, 5);
}

TEST(RequestRateLimitsConfig, RejectsBadValuesNamingTheKey) {
  for (const char* bad : {"  request_rate_limits: {window: 0}\n", "  request_rate_limits: {per_ip: -1}\n",
                          "  request_rate_limits: {per_token: many}\n", "  request_rate_limits: 5\n"}) {
    try {
      load_with_features(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("features.request_rate_limits"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace mytoken
