#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace mytoken {
namespace {

// Appends ` key=value`, quoting and escaping the value when needed.
void append_field(std::string& line, std::string_view key, std::string_view value) {
  line += ' ';
  line += key;
  line += '=';
  const bool plain = !value.empty() && value.find_first_of(" \"=\\") == std::string_view::npos &&
                     std::all_of(value.begin(), value.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (plain) {
    line += value;
    return;
  }
  line += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      line += '\\';
      line += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(c));
      line += escaped;
    } else {
      line += c;
    }
  }
  line += '"';
}

}  // namespace

std::string loggable_path(const HttpRequest& request) {
  if (!request.route.empty()) return request.route;
  const std::string_view path = request.path;
  if (path.empty() || path.front() != '/') return "-";
  const auto slash = path.find('/', 1);
  if (slash == std::string_view::npos || slash + 1 == path.size()) return std::string{path};
  return std::string{path.substr(0, slash)} + "/...";
}

std::string format_access_line(const AccessRecord& record) {
  std::string line;
  line.reserve(160);
  append_field(line, "method", record.method);
  append_field(line, "path", record.path);
  line += fmt::format(" status={} duration_ms={:.3f}", record.status,
                      static_cast<double>(record.duration.count()) / 1000.0);
  append_field(line, "ip", record.client_ip);
  line += fmt::format(" bytes={}", record.bytes);
  if (!record.mom_id.empty()) append_field(line, "mom_id", record.mom_id);
  if (!record.detail.empty()) append_field(line, "detail", record.detail);
  line.erase(0, 1);  // the leading space of the first field
  return line;
}

AccessLog::AccessLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {
  if (!logger_) logger_ = spdlog::get("access");
  if (!logger_) logger_ = spdlog::default_logger()->clone("access");
}

void AccessLog::write(const AccessRecord& record) const { logger_->info("{}", format_access_line(record)); }

}  // namespace mytoken
