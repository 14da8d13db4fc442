#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "audit/audit_options.hpp"
#include "domain/ports/audit_log.hpp"
#include "domain/result.hpp"

namespace mytoken {

// The AuditLog port as JSON lines (audit_line.hpp) on stderr ("journal": systemd records it) or appended to a
// file. Each line is one write(2) on an O_APPEND descriptor, so lines of concurrent writers (threads, instances
// sharing a file) never interleave. A failed write is logged as an error (once until writes succeed again); the
// request is not failed for it. Thread-safe.
class JsonLinesAuditLog final : public AuditLog {
 public:
  // Opens (creates 0600) the file of `output`, or uses stderr for "journal". Fails if the file cannot be opened.
  static Result<std::unique_ptr<JsonLinesAuditLog>> open(const std::string& output);
  ~JsonLinesAuditLog() override;

  void record(const AuditRecord& record) override;
  // For SIGHUP after logrotate moved the file: opens the path again and switches to it. On failure keeps
  // writing to the old descriptor and returns false (logged). A no-op for "journal".
  bool reopen();

 private:
  JsonLinesAuditLog(std::string path, int fd);
  void write_line(const std::string& line);

  const std::string path_;  // empty: stderr
  std::mutex mutex_;
  int fd_;                // guarded by mutex_
  bool failing_ = false;  // guarded by mutex_: the last write failed (and was logged)
};

}  // namespace mytoken
