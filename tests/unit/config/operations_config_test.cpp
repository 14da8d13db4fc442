// The keys of docs/packaging.md: server.shutdown_grace (the SIGTERM drain) and logging.file (reopened on SIGHUP).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "config/server_config.hpp"
#include "config/server_options.hpp"
#include "http/http_server.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

// Loads a minimal configuration with `extra` (top-level YAML) added; the file lies in `dir`.
ServerConfig load_with(const test::TempStoreDir& dir, const std::string& extra) {
  const auto file = dir.path() / "mytokend.yaml";
  std::ofstream(file) << "issuer: https://mytoken.example\n"
                      << extra << "providers:\n"
                      << "  - {issuer: https://op.example, client_id: c, client_secret: s, scopes: [openid]}\n";
  return load_server_config(file);
}

TEST(OperationsConfig, DefaultsDrainTenSecondsAndLogToStderr) {
  test::TempStoreDir dir;
  const auto config = load_with(dir, "");
  EXPECT_EQ(config.listen.shutdown_grace, 10);
  EXPECT_EQ(http_server_options(config).drain_timeout, std::chrono::seconds(10));
  EXPECT_TRUE(config.log_file.empty());
}

TEST(OperationsConfig, ShutdownGraceBecomesTheDrainTimeout) {
  test::TempStoreDir dir;
  EXPECT_EQ(http_server_options(load_with(dir, "server: {shutdown_grace: 3}\n")).drain_timeout,
            std::chrono::seconds(3));
  EXPECT_EQ(http_server_options(load_with(dir, "server: {shutdown_grace: 0}\n")).drain_timeout,
            std::chrono::seconds(0));
}

TEST(OperationsConfig, RejectsABadShutdownGraceNamingTheKey) {
  test::TempStoreDir dir;
  for (const char* bad : {"server: {shutdown_grace: -1}\n", "server: {shutdown_grace: soon}\n"}) {
    try {
      load_with(dir, bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("server.shutdown_grace"), std::string::npos) << e.what();
    }
  }
}

TEST(OperationsConfig, LogFileIsResolvedAgainstTheConfigDirectory) {
  test::TempStoreDir dir;
  EXPECT_EQ(load_with(dir, "logging: {file: logs/mytokend.log}\n").log_file, dir.path() / "logs/mytokend.log");
  EXPECT_EQ(load_with(dir, "logging: {file: /var/log/mytoken/mytokend.log}\n").log_file,
            "/var/log/mytoken/mytokend.log");
}

}  // namespace
}  // namespace mytoken
