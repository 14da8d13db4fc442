#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "config/server_config.hpp"
#include "config/server_options.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

// Loads a minimal configuration with `audit` appended; also returns the config file's directory.
ServerConfig load_with(const std::string& audit, std::filesystem::path* dir_out = nullptr) {
  static test::TempStoreDir dir;  // outlives the returned paths
  const auto file = dir.path() / "mytokend.yaml";
  std::ofstream(file) << "issuer: https://mytoken.example\n"
                      << "providers:\n"
                      << "  - {issuer: https://op.example, client_id: c, client_secret: s, scopes: [openid]}\n"
                      << audit;
  if (dir_out) *dir_out = dir.path();
  return load_server_config(file);
}

TEST(AuditConfig, OffByDefault) {
  const auto config = load_with("");
  EXPECT_FALSE(config.audit.enabled);
  EXPECT_EQ(config.audit.output, "journal");
  EXPECT_FALSE(config.audit.hash_users);
  EXPECT_FALSE(service_options(config).audit_hash_users);
}

TEST(AuditConfig, ReadsEveryKeyAndResolvesAFileAgainstTheConfigDirectory) {
  std::filesystem::path dir;
  const auto config = load_with("audit: {enabled: true, output: audit.log, hash_users: true}\n", &dir);
  EXPECT_TRUE(config.audit.enabled);
  EXPECT_EQ(config.audit.output, (dir / "audit.log").string());
  EXPECT_TRUE(service_options(config).audit_hash_users);
  EXPECT_EQ(load_with("audit: {enabled: true, output: journal}\n").audit.output, "journal");
}

TEST(AuditConfig, RejectsBadValuesNamingTheKey) {
  for (const char* bad : {"audit: 5\n", "audit: {enabled: maybe}\n", "audit: {enabled: true, output: \"\"}\n",
                          "audit: {hash_users: [x]}\n"}) {
    try {
      load_with(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("audit"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace mytoken
