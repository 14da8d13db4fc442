#include "cli/token_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

[[noreturn]] void os_failure(const std::string& what, const std::string& path, int error) {
  fail(ExitCode::kFailure, what + " " + path + ": " + std::strerror(error));
}

bool write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) os_failure("cannot read", path, errno);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string first_line(const std::string& content) {
  std::string line = content.substr(0, content.find('\n'));
  const auto begin = line.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  const auto end = line.find_last_not_of(" \t\r");
  return line.substr(begin, end - begin + 1);
}

void replace_file_atomically(const std::string& path, const std::string& content, mode_t new_file_mode) {
  std::error_code ec;
  std::filesystem::path target = std::filesystem::weakly_canonical(path, ec);
  if (ec) target = path;
  mode_t mode = new_file_mode;
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) mode = st.st_mode & 07777;
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  // Appended, not `"." + std::string`: GCC 12 at -O3 reports a false -Wrestrict for literal + rvalue string.
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".XXXXXX";
  std::string temp = (dir / temp_name).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) os_failure("cannot create a temporary file next to", target.string(), errno);
  const auto abandon = [&](const std::string& what) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    os_failure(what, target.string(), error);
  };
  if (::fchmod(fd, mode) != 0) abandon("cannot set the mode of the new");
  if (!write_all(fd, content)) abandon("cannot write");
  if (::fsync(fd) != 0) abandon("cannot sync");
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    os_failure("cannot write", target.string(), error);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    os_failure("cannot replace", target.string(), error);
  }
}

void replace_token_in_file(const std::string& path, const std::string& token) {
  const std::string old = read_file(path);
  const auto newline = old.find('\n');
  const std::string rest = newline == std::string::npos ? std::string() : old.substr(newline);
  replace_file_atomically(path, token + rest, 0600);
}

void write_output_file(const std::string& path, const std::string& content) {
  if (path == "-") {
    std::cout << content << std::flush;
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) os_failure("cannot open", path, errno);
    const bool ok = write_all(fd, content);
    const int error = errno;
    ::close(fd);
    if (!ok) os_failure("cannot write", path, error);
    return;
  }
  replace_file_atomically(path, content, 0600);
}

}  // namespace mytoken::cli
