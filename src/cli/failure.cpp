#include "cli/failure.hpp"

#include "client/client_error.hpp"

namespace mytoken::cli {

void fail(ExitCode code, const std::string& message) { throw Failure(code, message); }

void usage_error(const std::string& message) { throw Failure(ExitCode::kUsage, message); }

Failure failure_from(const ApiError& error) {
  if (client::is_network_error(error)) {
    return Failure(ExitCode::kNetwork, "could not reach the mytoken server: " + error.description);
  }
  return Failure(ExitCode::kServer, client::describe(error));
}

}  // namespace mytoken::cli
