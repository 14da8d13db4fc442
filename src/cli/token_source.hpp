#pragma once

#include <functional>
#include <optional>
#include <string>

#include "cli/environment.hpp"

namespace mytoken::cli {

// The mytoken flags of cli spec §4.1.
struct TokenFlags {
  std::string mt;       // --MT
  std::string mt_file;  // --MT-file
  std::string mt_env;   // --MT-env (a variable name)
  bool mt_prompt = false;

  bool any() const { return !mt.empty() || !mt_file.empty() || !mt_env.empty() || mt_prompt; }
};

// A mytoken and where it came from. `file` is set when it was read from a file, which is where a rotated token
// is written back to (cli spec §4.3).
struct FoundToken {
  std::string token;
  std::string file;
  std::string origin;  // for messages: "--MT", "$BEARER_TOKEN", "file /run/user/1000/mt_u1000", ...
};

// Reads the token for --MT-prompt (cli/prompt.hpp in production).
using SecretReader = std::function<std::string(const std::string& prompt)>;

// Resolves the mytoken in the order of cli spec §4.1: --MT-prompt, --MT, --MT-env (if the variable is set),
// --MT-file, then WLCG bearer token discovery (§4.2) if `wlcg_discovery`. nullopt if none yields a token.
// An unreadable --MT-file throws Failure; an unreadable discovery candidate is skipped.
std::optional<FoundToken> find_mytoken(const TokenFlags& flags, bool wlcg_discovery, const Environment& env,
                                       const SecretReader& read_secret);

// WLCG Bearer Token Discovery alone (cli spec §4.2).
std::optional<FoundToken> discover_bearer_token(const Environment& env);

}  // namespace mytoken::cli
