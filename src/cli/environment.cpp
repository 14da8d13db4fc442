#include "cli/environment.hpp"

#include <unistd.h>

#include <cstdlib>

namespace mytoken::cli {

std::optional<std::string> Environment::non_empty(const std::string& name) const {
  auto v = get(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

Environment process_environment() {
  Environment env;
  env.variable = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
  env.uid = static_cast<unsigned long>(getuid());
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) == 0) env.hostname = host;
  return env;
}

}  // namespace mytoken::cli
