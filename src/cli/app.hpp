#pragma once

namespace mytoken::cli {

// The whole `mytoken` program: parses the command line, runs the command, prints a failure as one line on
// stderr and returns the exit status (cli/exit_code.hpp). Never throws.
int run(int argc, char** argv);

}  // namespace mytoken::cli
