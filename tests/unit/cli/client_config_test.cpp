#include "cli/client_config.hpp"

#include <gtest/gtest.h>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

TEST(ClientConfig, DefaultsForAnEmptyFile) {
  const auto c = parse_client_config("", "x");
  EXPECT_EQ(c.instance, kDefaultInstance);
  EXPECT_EQ(c.token_name_prefix, "<hostname>");
  EXPECT_EQ(c.default_token_capabilities, (std::vector<std::string>{"AT", "tokeninfo"}));
  EXPECT_TRUE(c.use_wlcg_token_discovery);
}

TEST(ClientConfig, EveryKey) {
  const auto c = parse_client_config(R"(instance: "https://mt.example"
token_name_prefix: ""
default_token_capabilities: [AT]
default_provider: egi
use_wlcg_token_discovery: false
providers:
  egi: "https://aai.egi.eu/auth/realms/egi"
  wlcg: "https://wlcg.cloud.cnaf.infn.it/"
)",
                                     "x");
  EXPECT_EQ(c.instance, "https://mt.example");
  EXPECT_EQ(c.token_name_prefix, "");
  EXPECT_EQ(c.default_token_capabilities, (std::vector<std::string>{"AT"}));
  EXPECT_EQ(c.default_provider, "egi");
  EXPECT_FALSE(c.use_wlcg_token_discovery);
  ASSERT_EQ(c.providers.size(), 2u);
  EXPECT_EQ(c.providers[0].first, "egi");
  EXPECT_EQ(c.provider_issuer("wlcg"), "https://wlcg.cloud.cnaf.infn.it/");
  EXPECT_FALSE(c.provider_issuer("none"));
}

TEST(ClientConfig, BadYamlIsAUsageError) {
  try {
    (void)parse_client_config("instance: [unclosed", "/etc/conf.yaml");
    FAIL() << "no error";
  } catch (const Failure& f) {
    EXPECT_EQ(f.code(), ExitCode::kUsage);
    EXPECT_NE(std::string(f.what()).find("/etc/conf.yaml"), std::string::npos);
  }
  EXPECT_THROW((void)parse_client_config("use_wlcg_token_discovery: maybe", "x"), Failure);
}

}  // namespace
}  // namespace mytoken::cli
