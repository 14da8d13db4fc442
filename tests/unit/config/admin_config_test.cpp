#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "config/server_config.hpp"
#include "config/server_options.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

// Loads a minimal configuration with `admin` as its admin section ("" = none).
ServerConfig load_with_admin(const std::string& admin) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "mytokend.yaml";
  std::ofstream(file) << "issuer: https://mytoken.example\n"
                      << admin << "providers:\n"
                      << "  - {issuer: https://op.example, client_id: c, client_secret: s, scopes: [openid]}\n";
  return load_server_config(file);
}

TEST(AdminConfig, ListensOnLoopback8001ByDefault) {
  const auto admin = load_with_admin("").admin;
  EXPECT_TRUE(admin.enabled);
  EXPECT_EQ(admin.address, "127.0.0.1");
  EXPECT_EQ(admin.port, 8001);
}

TEST(AdminConfig, AnEmptyListenTurnsItOff) { EXPECT_FALSE(load_with_admin("admin: {listen: \"\"}\n").admin.enabled); }

TEST(AdminConfig, ReadsAddressAndPortAlsoForIpv6) {
  const auto config = load_with_admin("admin: {listen: \"[::1]:9100\"}\n");
  EXPECT_TRUE(config.admin.enabled);
  EXPECT_EQ(config.admin.address, "::1");
  EXPECT_EQ(config.admin.port, 9100);
  const auto options = admin_server_options(config);
  EXPECT_EQ(options.address, "::1");
  EXPECT_EQ(options.port, 9100);
  EXPECT_EQ(options.observer, nullptr);  // the admin listener's own requests are not counted
}

TEST(AdminConfig, RejectsBadValuesNamingTheKey) {
  for (const char* bad : {"admin: {listen: \"127.0.0.1\"}\n", "admin: {listen: \"127.0.0.1:x\"}\n",
                          "admin: {listen: \"127.0.0.1:70000\"}\n", "admin: 5\n"}) {
    try {
      load_with_admin(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("'admin"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace mytoken
