#include "cli/mytoken_request_flags.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "cli/failure.hpp"
#include "cli/token_file.hpp"

namespace mytoken::cli {
namespace {

std::vector<std::string> split_on_spaces(const std::string& s) {
  std::vector<std::string> out;
  std::string current;
  for (const char c : s) {
    if (c == ' ' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool starts_json(const std::string& s, char open) {
  const auto i = s.find_first_not_of(" \t\r\n");
  return i != std::string::npos && s[i] == open;
}

boost::json::value names_value(const std::vector<std::string>& names) {
  if (names.size() == 1) return boost::json::value(names[0]);
  boost::json::array a;
  for (const auto& n : names) a.emplace_back(n);
  return a;
}

boost::json::object parse_json_object(const std::string& text, const std::string& origin) {
  boost::system::error_code ec;
  auto json = boost::json::parse(text, ec);
  if (ec) usage_error("could not parse " + origin + ": " + ec.message());
  if (!json.is_object()) usage_error(origin + " must be a JSON object");
  return std::move(json.get_object());
}

}  // namespace

std::string response_type_for(const std::string& token_type) {
  if (token_type == "token") return "token";
  if (token_type == "short") return "short_token";
  if (token_type == "transfer") return "transfer_code";
  return token_type;
}

std::vector<std::string> parse_capability_flags(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& c) {
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (std::string value : values) {
    if (starts_json(value, '[')) {
      boost::system::error_code ec;
      const auto json = boost::json::parse(value, ec);
      if (ec || !json.is_array()) usage_error("could not parse --capability JSON array: " + value);
      for (const auto& c : json.get_array()) {
        if (!c.is_string()) usage_error("--capability: every capability must be a string");
        add(std::string(c.get_string()));
      }
      continue;
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    for (const auto& c : split_on_spaces(value)) add(c);
  }
  return out;
}

std::optional<boost::json::object> build_rotation(const RotationFlags& flags, const std::string& home) {
  std::optional<boost::json::object> rotation;
  if (!flags.rotation.empty()) {
    if (const auto path = file_argument(flags.rotation, home)) {
      rotation = parse_json_object(read_file(*path), "rotation file " + *path);
    } else if (starts_json(flags.rotation, '{')) {
      rotation = parse_json_object(flags.rotation, "--rotation JSON");
    } else {
      const auto names = split_on_spaces(flags.rotation);
      if (!names.empty()) rotation = boost::json::object{{"include", names_value(names)}};
    }
  }
  const auto flag_set = flags.on_at || flags.on_other || flags.auto_revoke || flags.lifetime.has_value();
  if (!flag_set) return rotation;
  if (!rotation) rotation.emplace();
  if (flags.on_at) (*rotation)["on_AT"] = true;
  if (flags.on_other) (*rotation)["on_other"] = true;
  if (flags.auto_revoke) (*rotation)["auto_revoke"] = true;
  if (flags.lifetime) {
    if (*flags.lifetime < 0) usage_error("--rotation-lifetime must not be negative");
    (*rotation)["lifetime"] = *flags.lifetime;
  }
  return rotation;
}

std::string prefixed_token_name(const std::string& name, const std::string& prefix, const std::string& hostname) {
  if (name.empty() || prefix.empty()) return name;
  std::string p = prefix;
  const std::string placeholder = "<hostname>";
  for (size_t i = p.find(placeholder); i != std::string::npos; i = p.find(placeholder, i + hostname.size())) {
    p.replace(i, placeholder.size(), hostname);
  }
  return p + ":" + name;
}

client::MytokenRequest build_mytoken_request(const MytokenRequestFlags& flags, const ClientConfig& config,
                                             const std::string& hostname, const std::string& home, int64_t now,
                                             std::vector<std::string>& warnings) {
  client::MytokenRequest request;
  if (!flags.profile.empty()) {
    if (starts_json(flags.profile, '{')) {
      request.base = parse_json_object(flags.profile, "--profile JSON");
    } else if (const auto names = split_on_spaces(flags.profile); !names.empty()) {
      request.include = names_value(names);
    }
  }
  bool ignored = false;
  request.restrictions = build_restrictions(flags.restrictions, now, home, &ignored);
  if (ignored) warnings.emplace_back("--restrictions is given, so the restriction shorthand flags are ignored");
  request.capabilities = parse_capability_flags(flags.capabilities);
  const bool profile_names_capabilities =
      request.base.contains("capabilities") || request.include || request.base.contains("include");
  if (request.capabilities.empty() && !profile_names_capabilities) {
    request.capabilities = config.default_token_capabilities;
  }
  request.rotation = build_rotation(flags.rotation, home);
  request.name = prefixed_token_name(flags.name, config.token_name_prefix, hostname);
  // Only an explicit --token-type overrides a profile's response_type (cli spec §17 item 5).
  if (!flags.token_type.empty()) {
    request.response_type = response_type_for(flags.token_type);
  } else if (!request.base.contains("response_type")) {
    request.response_type = "token";
  }
  request.application_name = "mytoken client on " + hostname;
  return request;
}

bool inherit_parent_contents(client::MytokenRequest& request, const MytokenRequestFlags& flags,
                             const std::optional<boost::json::object>& parent_claims) {
  const bool named =
      !flags.profile.empty() || !parse_capability_flags(flags.capabilities).empty() || request.restrictions.has_value();
  if (named || !parent_claims) return false;
  const auto* caps = parent_claims->if_contains("capabilities");
  if (caps == nullptr || !caps->is_array()) return false;
  std::vector<std::string> inherited;
  for (const auto& c : caps->as_array()) {
    if (c.is_string()) inherited.emplace_back(c.as_string());
  }
  if (inherited.empty()) return false;
  request.capabilities = std::move(inherited);
  return true;
}

}  // namespace mytoken::cli
