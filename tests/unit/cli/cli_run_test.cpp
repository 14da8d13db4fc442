// The command line as a whole: flag parsing and the documented exit codes of paths that need no server.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/exit_code.hpp"

namespace mytoken::cli {
namespace {

int run_with(std::vector<std::string> args) {
  args.insert(args.begin(), "mytoken");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const int rc = run(static_cast<int>(argv.size()), argv.data());
  (void)testing::internal::GetCapturedStdout();
  (void)testing::internal::GetCapturedStderr();
  return rc;
}

constexpr int kUsage = static_cast<int>(ExitCode::kUsage);

TEST(CliRun, HelpAndVersionSucceed) {
  EXPECT_EQ(run_with({}), 0);
  EXPECT_EQ(run_with({"--help"}), 0);
  EXPECT_EQ(run_with({"--version"}), 0);
  EXPECT_EQ(run_with({"AT", "--help"}), 0);
  EXPECT_EQ(run_with({"info", "history", "--help"}), 0);
}

TEST(CliRun, UnknownFlagsAndCommandsAreUsageErrors) {
  EXPECT_EQ(run_with({"AT", "--no-such-flag"}), kUsage);
  EXPECT_EQ(run_with({"no-such-command"}), kUsage);
  EXPECT_EQ(run_with({"MT", "--usages-AT", "many"}), kUsage);
  EXPECT_EQ(run_with({"--timeout", "0", "AT"}), kUsage);
}

TEST(CliRun, AnEmptyTokenFlagIsAUsageErrorNotALogin) {
  EXPECT_EQ(run_with({"MT", "--MT", ""}), kUsage);
  EXPECT_EQ(run_with({"AT", "--MT-file", ""}), kUsage);
  EXPECT_EQ(run_with({"info", "introspect", "--MT-env", ""}), kUsage);
}

TEST(CliRun, BadRestrictionValuesAreUsageErrorsBeforeAnyRequest) {
  EXPECT_EQ(run_with({"MT", "--MT", "x", "--exp", "tomorrow"}), kUsage);
  EXPECT_EQ(run_with({"mt", "--MT", "x", "--restrictions", "{\"scope\":"}), kUsage);
  EXPECT_EQ(run_with({"MT", "--MT", "x", "--rotation", "{bad"}), kUsage);
  EXPECT_EQ(run_with({"MT", "--MT", "x", "--usages-other", "-1"}), kUsage);
}

TEST(CliRun, GlobalFlagsAfterTheCommand) {
  // --url after the command is accepted (parse succeeds); the local decode needs no server.
  EXPECT_EQ(run_with({"info", "--url", "https://x.invalid", "--json", "--MT", "not-a-jwt"}),
            static_cast<int>(ExitCode::kFailure));
}

}  // namespace
}  // namespace mytoken::cli
