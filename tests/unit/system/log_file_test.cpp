#include "system/log_file.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// LogFile replaces the default logger's sinks; every test gets the old ones back.
class LogFileTest : public ::testing::Test {
 protected:
  ~LogFileTest() override { spdlog::default_logger()->sinks() = saved_; }
  test::TempStoreDir dir_;
  std::vector<spdlog::sink_ptr> saved_ = spdlog::default_logger()->sinks();
};

TEST_F(LogFileTest, ReopenAfterARenameWritesANewFileOfTheSameName) {  // what logrotate does
  const auto file = dir_.path() / "mytokend.log";
  auto log = LogFile::install(file);
  ASSERT_TRUE(log) << log.error().log_detail;
  spdlog::info("first line");
  std::filesystem::rename(file, dir_.path() / "mytokend.log.1");
  spdlog::info("second line");  // still the old file: it is open
  (*log)->reopen();
  spdlog::info("third line");
  const auto old_text = read_all(dir_.path() / "mytokend.log.1");
  const auto new_text = read_all(file);
  EXPECT_NE(old_text.find("first line"), std::string::npos);
  EXPECT_NE(old_text.find("second line"), std::string::npos);
  EXPECT_EQ(old_text.find("third line"), std::string::npos);
  EXPECT_NE(new_text.find("third line"), std::string::npos);
}

TEST_F(LogFileTest, AppendsToAnExistingFile) {
  const auto file = dir_.path() / "mytokend.log";
  std::ofstream(file) << "earlier\n";
  auto log = LogFile::install(file);
  ASSERT_TRUE(log);
  spdlog::info("later");
  const auto text = read_all(file);
  EXPECT_EQ(text.rfind("earlier\n", 0), 0U);
  EXPECT_NE(text.find("later"), std::string::npos);
}

// A regular file where a directory should be: no mode bits involved, so this holds for root too.
TEST_F(LogFileTest, FailsForAPathThatCannotBeOpenedAndKeepsTheOldSinks) {
  std::ofstream(dir_.path() / "plain-file") << "x";
  auto log = LogFile::install(dir_.path() / "plain-file" / "mytokend.log");
  EXPECT_FALSE(log);
  EXPECT_EQ(spdlog::default_logger()->sinks(), saved_);
}

TEST_F(LogFileTest, AFailedReopenKeepsLoggingIntoTheOldFile) {
  const auto sub = dir_.path() / "logs";
  std::filesystem::create_directory(sub);
  auto log = LogFile::install(sub / "mytokend.log");
  ASSERT_TRUE(log);
  std::filesystem::rename(sub, dir_.path() / "logs.old");
  std::ofstream(sub) << "x";  // a file where the directory was: the path cannot be opened any more
  (*log)->reopen();
  spdlog::info("after the failed reopen");
  EXPECT_NE(read_all(dir_.path() / "logs.old" / "mytokend.log").find("after the failed reopen"), std::string::npos);
}

}  // namespace
}  // namespace mytoken
