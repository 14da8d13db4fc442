#pragma once

#include <filesystem>
#include <memory>

#include "domain/result.hpp"

namespace mytoken {

class ReopenableFileSink;

// Sends every log line (the default spdlog logger, and the loggers cloned from it later, such as the access log)
// to a file instead of stdout, and reopens that file on request: logrotate renames the file, sends SIGHUP, and
// the lines after it land in a new file of the same name (docs/packaging.md).
//
// Thread safety: reopen() may be called from any thread while other threads log.
class LogFile {
 public:
  // Opens `file` for appending (creating it and missing directories, mode per umask) and makes it the default
  // logger's only sink (spdlog's default pattern; the logger keeps its level). Fails (internal error, reason in
  // log_detail) if it cannot be opened; the old sinks stay then. Requires: no other thread logs yet.
  static Result<std::unique_ptr<LogFile>> install(const std::filesystem::path& file);

  ~LogFile();
  LogFile(const LogFile&) = delete;
  LogFile& operator=(const LogFile&) = delete;

  // Opens the same path again (a new file if it was renamed) and then closes the old one. If the path cannot be
  // opened, lines keep going to the old file and the failure is logged there and on stderr.
  void reopen();

 private:
  explicit LogFile(std::shared_ptr<ReopenableFileSink> sink);
  std::shared_ptr<ReopenableFileSink> sink_;
};

}  // namespace mytoken
