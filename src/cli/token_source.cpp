#include "cli/token_source.hpp"

#include <fstream>
#include <sstream>

#include "cli/failure.hpp"
#include "cli/token_file.hpp"

namespace mytoken::cli {
namespace {

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

// The trimmed content of a file, or nullopt if it cannot be read or is empty.
std::optional<std::string> try_read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = first_line(trim(text.str()));
  if (token.empty()) return std::nullopt;
  return token;
}

}  // namespace

std::optional<FoundToken> discover_bearer_token(const Environment& env) {
  if (const auto value = env.non_empty("BEARER_TOKEN")) {
    if (auto token = trim(*value); !token.empty()) return FoundToken{token, "", "$BEARER_TOKEN"};
  }
  std::vector<std::string> files;
  if (const auto file = env.non_empty("BEARER_TOKEN_FILE")) files.push_back(*file);
  const std::string uid = std::to_string(env.uid);
  if (const auto dir = env.non_empty("XDG_RUNTIME_DIR")) {
    files.push_back(*dir + "/mt_u" + uid);
    files.push_back(*dir + "/bt_u" + uid);
  }
  files.push_back("/tmp/mt_u" + uid);
  files.push_back("/tmp/bt_u" + uid);
  for (const auto& f : files) {
    if (auto token = try_read_token_file(f)) return FoundToken{*token, f, "file " + f};
  }
  return std::nullopt;
}

std::optional<FoundToken> find_mytoken(const TokenFlags& flags, bool wlcg_discovery, const Environment& env,
                                       const SecretReader& read_secret) {
  if (flags.mt_prompt) {
    std::string token = trim(read_secret("Enter mytoken: "));
    if (token.empty()) usage_error("no mytoken entered");
    return FoundToken{token, "", "--MT-prompt"};
  }
  if (!flags.mt.empty()) return FoundToken{flags.mt, "", "--MT"};
  if (!flags.mt_env.empty()) {
    if (const auto value = env.get(flags.mt_env); value && !trim(*value).empty()) {
      return FoundToken{trim(*value), "", "$" + flags.mt_env};
    }
  }
  if (!flags.mt_file.empty()) {
    std::string token = first_line(read_file(flags.mt_file));
    if (token.empty()) usage_error("the file " + flags.mt_file + " holds no mytoken");
    return FoundToken{token, flags.mt_file, "file " + flags.mt_file};
  }
  if (wlcg_discovery) return discover_bearer_token(env);
  return std::nullopt;
}

}  // namespace mytoken::cli
