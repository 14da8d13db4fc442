#pragma once

#include <sys/types.h>

#include <string>

namespace mytoken::cli {

// Reads a whole file; throws Failure (kFailure) with the OS error if it cannot.
std::string read_file(const std::string& path);

// The first line of `content` without its line end ("\n" or "\r\n") and surrounding blanks.
std::string first_line(const std::string& content);

// Replaces the content of `path` atomically: a temporary file in the same directory is written, synced and
// renamed over it, so a reader sees the old or the new content, never a truncated one. A symbolic link is
// followed (its target is replaced). The mode of an existing file is kept; a new file gets `new_file_mode`.
// Throws Failure (kFailure) on error; the original file is then unchanged.
void replace_file_atomically(const std::string& path, const std::string& content, mode_t new_file_mode);

// Replaces the first line of the file at `path` with `token`, keeping every later line (cli spec §4.3 SHOULD).
void replace_token_in_file(const std::string& path, const std::string& token);

// Writes a command's result to --out: "-" or a non-regular file (/dev/stdout, a pipe) is written in place; a
// regular file is replaced atomically and created with mode 0600.
void write_output_file(const std::string& path, const std::string& content);

}  // namespace mytoken::cli
