#include "audit/json_lines_audit_log.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "support/must.hpp"

namespace mytoken {
namespace {

namespace fs = std::filesystem;

class JsonLinesAuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("audit-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::vector<std::string> lines_of(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  static AuditRecord record(std::string mom_id) {
    return AuditRecord{AuditEvent::kRevoked, std::move(mom_id), "https://op.example", "alice", "192.0.2.1", ""};
  }
  fs::path dir_;
};

TEST_F(JsonLinesAuditLogTest, AppendsOneLinePerRecordToAPrivateFile) {
  const auto file = dir_ / "audit.log";
  { std::ofstream(file) << "earlier line\n"; }
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  auto log = test::must(JsonLinesAuditLog::open(file.string()));
  log->record(record("a"));
  log->record(record("b"));
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "earlier line");
  EXPECT_EQ(boost::json::parse(lines[2]).at("mom_id").as_string(), "b");
}

TEST_F(JsonLinesAuditLogTest, ANewFileIsCreatedOwnerOnly) {
  const auto file = dir_ / "new.log";
  auto log = test::must(JsonLinesAuditLog::open(file.string()));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
}

TEST_F(JsonLinesAuditLogTest, ReopenFollowsLogrotate) {
  const auto file = dir_ / "audit.log";
  auto log = test::must(JsonLinesAuditLog::open(file.string()));
  log->record(record("before"));
  fs::rename(file, dir_ / "audit.log.1");
  log->record(record("still-old"));  // until reopened, the moved file gets the lines
  ASSERT_TRUE(log->reopen());
  log->record(record("after"));
  EXPECT_EQ(lines_of(dir_ / "audit.log.1").size(), 2U);
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(boost::json::parse(lines[0]).at("mom_id").as_string(), "after");
}

TEST_F(JsonLinesAuditLogTest, AFailedReopenKeepsTheOldFile) {
  const auto sub = dir_ / "sub";
  fs::create_directories(sub);
  auto log = test::must(JsonLinesAuditLog::open((sub / "audit.log").string()));
  fs::rename(sub, dir_ / "moved");  // the path's directory is gone
  EXPECT_FALSE(log->reopen());
  log->record(record("kept"));
  EXPECT_EQ(lines_of(dir_ / "moved" / "audit.log").size(), 1U);
}

TEST_F(JsonLinesAuditLogTest, AnUnopenableFileIsAStartUpError) {
  auto log = JsonLinesAuditLog::open((dir_ / "no-such-dir" / "audit.log").string());
  ASSERT_FALSE(log);
  EXPECT_NE(log.error().log_detail.find("no-such-dir"), std::string::npos);
  EXPECT_FALSE(JsonLinesAuditLog::open(""));
}

TEST_F(JsonLinesAuditLogTest, ConcurrentWritersNeverInterleaveLines) {
  const auto file = dir_ / "audit.log";
  auto log = test::must(JsonLinesAuditLog::open(file.string()));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < 200; ++i) log->record(record(std::string(500, static_cast<char>('a' + t))));
    });
  }
  for (auto& th : threads) th.join();
  const auto lines = lines_of(file);
  ASSERT_EQ(lines.size(), 800U);
  for (const auto& line : lines) EXPECT_EQ(boost::json::parse(line).at("mom_id").as_string().size(), 500U);
}

}  // namespace
}  // namespace mytoken
