#include "cli/restriction_flags.hpp"

#include <boost/json/parse.hpp>

#include "cli/failure.hpp"
#include "cli/time_syntax.hpp"
#include "cli/token_file.hpp"
#include "client/api_client.hpp"

namespace mytoken::cli {
namespace {

std::vector<std::string> split_on_spaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = s.find_first_not_of(' ', i);
    if (start == std::string::npos) break;
    const size_t end = s.find(' ', start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    i = end == std::string::npos ? s.size() : end;
  }
  return out;
}

boost::json::array as_clause_list(const boost::json::value& json, const std::string& origin) {
  if (json.is_object()) return boost::json::array{json};
  if (json.is_array()) {
    for (const auto& clause : json.get_array()) {
      if (!clause.is_object()) usage_error(origin + ": every restriction must be a JSON object");
    }
    return json.get_array();
  }
  usage_error(origin + " must be a JSON object or array");
}

int64_t time_flag(const std::string& name, const std::string& value, int64_t now) {
  const auto t = parse_cli_time(value, now);
  if (!t) usage_error("invalid " + name + " '" + value + "': " + kTimeSyntaxHelp);
  return *t;
}

boost::json::array string_array(const std::vector<std::string>& values) {
  boost::json::array a;
  for (const auto& v : values) {
    if (!v.empty()) a.emplace_back(v);
  }
  return a;
}

}  // namespace

bool RestrictionFlags::any_shorthand() const {
  return !exp.empty() || !nbf.empty() || !scopes.empty() || !audiences.empty() || !hosts.empty() || ip_this ||
         !geoip_allow.empty() || !geoip_disallow.empty() || usages_at || usages_other;
}

std::optional<std::string> file_argument(const std::string& value, const std::string& home) {
  if (value.starts_with("@")) return value.substr(1);
  if (value.starts_with("~/")) return home + value.substr(1);
  if (value.starts_with("./") || value.starts_with("../") || value.starts_with("/")) return value;
  return std::nullopt;
}

std::optional<boost::json::array> build_restrictions(const RestrictionFlags& flags, int64_t now,
                                                     const std::string& home, bool* ignored_shorthands) {
  if (ignored_shorthands != nullptr) *ignored_shorthands = false;
  if (!flags.restrictions.empty()) {
    if (ignored_shorthands != nullptr) *ignored_shorthands = flags.any_shorthand();
    const std::string& value = flags.restrictions;
    if (const auto path = file_argument(value, home)) {
      const std::string text = read_file(*path);
      boost::system::error_code ec;
      const auto json = boost::json::parse(text, ec);
      if (ec) usage_error("could not parse restrictions file " + *path + ": " + ec.message());
      return as_clause_list(json, "restrictions file " + *path);
    }
    if (value.find_first_not_of(" \t") != std::string::npos &&
        (value[value.find_first_not_of(" \t")] == '{' || value[value.find_first_not_of(" \t")] == '[')) {
      boost::system::error_code ec;
      const auto json = boost::json::parse(value, ec);
      if (ec) usage_error("could not parse --restrictions JSON: " + ec.message());
      return as_clause_list(json, "--restrictions");
    }
    // Server restriction template names (cli spec §8.1 step 3).
    const auto names = split_on_spaces(value);
    if (names.empty()) return std::nullopt;
    boost::json::object clause;
    clause["include"] = names.size() == 1 ? boost::json::value(names[0]) : boost::json::value(string_array(names));
    return boost::json::array{clause};
  }
  boost::json::object clause;
  if (!flags.nbf.empty()) clause["nbf"] = time_flag("--nbf", flags.nbf, now);
  if (!flags.exp.empty()) clause["exp"] = time_flag("--exp", flags.exp, now);
  if (auto scope = client::join_with_spaces(flags.scopes); !scope.empty()) clause["scope"] = scope;
  if (auto a = string_array(flags.audiences); !a.empty()) clause["audience"] = std::move(a);
  auto hosts = string_array(flags.hosts);
  if (flags.ip_this) hosts.emplace_back("this");
  if (!hosts.empty()) clause["hosts"] = std::move(hosts);
  if (auto a = string_array(flags.geoip_allow); !a.empty()) clause["geoip_allow"] = std::move(a);
  // Sent also on its own (cli spec §17 item 3).
  if (auto a = string_array(flags.geoip_disallow); !a.empty()) clause["geoip_disallow"] = std::move(a);
  if (flags.usages_at) {
    if (*flags.usages_at < 0) usage_error("--usages-AT must not be negative");
    clause["usages_AT"] = *flags.usages_at;
  }
  if (flags.usages_other) {
    if (*flags.usages_other < 0) usage_error("--usages-other must not be negative");
    clause["usages_other"] = *flags.usages_other;
  }
  if (clause.empty()) return std::nullopt;
  return boost::json::array{clause};
}

}  // namespace mytoken::cli
