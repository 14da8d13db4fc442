#include "cli/token_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

namespace fs = std::filesystem;

class TokenFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mytoken-token-file-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 07777;
}

TEST(FirstLine, StripsLineEndAndBlanks) {
  EXPECT_EQ(first_line("tok\nrest"), "tok");
  EXPECT_EQ(first_line("tok\r\n"), "tok");
  EXPECT_EQ(first_line("  tok  "), "tok");
  EXPECT_EQ(first_line(""), "");
}

TEST_F(TokenFileTest, ReplaceTokenKeepsModeAndLaterLines) {
  const auto p = dir_ / "mt";
  std::ofstream(p) << "old\nkeep me\n";
  ::chmod(p.c_str(), 0640);
  replace_token_in_file(p.string(), "new");
  EXPECT_EQ(read_file(p.string()), "new\nkeep me\n");
  EXPECT_EQ(mode_of(p), 0640u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(TokenFileTest, ReplaceTokenWithoutNewline) {
  const auto p = dir_ / "mt";
  std::ofstream(p) << "old";
  replace_token_in_file(p.string(), "new");
  EXPECT_EQ(read_file(p.string()), "new");
}

TEST_F(TokenFileTest, SymlinkTargetIsReplaced) {
  const auto target = dir_ / "target";
  const auto link = dir_ / "link";
  std::ofstream(target) << "old\n";
  fs::create_symlink(target, link);
  replace_token_in_file(link.string(), "new");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read_file(target.string()), "new\n");
}

TEST_F(TokenFileTest, OutputFileIsCreatedPrivate) {
  const auto p = dir_ / "out";
  write_output_file(p.string(), "token\n");
  EXPECT_EQ(read_file(p.string()), "token\n");
  EXPECT_EQ(mode_of(p), 0600u);
}

TEST_F(TokenFileTest, UnwritableDirectoryFailsAndLeavesTheFile) {
  EXPECT_THROW(replace_file_atomically((dir_ / "no" / "such" / "dir").string(), "x", 0600), Failure);
  EXPECT_THROW(read_file((dir_ / "missing").string()), Failure);
}

}  // namespace
}  // namespace mytoken::cli
