#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mytoken::cli {

// The restriction flags of `mytoken MT` (cli spec §7.1, §8.1, §8.2).
struct RestrictionFlags {
  std::string restrictions;  // --restrictions: JSON, a file, or template names
  std::string exp;
  std::string nbf;
  std::vector<std::string> scopes;
  std::vector<std::string> audiences;
  std::vector<std::string> hosts;
  bool ip_this = false;  // --ip-this: the server puts in the address it sees us at ("this", server spec §5.2)
  std::vector<std::string> geoip_allow;
  std::vector<std::string> geoip_disallow;
  std::optional<int64_t> usages_at;
  std::optional<int64_t> usages_other;

  bool any_shorthand() const;
};

// The `restrictions` member to send, or nullopt for none (inherit the parent's / server default).
// --restrictions wins over the shorthands (which then only trigger a warning via `ignored_shorthands`).
// Bad JSON, unreadable files and bad times throw Failure (kUsage or kFailure).
// `home` expands "~/" in file names.
std::optional<boost::json::array> build_restrictions(const RestrictionFlags& flags, int64_t now,
                                                     const std::string& home, bool* ignored_shorthands = nullptr);

// A --restrictions/--rotation value that names a file: "./x", "../x", "/x", "~/x" (cli spec §8.1) or "@x".
// Returns the path (tilde expanded with $HOME) or nullopt.
std::optional<std::string> file_argument(const std::string& value, const std::string& home);

}  // namespace mytoken::cli
