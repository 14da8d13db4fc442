// parse_restrictions and restrictions_from_json (declared in restrictions.hpp), spec §6.1.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <string>
#include <string_view>

#include "domain/host_entry.hpp"
#include "domain/json_number.hpp"
#include "domain/restrictions.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

namespace json = boost::json;
using domain_internal::json_int64;

void push_unique(std::vector<std::string>& v, std::string s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

std::vector<std::string> split_scopes(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    const size_t end = std::min(s.find(' ', i), s.size());
    if (end > i) push_unique(out, std::string(s.substr(i, end - i)));
    i = end + 1;
  }
  return out;
}

ApiError wrong(std::string_view key, std::string_view expected) {
  return ApiError::invalid_request("restriction '" + std::string(key) + "' must be " + std::string(expected));
}

// Request form: the client's conveniences are resolved and every value validated. A JSON null counts as absent,
// like Go's decoder, which the reference clients were written against.
class RequestClauseParser {
 public:
  RequestClauseParser(int64_t now, std::string_view caller_ip) : now_(now), caller_ip_(caller_ip) {}

  Result<RestrictionClause> parse(const json::object& o) const {
    RestrictionClause c;
    for (const auto& member : o) {
      const std::string_view key = member.key();
      const json::value& v = member.value();
      if (v.is_null()) continue;
      Result<void> r;
      if (key == "nbf" || key == "exp") {
        auto t = parse_restriction_time(v, now_);
        if (!t)
          return ApiError::invalid_request("invalid restriction '" + std::string(key) + "': " + t.error().description);
        (key == "nbf" ? c.nbf : c.exp) = *t;
      } else if (key == "scope") {
        if (!v.is_string()) return wrong(key, "a space-separated string");
        c.scopes = split_scopes(v.get_string());
      } else if (key == "audience") {
        r = parse_strings(key, v, /*audience=*/true, c.audiences);
      } else if (key == "hosts" || key == "ip") {  // `ip`: the legacy name of `hosts` (spec §6.1)
        r = parse_hosts(key, v, c.hosts);
      } else if (key == "geoip_allow") {
        r = parse_countries(key, v, c.geoip_allow);
      } else if (key == "geoip_disallow") {
        r = parse_countries(key, v, c.geoip_disallow);
      } else if (key == "usages_AT" || key == "usages_other") {
        const auto n = json_int64(v);
        if (!n || *n < 0) return wrong(key, "a non-negative integer");
        (key == "usages_AT" ? c.usages_AT : c.usages_other) = *n;
      }
      // Other keys (`include` templates, keys of newer servers) are ignored: clients may send them.
      if (!r) return std::move(r).error();
    }
    return c;
  }

 private:
  // Empty strings are skipped for audiences only; elsewhere they are invalid values, never "no restriction".
  static Result<void> parse_strings(std::string_view key, const json::value& v, bool audience,
                                    std::vector<std::string>& out) {
    if (audience && v.is_string()) {
      if (!v.get_string().empty()) push_unique(out, std::string(v.get_string()));
      return {};
    }
    if (!v.is_array()) return wrong(key, audience ? "a string or an array of strings" : "an array of strings");
    for (const auto& e : v.get_array()) {
      if (!e.is_string()) return wrong(key, "an array of strings");
      if (!audience || !e.get_string().empty()) push_unique(out, std::string(e.get_string()));
    }
    return {};
  }

  Result<void> parse_hosts(std::string_view key, const json::value& v, std::vector<std::string>& out) const {
    std::vector<std::string> raw;
    if (auto r = parse_strings(key, v, /*audience=*/false, raw); !r) return r;
    for (const auto& text : raw) {
      const bool self = ascii_iequals(text, "this");
      const auto entry = domain_internal::parse_host_entry(self ? caller_ip_ : std::string_view(text));
      if (!entry) {
        return ApiError::invalid_request(self ? "restriction '" + std::string(key) + "': the caller's IP is unknown"
                                              : "restriction '" + std::string(key) + "': invalid host '" + text +
                                                    "' (expected an IP, a CIDR, a host name or *.<domain>)");
      }
      push_unique(out, domain_internal::format_host_entry(*entry));
    }
    return {};
  }

  static Result<void> parse_countries(std::string_view key, const json::value& v, std::vector<std::string>& out) {
    std::vector<std::string> raw;
    if (auto r = parse_strings(key, v, /*audience=*/false, raw); !r) return r;
    for (auto& code : raw) {
      const bool letters = code.size() == 2 && std::all_of(code.begin(), code.end(), [](char ch) {
                             return std::isalpha(static_cast<unsigned char>(ch)) != 0;
                           });
      if (!letters) return wrong(key, "an array of two-letter country codes");
      push_unique(out, ascii_upper(code));
    }
    return {};
  }

  int64_t now_;
  std::string_view caller_ip_;
};

// Stored / JWT form: values are taken as written (the clause hash depends on them), only types are checked.
std::optional<RestrictionClause> stored_clause(const json::object& o) {
  RestrictionClause c;
  const auto strings = [](const json::value& v, std::vector<std::string>& out) {
    if (v.is_string()) {
      out.emplace_back(v.get_string());
      return true;
    }
    if (!v.is_array()) return false;
    for (const auto& e : v.get_array()) {
      if (!e.is_string()) return false;
      out.emplace_back(e.get_string());
    }
    return true;
  };
  for (const auto& member : o) {
    const std::string_view key = member.key();
    const json::value& v = member.value();
    if (v.is_null()) continue;
    if (key == "nbf" || key == "exp" || key == "usages_AT" || key == "usages_other") {
      const auto n = json_int64(v);
      if (!n || *n < 0) return std::nullopt;
      if (key == "nbf") c.nbf = *n;
      if (key == "exp") c.exp = *n;
      if (key == "usages_AT") c.usages_AT = *n;
      if (key == "usages_other") c.usages_other = *n;
    } else if (key == "scope") {
      if (!v.is_string()) return std::nullopt;
      c.scopes = split_scopes(v.get_string());
    } else if (key == "audience") {
      if (!strings(v, c.audiences)) return std::nullopt;
    } else if (key == "hosts" || key == "ip") {
      if (!strings(v, c.hosts)) return std::nullopt;
    } else if (key == "geoip_allow") {
      if (!strings(v, c.geoip_allow)) return std::nullopt;
    } else if (key == "geoip_disallow") {
      if (!strings(v, c.geoip_disallow)) return std::nullopt;
    }
  }
  return c;
}

}  // namespace

Result<Restrictions> parse_restrictions(const boost::json::value& json, int64_t now, std::string_view caller_ip) {
  static constexpr auto kShape = "restrictions must be a clause object or an array of clause objects";
  const RequestClauseParser parser(now, caller_ip);
  Restrictions out;
  const auto add = [&](const json::value& v) -> Result<void> {
    if (!v.is_object()) return ApiError::invalid_request(kShape);
    auto clause = parser.parse(v.get_object());
    if (!clause) return std::move(clause).error();
    if (!clause->empty()) out.push_back(std::move(*clause));  // spec §6.1: empty clauses are dropped
    return {};
  };
  if (json.is_object()) {
    if (auto r = add(json); !r) return std::move(r).error();
  } else if (json.is_array()) {
    for (const auto& e : json.get_array()) {
      if (auto r = add(e); !r) return std::move(r).error();
    }
  } else {
    return ApiError::invalid_request(kShape);
  }
  // Every token carries its restrictions: beyond this a token would not fit the request bodies it is presented in.
  if (json::serialize(restrictions_to_json(out)).size() > kMaxRestrictionsBytes) {
    return ApiError::invalid_request("restrictions too large: at most " + std::to_string(kMaxRestrictionsBytes) +
                                     " bytes of JSON");
  }
  return out;
}

// Errors are invalid_token: the data came from a token. A caller reading the store maps them to internal.
Result<Restrictions> restrictions_from_json(const boost::json::value& json) {
  Restrictions out;
  if (json.is_null()) return out;
  const auto add = [&](const json::value& v) {
    if (!v.is_object()) return false;
    auto clause = stored_clause(v.get_object());
    if (!clause) return false;
    out.push_back(std::move(*clause));
    return true;
  };
  bool ok = false;
  if (json.is_object()) {
    ok = add(json);
  } else if (json.is_array()) {
    ok = std::all_of(json.get_array().begin(), json.get_array().end(), add);
  }
  if (!ok) return ApiError::invalid_token("malformed restrictions");
  return out;
}

}  // namespace mytoken
