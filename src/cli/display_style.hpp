#pragma once

#include <cstdint>
#include <string>

#include "cli/environment.hpp"

namespace mytoken::cli {

// Colours on or off (cli spec §1): off with --no-color; else on with CLICOLOR_FORCE=1; else off if NO_COLOR is
// non-empty, CLICOLOR=0 or stdout is not a terminal.
bool colours_enabled(bool no_color_flag, bool stdout_is_terminal, const Environment& env);

// Text decoration that is a no-op when colours are off.
struct DisplayStyle {
  bool colours = false;
  std::string italic(const std::string& s) const;
  std::string gray(const std::string& s) const;
  std::string bold(const std::string& s) const;
};

// Local time "YYYY-MM-DD HH:MM:SS" (cli spec §10.1).
std::string local_time(int64_t unix_seconds);
// "3d 4h", "5m 10s", "42s": a compact duration for humans (negative values are shown as 0s).
std::string human_duration(int64_t seconds);

}  // namespace mytoken::cli
