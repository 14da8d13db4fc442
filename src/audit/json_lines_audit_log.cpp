#include "audit/json_lines_audit_log.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "audit/audit_line.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kJournal = "journal";

int open_append(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

}  // namespace

Result<std::unique_ptr<JsonLinesAuditLog>> JsonLinesAuditLog::open(const std::string& output) {
  if (output == kJournal) return std::unique_ptr<JsonLinesAuditLog>(new JsonLinesAuditLog("", STDERR_FILENO));
  if (output.empty()) return ApiError::internal("audit.output is empty");
  const int fd = open_append(output);
  if (fd < 0) return ApiError::internal("cannot open audit log " + output + ": " + std::strerror(errno));
  return std::unique_ptr<JsonLinesAuditLog>(new JsonLinesAuditLog(output, fd));
}

JsonLinesAuditLog::JsonLinesAuditLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

JsonLinesAuditLog::~JsonLinesAuditLog() {
  if (!path_.empty()) ::close(fd_);
}

void JsonLinesAuditLog::record(const AuditRecord& record) {
  write_line(format_audit_line(record, std::chrono::system_clock::now()));
}

void JsonLinesAuditLog::write_line(const std::string& line) {
  std::lock_guard lock(mutex_);
  ssize_t written = 0;
  do {
    written = ::write(fd_, line.data(), line.size());
  } while (written < 0 && errno == EINTR);
  const bool ok = written == static_cast<ssize_t>(line.size());
  if (!ok && !failing_) {
    spdlog::error("audit log {}: write failed: {}", path_.empty() ? "stderr" : path_,
                  written < 0 ? std::strerror(errno) : "short write");
  }
  failing_ = !ok;
}

bool JsonLinesAuditLog::reopen() {
  if (path_.empty()) return true;
  const int fd = open_append(path_);
  if (fd < 0) {
    spdlog::error("audit log {}: reopen failed: {}; still writing to the old file", path_, std::strerror(errno));
    return false;
  }
  std::lock_guard lock(mutex_);
  ::close(fd_);
  fd_ = fd;
  return true;
}

}  // namespace mytoken
