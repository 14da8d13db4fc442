#pragma once

#include <stdexcept>
#include <string>

#include "cli/exit_code.hpp"
#include "domain/result.hpp"

namespace mytoken::cli {

// A command that cannot go on throws Failure; main() prints its one-line message on stderr and exits with its
// code. Throwing keeps the many early exits of a CLI command short; nothing below src/cli throws it.
class Failure : public std::runtime_error {
 public:
  Failure(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

[[noreturn]] void fail(ExitCode code, const std::string& message);
[[noreturn]] void usage_error(const std::string& message);

// The Failure for an ApiError from the client: kNetwork when no answer arrived, else kServer with
// "<error>: <error_description>".
Failure failure_from(const ApiError& error);

template <class T>
T value_or_fail(Result<T> result) {
  if (!result) throw failure_from(result.error());
  return std::move(*result);
}

}  // namespace mytoken::cli
