#include "cli/secret_prompt.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace mytoken::cli {

std::string read_secret_line(const std::string& prompt) {
  std::string line;
  if (::isatty(STDIN_FILENO) == 0) {
    std::getline(std::cin, line);
    return line;
  }
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool have_terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::getline(std::cin, line);
  if (have_terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  return line;
}

}  // namespace mytoken::cli
