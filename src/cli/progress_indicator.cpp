#include "cli/progress_indicator.hpp"

#include <string>

#include "cli/display_style.hpp"

namespace mytoken::cli {
namespace {
constexpr const char* kSpinner[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
}

void ProgressIndicator::tick(int64_t seconds_left) {
  if (terminal_) {
    out_ << "\r\x1b[2K" << kSpinner[ticks_ % 10] << " Waiting for the login to complete";
    if (seconds_left >= 0) out_ << " (" << human_duration(seconds_left) << " left)";
    out_ << " … Ctrl-C cancels" << std::flush;
  } else if (!started_) {
    out_ << "Starting polling ..." << std::flush;
  } else if (ticks_ % 15 == 0) {
    out_ << '.' << std::flush;
  }
  started_ = true;
  ++ticks_;
}

void ProgressIndicator::finish(bool success) {
  if (terminal_) {
    out_ << "\r\x1b[2K";
  } else if (started_) {
    out_ << '\n';
  }
  if (success) out_ << "success\n";
  out_ << std::flush;
}

}  // namespace mytoken::cli
