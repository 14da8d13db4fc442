// add_token_flags and merge_token_flags (declared in command.hpp).
#include "cli/command.hpp"

namespace mytoken::cli {

namespace {

// An explicitly empty value (e.g. `--MT "$UNSET"` in a script) is a mistake, not "no token": without this check
// `mytoken MT` would silently start an interactive OIDC login instead.
std::string not_empty(const std::string& value) { return value.empty() ? "must not be empty" : ""; }

}  // namespace

void add_token_flags(CLI::App& app, TokenFlags& flags) {
  const char* group = "Mytoken (default: WLCG bearer token discovery)";
  app.add_option("--MT", flags.mt, "The mytoken itself (visible to other users in `ps`; prefer the others)")
      ->check(not_empty)
      ->group(group);
  app.add_option("--MT-file", flags.mt_file, "Read the mytoken from the first line of FILE")
      ->check(not_empty)
      ->group(group);
  app.add_option("--MT-env", flags.mt_env, "Read the mytoken from environment variable NAME")
      ->check(not_empty)
      ->group(group);
  app.add_flag("--MT-prompt", flags.mt_prompt, "Read the mytoken from stdin (no echo on a terminal)")->group(group);
}

TokenFlags merge_token_flags(const TokenFlags& specific, const TokenFlags& parent) {
  return specific.any() ? specific : parent;
}

}  // namespace mytoken::cli
