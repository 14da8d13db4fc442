#include "system/log_file.hpp"

#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <utility>

namespace mytoken {

// spdlog's basic_file_sink cannot reopen its file; this one can, and it flushes every line so that a crash or a
// `tail -f` loses nothing.
class ReopenableFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit ReopenableFileSink(std::filesystem::path file) : file_(std::move(file)) { helper_ = open_helper(); }

  // Throws spdlog::spdlog_ex if the file cannot be opened; then the old file stays in use.
  void reopen() {
    auto fresh = open_helper();
    const std::lock_guard lock(mutex_);
    std::swap(helper_, fresh);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    helper_->write(formatted);
    helper_->flush();
  }
  void flush_() override { helper_->flush(); }

 private:
  std::unique_ptr<spdlog::details::file_helper> open_helper() const {
    auto helper = std::make_unique<spdlog::details::file_helper>();
    helper->open(file_.string(), false);
    return helper;
  }

  const std::filesystem::path file_;
  std::unique_ptr<spdlog::details::file_helper> helper_;  // guarded by base_sink::mutex_
};

LogFile::LogFile(std::shared_ptr<ReopenableFileSink> sink) : sink_(std::move(sink)) {}

LogFile::~LogFile() = default;

Result<std::unique_ptr<LogFile>> LogFile::install(const std::filesystem::path& file) try {
  auto sink = std::make_shared<ReopenableFileSink>(file);
  auto logger = spdlog::default_logger();
  logger->sinks() = {sink};
  return std::unique_ptr<LogFile>(new LogFile(std::move(sink)));
} catch (const spdlog::spdlog_ex& e) {
  return ApiError::internal(e.what());
}

void LogFile::reopen() {
  try {
    sink_->reopen();
    spdlog::info("log file reopened");
  } catch (const spdlog::spdlog_ex& e) {
    std::fprintf(stderr, "mytokend: cannot reopen the log file: %s\n", e.what());
    spdlog::error("cannot reopen the log file: {}", e.what());
  }
}

}  // namespace mytoken
