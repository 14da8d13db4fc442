#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/environment.hpp"

namespace mytoken::cli {

inline constexpr const char* kDefaultInstance = "https://mytoken.data.kit.edu";

// The client configuration file (cli spec §2). Keys absent from the file keep these defaults.
struct ClientConfig {
  std::string instance = kDefaultInstance;
  std::string token_name_prefix = "<hostname>";
  std::vector<std::string> default_token_capabilities = {"AT", "tokeninfo"};
  std::string default_provider;
  bool use_wlcg_token_discovery = true;
  std::vector<std::pair<std::string, std::string>> providers;  // short name → issuer URL, file order
  std::string loaded_from;                                     // the file read; empty if none

  // The issuer URL for a provider short name, or nullopt.
  std::optional<std::string> provider_issuer(const std::string& name) const;
};

// The file to read: `explicit_path` if given, else the first existing of $XDG_CONFIG_HOME/mytoken/config.yaml
// (default ~/.config/mytoken/config.yaml) and ~/.mytoken/config.yaml; nullopt if there is none.
std::optional<std::string> find_config_file(const std::string& explicit_path, const Environment& env);

// Reads the configuration. A missing file yields the defaults (also for an explicit path, as the reference
// does); unparsable YAML or a value of the wrong type throws Failure (kUsage) naming the file.
ClientConfig load_client_config(const std::string& explicit_path, const Environment& env);
// Parses YAML text; `origin` names it in error messages.
ClientConfig parse_client_config(const std::string& yaml, const std::string& origin);

}  // namespace mytoken::cli
