#include "domain/capabilities.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>

namespace mytoken {
namespace {

constexpr std::string_view kReadPrefix = "read@";

// spec §8.1, parents included.
constexpr std::array<std::string_view, 16> kKnown = {
    "AT",
    "create_mytoken",
    "tokeninfo",
    "tokeninfo:introspect",
    "tokeninfo:history",
    "tokeninfo:subtokens",
    "tokeninfo:notify",
    "manage_mytokens",
    "manage_mytokens:list",
    "manage_mytokens:revoke",
    "manage_mytokens:history",
    "manage_mytokens:notify",
    "settings",
    "settings:grants",
    "settings:grants:ssh",
    "settings:email",
};

struct Parsed {
  bool read_only;
  std::string_view path;
};

Parsed parse(std::string_view c) {
  if (c.starts_with(kReadPrefix)) return {true, c.substr(kReadPrefix.size())};
  return {false, c};
}

// Are the ':'-separated components of `prefix` a prefix of those of `path`? ("settings" of "settings:grants",
// but not of "settingsX").
bool is_path_prefix(std::string_view prefix, std::string_view path) {
  if (prefix.empty() || !path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == ':';
}

}  // namespace

bool has_capability(const Capabilities& set, std::string_view wanted) {
  const Parsed w = parse(wanted);
  if (w.path.empty()) return false;
  return std::any_of(set.begin(), set.end(), [&](const std::string& element) {
    const Parsed e = parse(element);
    if (e.read_only && !w.read_only) return false;  // read@X never grants the writing X
    return is_path_prefix(e.path, w.path);
  });
}

bool is_known_capability(std::string_view name) {
  const std::string_view path = parse(name).path;
  return std::find(kKnown.begin(), kKnown.end(), path) != kKnown.end();
}

Capabilities tighten_capabilities(const Capabilities& parent, const Capabilities& requested) {
  if (requested.empty()) return parent;
  Capabilities out;
  for (const auto& c : requested) {
    if (has_capability(parent, c)) out.push_back(c);  // spec §8.3: the rest is dropped silently
  }
  return out;
}

Result<Capabilities> parse_capabilities(const boost::json::value& json) {
  std::vector<std::string_view> names;
  if (json.is_string()) {
    const std::string_view s = json.get_string();
    for (size_t i = 0; i < s.size();) {
      const size_t end = std::min(s.find(' ', i), s.size());
      if (end > i) names.push_back(s.substr(i, end - i));
      i = end + 1;
    }
  } else if (json.is_array()) {
    for (const auto& e : json.get_array()) {
      if (!e.is_string()) return ApiError::invalid_request("capabilities must be an array of strings");
      names.push_back(e.get_string());
    }
  } else {
    return ApiError::invalid_request("capabilities must be an array of strings or a space-separated string");
  }
  Capabilities out;
  for (const auto name : names) {
    if (!is_known_capability(name)) return ApiError::invalid_request("unknown capability '" + std::string(name) + "'");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
  }
  return out;
}

Result<Capabilities> parse_requested_capabilities(const boost::json::value& json) {
  if (json.is_array() && json.get_array().empty()) return ApiError::invalid_request("capabilities must not be empty");
  return parse_capabilities(json);
}

boost::json::array capabilities_to_json(const Capabilities& c) {
  boost::json::array a;
  a.reserve(c.size());
  for (const auto& s : c) a.emplace_back(s);
  return a;
}

}  // namespace mytoken
