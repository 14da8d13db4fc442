#include "crypto/secret_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "crypto/sodium_init.hpp"

namespace mytoken::crypto_internal {
namespace {

ApiError io_error(std::string_view what, const std::filesystem::path& path, int err) {
  return ApiError::internal(std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

// std::filesystem::create_directories would use 0777 & ~umask; key directories must not be world-readable.
Result<void> create_parents_0700(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.parent_path();
  if (parent.empty()) return {};
  std::filesystem::path current;
  for (const auto& part : parent) {
    current /= part;
    if (::mkdir(current.c_str(), 0700) != 0 && errno != EEXIST)
      return io_error("cannot create directory", current, errno);
  }
  return {};
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

Result<void> write_all(int fd, std::string_view contents, const std::filesystem::path& path) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error("cannot write", path, errno);
    }
    contents.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd) != 0) return io_error("cannot fsync", path, errno);
  return {};
}

}  // namespace

Result<std::optional<std::string>> read_secret_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec) return io_error("cannot stat", path, ec.value());
    return std::optional<std::string>{};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot open", path, errno);
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return io_error("cannot read", path, errno);
  return std::optional<std::string>{std::move(contents)};
}

namespace {

// Writes `contents` to a fresh O_EXCL temporary next to `path` (mode 0600, fsync'ed) and returns its name.
Result<std::filesystem::path> write_temporary(const std::filesystem::path& path, std::string_view contents) {
  if (auto made = create_parents_0700(path); !made) return std::move(made).error();

  ensure_sodium();
  unsigned char suffix[8];
  randombytes_buf(suffix, sizeof suffix);
  char hex[2 * sizeof suffix + 1];
  sodium_bin2hex(hex, sizeof hex, suffix, sizeof suffix);
  std::filesystem::path temp = path;
  temp += std::string(".tmp-") + hex;

  // O_EXCL with mode 0600: the key is never readable by others, not even for an instant.
  FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return io_error("cannot create", temp, errno);
  auto written = write_all(fd.get(), contents, temp);
  const int close_result = ::close(fd.release());
  if (written && close_result != 0) written = io_error("cannot close", temp, errno);
  if (!written) {
    ::unlink(temp.c_str());
    return std::move(written).error();
  }
  return temp;
}

}  // namespace

Result<bool> create_secret_file(const std::filesystem::path& path, std::string_view contents) {
  auto temp = write_temporary(path, contents);
  if (!temp) return std::move(temp).error();
  // link(2), unlike rename(2), refuses to replace an existing file: two instances starting at once keep one key.
  const int linked = ::link(temp->c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp->c_str());
  if (linked == 0) return true;
  if (link_errno == EEXIST) return false;
  return io_error("cannot link", path, link_errno);
}

Result<void> replace_secret_file(const std::filesystem::path& path, std::string_view contents) {
  auto temp = write_temporary(path, contents);
  if (!temp) return std::move(temp).error();
  if (::rename(temp->c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(temp->c_str());
    return io_error("cannot rename into", path, rename_errno);
  }
  return {};
}

}  // namespace mytoken::crypto_internal
