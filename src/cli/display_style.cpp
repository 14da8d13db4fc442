#include "cli/display_style.hpp"

#include <ctime>

namespace mytoken::cli {

bool colours_enabled(bool no_color_flag, bool stdout_is_terminal, const Environment& env) {
  if (no_color_flag) return false;
  if (env.get("CLICOLOR_FORCE").value_or("") == "1") return true;
  if (env.non_empty("NO_COLOR") || env.get("CLICOLOR").value_or("") == "0") return false;
  return stdout_is_terminal;
}

std::string DisplayStyle::italic(const std::string& s) const { return colours ? "\x1b[3m" + s + "\x1b[0m" : s; }
std::string DisplayStyle::gray(const std::string& s) const {
  return colours ? "\x1b[38;2;128;128;128m" + s + "\x1b[0m" : s;
}
std::string DisplayStyle::bold(const std::string& s) const { return colours ? "\x1b[1m" + s + "\x1b[0m" : s; }

std::string local_time(int64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  return buffer;
}

std::string human_duration(int64_t seconds) {
  if (seconds < 0) seconds = 0;
  const int64_t d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60, s = seconds % 60;
  if (d > 0) return std::to_string(d) + "d " + std::to_string(h) + "h";
  if (h > 0) return std::to_string(h) + "h " + std::to_string(m) + "m";
  if (m > 0) return std::to_string(m) + "m " + std::to_string(s) + "s";
  return std::to_string(s) + "s";
}

}  // namespace mytoken::cli
