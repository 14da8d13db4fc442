#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace mytoken::crypto_internal {

// Key material on disk (the signing key, the server pepper). Internal to src/crypto.

// The file's contents, or nullopt if it does not exist. Fails (500 internal) on any other I/O error.
Result<std::optional<std::string>> read_secret_file(const std::filesystem::path& path);

// Creates `path` with mode 0600 holding `contents`, creating missing parent directories with mode 0700. The
// file appears atomically and complete (written to an O_EXCL temporary, fsync'ed, then hard-linked into place),
// and an existing file is never replaced. Returns false if `path` already existed (another instance won the
// race: read theirs), true if ours was written. Fails (500 internal) on I/O errors.
Result<bool> create_secret_file(const std::filesystem::path& path, std::string_view contents);

// Like create_secret_file, but atomically replaces an existing `path` (rename(2)): a reader sees the old file or
// the new one, never a part. For the key rollover of `mytokend keys` (docs/operations.md).
Result<void> replace_secret_file(const std::filesystem::path& path, std::string_view contents);

}  // namespace mytoken::crypto_internal
