#pragma once

#include <functional>
#include <optional>
#include <string>

namespace mytoken::cli {

// What the CLI reads from its process environment, injectable so tests do not touch the real one.
struct Environment {
  std::function<std::optional<std::string>(const std::string& name)> variable;
  unsigned long uid = 0;  // real user id, for the WLCG token file names
  std::string hostname;

  // The value of `name`, or nullopt if it is unset (an empty value counts as set).
  std::optional<std::string> get(const std::string& name) const { return variable(name); }
  // The value of `name`; nullopt if unset or empty.
  std::optional<std::string> non_empty(const std::string& name) const;
};

Environment process_environment();

}  // namespace mytoken::cli
