#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/client_config.hpp"
#include "cli/restriction_flags.hpp"
#include "client/mytoken_request.hpp"

namespace mytoken::cli {

// The rotation flags of `mytoken MT` (cli spec §8.5). Unlike the reference, the boolean/lifetime flags alone
// create a rotation object, and --rotation accepts JSON, a file or template names (§17 item 2).
struct RotationFlags {
  std::string rotation;
  bool on_at = false;
  bool on_other = false;
  bool auto_revoke = false;
  std::optional<int64_t> lifetime;
};

// Everything of `mytoken MT` that goes into the request body (cli spec §8).
struct MytokenRequestFlags {
  std::string profile;                    // --profile: JSON object or server profile names
  std::vector<std::string> capabilities;  // each --capability: JSON array or space-separated names
  RestrictionFlags restrictions;
  RotationFlags rotation;
  std::string name;
  std::string token_type;  // token | short | transfer | anything else verbatim; empty = not given
};

// "token"→"token", "short"→"short_token", "transfer"→"transfer_code", other values verbatim (cli spec §7.1).
std::string response_type_for(const std::string& token_type);

// Capabilities from the --capability values: JSON arrays or space-separated lists, one optional pair of
// surrounding quotes stripped, duplicates removed in order (cli spec §8.3).
std::vector<std::string> parse_capability_flags(const std::vector<std::string>& values);

// The rotation object to send, or nullopt.
std::optional<boost::json::object> build_rotation(const RotationFlags& flags, const std::string& home);

// "<prefix>:<name>" with "<hostname>" in the prefix replaced (cli spec §2 token_name_prefix).
std::string prefixed_token_name(const std::string& name, const std::string& prefix, const std::string& hostname);

// The whole request (cli spec §8.6) except grant-specific members. `warnings` collects notes for stderr.
client::MytokenRequest build_mytoken_request(const MytokenRequestFlags& flags, const ClientConfig& config,
                                             const std::string& hostname, const std::string& home, int64_t now,
                                             std::vector<std::string>& warnings);

// A sub-token request for which the user named no capability, restriction or profile asks for what the parent
// has (cli spec §7.3, issue 20): the parent's capabilities from its JWT claims, and no `restrictions`, which the
// server answers with the parent's own restrictions and their remaining usages (server spec §6.5 step 3). A parent
// that is not a JWT (a short token) keeps the config default. Returns true if it changed the request.
bool inherit_parent_contents(client::MytokenRequest& request, const MytokenRequestFlags& flags,
                             const std::optional<boost::json::object>& parent_claims);

}  // namespace mytoken::cli
