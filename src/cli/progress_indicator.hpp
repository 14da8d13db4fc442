#pragma once

#include <cstdint>
#include <ostream>

namespace mytoken::cli {

// Shows on stderr that the client is waiting for the user's login (cli spec §7.4, §19). On a terminal: one line,
// rewritten every second, with a spinner and the time left. Otherwise (a log file): "Starting polling ..." and
// a dot every 15 s of wall-clock time, as the reference client prints.
class ProgressIndicator {
 public:
  ProgressIndicator(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}
  // One second of waiting; `seconds_left` < 0 = no deadline.
  void tick(int64_t seconds_left);
  // Ends the line: "success" or nothing (an error message follows).
  void finish(bool success);

 private:
  std::ostream& out_;
  bool terminal_;
  bool started_ = false;
  int64_t ticks_ = 0;
};

}  // namespace mytoken::cli
