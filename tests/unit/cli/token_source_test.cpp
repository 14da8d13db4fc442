#include "cli/token_source.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

namespace fs = std::filesystem;

class TokenSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mytoken-token-source-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    vars_["XDG_RUNTIME_DIR"] = dir_.string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Environment env() const {
    Environment e;
    e.variable = [vars = vars_](const std::string& n) -> std::optional<std::string> {
      const auto it = vars.find(n);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
    e.uid = 4242424;  // no real /tmp/mt_u<uid> file can interfere
    return e;
  }
  std::string write(const std::string& name, const std::string& content) {
    const auto p = dir_ / name;
    std::ofstream(p) << content;
    return p.string();
  }
  std::optional<FoundToken> find(const TokenFlags& flags, bool wlcg = true) {
    return find_mytoken(flags, wlcg, env(), [](const std::string&) { return std::string("prompted\n"); });
  }

  fs::path dir_;
  std::map<std::string, std::string> vars_;
};

TEST_F(TokenSourceTest, FlagsInTheSpecsOrder) {
  const auto file = write("f", "from-file\nsecond line\n");
  vars_["MY"] = "from-env";
  TokenFlags flags{"from-flag", file, "MY", true};
  EXPECT_EQ(find(flags)->token, "prompted");
  flags.mt_prompt = false;
  EXPECT_EQ(find(flags)->token, "from-flag");
  flags.mt.clear();
  EXPECT_EQ(find(flags)->token, "from-env");
  flags.mt_env = "UNSET";
  const auto found = find(flags);
  EXPECT_EQ(found->token, "from-file");
  EXPECT_EQ(found->file, file);
}

TEST_F(TokenSourceTest, MissingMtFileIsAnError) {
  TokenFlags flags;
  flags.mt_file = (dir_ / "missing").string();
  EXPECT_THROW(find(flags), Failure);
}

TEST_F(TokenSourceTest, WlcgDiscoveryOrder) {
  EXPECT_FALSE(find({}));
  write("bt_u4242424", "bt-token\n");
  EXPECT_EQ(find({})->token, "bt-token");
  write("mt_u4242424", "mt-token\n");
  const auto mt = find({});
  EXPECT_EQ(mt->token, "mt-token");
  EXPECT_EQ(mt->file, (dir_ / "mt_u4242424").string());
  vars_["BEARER_TOKEN_FILE"] = write("bearer", "  file-token  \n");
  EXPECT_EQ(find({})->token, "file-token");
  vars_["BEARER_TOKEN"] = "env-token";
  const auto env_token = find({});
  EXPECT_EQ(env_token->token, "env-token");
  EXPECT_TRUE(env_token->file.empty());
  EXPECT_FALSE(find({}, /*wlcg=*/false));
}

TEST_F(TokenSourceTest, EmptyCandidatesAreSkipped) {
  vars_["BEARER_TOKEN"] = "";
  vars_["BEARER_TOKEN_FILE"] = write("empty", "\n");
  write("bt_u4242424", "bt-token");
  EXPECT_EQ(find({})->token, "bt-token");
}

}  // namespace
}  // namespace mytoken::cli
