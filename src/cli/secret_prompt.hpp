#pragma once

#include <string>

namespace mytoken::cli {

// Reads one line from standard input for --MT-prompt. On a terminal the prompt goes to stderr (never stdout,
// which may be redirected to a file: cli spec §17 item 8) and echo is switched off while typing; from a pipe
// the line is read silently, so scripts can pass a token without it showing up in `ps`.
std::string read_secret_line(const std::string& prompt);

}  // namespace mytoken::cli
