#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

using Capabilities = std::vector<std::string>;

namespace capability {
inline constexpr std::string_view kAT = "AT";
inline constexpr std::string_view kCreateMytoken = "create_mytoken";
inline constexpr std::string_view kTokeninfoIntrospect = "tokeninfo:introspect";
inline constexpr std::string_view kTokeninfoHistory = "tokeninfo:history";
inline constexpr std::string_view kTokeninfoSubtokens = "tokeninfo:subtokens";
inline constexpr std::string_view kManageList = "manage_mytokens:list";
inline constexpr std::string_view kManageRevoke = "manage_mytokens:revoke";
inline constexpr std::string_view kManageHistory = "manage_mytokens:history";
}  // namespace capability

// Does `set` grant `wanted`? Hierarchical with `read@` variants (spec §8.2).
bool has_capability(const Capabilities& set, std::string_view wanted);
// Is `name` a capability of spec §8.1 (or its read@ form where defined, or a parent of known ones)?
bool is_known_capability(std::string_view name);
// Requested omitted/empty → parent; else the requested ones the parent grants, in request order (spec §8.3).
Capabilities tighten_capabilities(const Capabilities& parent, const Capabilities& requested);
// Parses the `capabilities` request member: array of strings or one space-separated string. Unknown names
// → 400 invalid_request "unknown capability '<c>'". Duplicates removed, order kept.
Result<Capabilities> parse_capabilities(const boost::json::value& json);
// parse_capabilities for a request member that is present: an explicit empty list is 400 invalid_request
// "capabilities must not be empty", not "the defaults" (docs/decisions.md; only an absent member means those).
Result<Capabilities> parse_requested_capabilities(const boost::json::value& json);
boost::json::array capabilities_to_json(const Capabilities& c);

}  // namespace mytoken
