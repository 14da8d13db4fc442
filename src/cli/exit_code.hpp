#pragma once

namespace mytoken::cli {

// Exit statuses of `mytoken` (documented in docs/cli.md). The reference client uses 1 for every failure; we
// keep 1 for local failures and give the three kinds a script most wants to tell apart their own codes
// (cli spec §19).
enum class ExitCode : int {
  kSuccess = 0,
  kFailure = 1,  // local problem: unreadable/unwritable file, not a JWT, polling code expired, ...
  kUsage = 2,    // bad flags or arguments, no mytoken found, bad restriction/time syntax
  kServer = 3,   // the server answered with an error (its error/error_description is printed)
  kNetwork = 4,  // no answer from the server: DNS, connect, TLS, timeout
};

}  // namespace mytoken::cli
